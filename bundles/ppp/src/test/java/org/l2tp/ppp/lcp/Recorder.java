package org.l2tp.ppp.lcp;

import java.util.ArrayList;
import java.util.List;

/** Records what LCP and the NCPs tell the coordinator. */
final class Recorder<R> implements LcpListener, NcpListener<R> {
    final List<String> events = new ArrayList<>();
    Object result;
    String reason;
    final List<Integer> rejectedProtocols = new ArrayList<>();

    @Override
    public void up(LcpResult r) {
        result = r;
        events.add("up");
    }

    @Override
    public void up(R r) {
        result = r;
        events.add("up");
    }

    @Override
    public void down() {
        events.add("down");
    }

    @Override
    public void finished(String reason) {
        this.reason = reason;
        events.add("finished");
    }

    @Override
    public void protocolRejected(int protocol) {
        rejectedProtocols.add(protocol);
    }
}
