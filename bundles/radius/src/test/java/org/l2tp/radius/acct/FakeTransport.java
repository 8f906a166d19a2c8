package org.l2tp.radius.acct;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.aaa4j.radius.core.packet.Packet;
import org.aaa4j.radius.core.packet.packets.AccountingResponse;
import org.l2tp.radius.client.RadiusTimeoutException;
import org.l2tp.radius.client.RadiusTransport;

/**
 * A transport that records every Accounting-Request and answers as the test says: at once with an
 * Accounting-Response ({@link Mode#ACK}), at once with a time-out ({@link Mode#DOWN}), or never until the test
 * completes the request ({@link Mode#HOLD}).
 */
public final class FakeTransport implements RadiusTransport {
    public enum Mode { ACK, DOWN, HOLD }

    record Sent(Packet request, CompletableFuture<Packet> answer) {
    }

    final List<Sent> sent = java.util.Collections.synchronizedList(new ArrayList<>());
    public volatile Mode mode = Mode.ACK;
    public volatile boolean servers = true;

    @Override
    public CompletionStage<Packet> send(Role role, Packet request) {
        if (role != Role.ACCT) {
            throw new AssertionError("accounting sent to " + role);
        }
        CompletableFuture<Packet> f = new CompletableFuture<>();
        sent.add(new Sent(request, f));
        switch (mode) {
            case ACK -> f.complete(new AccountingResponse());
            case DOWN -> f.completeExceptionally(new RadiusTimeoutException("no accounting server answered"));
            case HOLD -> { }
        }
        return f;
    }

    @Override
    public boolean hasServers(Role role) {
        return servers;
    }

    /** The requests sent so far, decoded for assertions. */
    public List<Acct> requests() {
        synchronized (sent) {
            return sent.stream().map(s -> Acct.of(s.request())).toList();
        }
    }

    public Acct last() {
        synchronized (sent) {
            return Acct.of(sent.get(sent.size() - 1).request());
        }
    }
}
