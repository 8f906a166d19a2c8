package org.l2tp.shell;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.l2tp.api.ControlCounters;
import org.l2tp.api.dataplane.DataCounters;

/** Shared formatting and waiting for the commands. */
final class Format {
    private Format() {
    }

    static String endpoint(InetSocketAddress a) {
        if (a == null) {
            return "-";
        }
        String h = a.getAddress().getHostAddress();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    static String age(Instant since) {
        Duration d = Duration.between(since, Instant.now());
        long s = d.getSeconds();
        return s < 120 ? s + "s" : s < 7200 ? s / 60 + "m" : s < 172_800 ? s / 3600 + "h" : s / 86_400 + "d";
    }

    static String messages(Map<String, Long> m) {
        return m.isEmpty() ? "-" : m.toString().replaceAll("[{}]", "");
    }

    static String data(DataCounters d) {
        return "tx " + d.txPackets() + " pkts/" + d.txBytes() + " B (" + d.txErrors() + " err), rx " + d.rxPackets()
                + " pkts/" + d.rxBytes() + " B (" + d.rxErrors() + " err, " + d.rxSeqDiscards() + " seq discards, "
                + d.rxOosPackets() + " out of sequence)";
    }

    static String control(ControlCounters c) {
        return "received " + messages(c.received()) + "; sent " + messages(c.sent()) + "; retransmissions "
                + c.retransmissions() + ", duplicates " + c.duplicates() + ", out of window " + c.outOfWindow()
                + ", malformed " + c.malformed() + "; window " + c.sendWindow() + ", cwnd " + c.congestionWindow()
                + ", queued " + c.queued();
    }

    /** Waits for an action; the daemon's own message when it fails. */
    static <T> T await(CompletionStage<T> stage, long seconds) throws Exception {
        try {
            return stage.toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer within " + seconds + " s (still in progress)");
        }
    }

    /** "T/S" or a session id unique over all tunnels. */
    static int[] sessionId(org.l2tp.api.L2tpService l2tp, String id) {
        if (id.contains("/")) {
            String[] p = id.split("/");
            return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
        }
        int s = Integer.parseInt(id);
        var matches = l2tp.sessions(0).stream().filter(x -> x.localId() == s).toList();
        if (matches.size() != 1) {
            throw new IllegalArgumentException(matches.isEmpty() ? "no session " + s
                    : "session " + s + " exists on several tunnels: say TUNNEL/SESSION");
        }
        return new int[] {matches.get(0).tunnelId(), s};
    }
}
