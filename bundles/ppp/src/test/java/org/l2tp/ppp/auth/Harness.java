package org.l2tp.ppp.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.l2tp.api.aaa.AuthMethod;
import org.l2tp.api.aaa.AuthResult;
import org.l2tp.api.aaa.Authenticator;
import org.l2tp.api.aaa.SessionContext;
import org.l2tp.ppp.frame.ControlPacket;
import org.l2tp.ppp.frame.FrameException;
import org.l2tp.ppp.frame.Protocols;

/**
 * An authenticator and a client of one method wired back to back through a queue that stands for the link's
 * thread: packets are encoded and decoded on the way, and may be dropped.
 */
final class Harness {
    static final SessionContext SESSION = new SessionContext(1, 2, 3, null, null, "192.0.2.1", "192.0.2.2", "default");
    static final long RETRY = 3000;
    static final int MAX = 4;
    static final long DEADLINE = 60_000;

    final ManualTimers timers = new ManualTimers();
    /** The link's thread: packets in flight and tasks posted by AAA answers from any thread. */
    final ConcurrentLinkedQueue<Runnable> loop = new ConcurrentLinkedQueue<>();
    final Recorder authEvents = new Recorder();
    final Recorder clientEvents = new Recorder();
    final List<ControlPacket> fromAuth = new ArrayList<>();
    final List<ControlPacket> fromClient = new ArrayList<>();
    final AtomicInteger aaaCalls = new AtomicInteger();
    Predicate<ControlPacket> dropFromAuth = p -> false;
    Predicate<ControlPacket> dropFromClient = p -> false;
    final int protocol;
    final AuthSide auth;
    final AuthSide client;
    final AuthenticatorContext authContext;
    final ClientContext clientContext;

    Harness(AuthMethod m, Authenticator aaa, String name, String password) {
        protocol = m == AuthMethod.PAP ? Protocols.PAP : Protocols.CHAP;
        Authenticator counting = r -> {
            aaaCalls.incrementAndGet();
            return aaa.authenticate(r);
        };
        authContext = new AuthenticatorContext("lns", counting, SESSION, (proto, p) -> {
            check(proto);
            fromAuth.add(p);
            if (!dropFromAuth.test(p)) {
                loop.add(() -> client().receive(wire(p)));
            }
        }, timers, loop::add, new SplittableRandom(7), authEvents, RETRY, MAX, DEADLINE);
        clientContext = new ClientContext(name, password, (proto, p) -> {
            check(proto);
            fromClient.add(p);
            if (!dropFromClient.test(p)) {
                loop.add(() -> auth().receive(wire(p)));
            }
        }, timers, clientEvents, RETRY, MAX);
        auth = AuthProtocols.authenticator(m, authContext);
        client = AuthProtocols.client(m, clientContext);
    }

    private AuthSide client() {
        return client;
    }

    private AuthSide auth() {
        return auth;
    }

    private void check(int proto) {
        if (proto != protocol) {
            throw new AssertionError("sent on " + Protocols.name(proto));
        }
    }

    private static ControlPacket wire(ControlPacket p) {
        try {
            byte[] b = p.encode();
            return ControlPacket.decode(b, 0, b.length);
        } catch (FrameException e) {
            throw new AssertionError(e);
        }
    }

    /** Starts both sides and runs the link until nothing is left to do now. */
    Harness start() {
        auth.start();
        client.start();
        run();
        return this;
    }

    /** Runs the link's queue until empty. */
    void run() {
        Runnable r;
        while ((r = loop.poll()) != null) {
            r.run();
        }
    }

    /** Lets virtual time pass, the link running after each timer. */
    void advance(long ms) {
        timers.advance(ms, this::run);
    }

    /** An {@link AuthListener} that records what it heard and on which thread. */
    static final class Recorder implements AuthListener {
        final List<String> events = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        AuthResult result;

        @Override
        public void succeeded(String name, AuthResult result) {
            events.add("succeeded " + name);
            threads.add(Thread.currentThread());
            this.result = result;
        }

        @Override
        public void failed(String reason) {
            events.add("failed " + reason);
            threads.add(Thread.currentThread());
        }
    }
}
