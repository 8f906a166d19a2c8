package org.l2tp.shell;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.karaf.shell.support.table.ShellTable;
import org.l2tp.api.ControlCounters;
import org.l2tp.api.SessionInfo;
import org.l2tp.api.dataplane.DataCounters;

/** Shared formatting for the commands. */
final class Format {
    private Format() {
    }

    /** A table with these columns. */
    static ShellTable table(String... columns) {
        ShellTable t = new ShellTable();
        for (String c : columns) {
            t.column(c);
        }
        return t;
    }

    /** A two-column Property/Value table. */
    static ShellTable properties() {
        return table("Property", "Value");
    }

    static String orDash(String s) {
        return s == null ? "-" : s;
    }

    /** The user the session's PPP reports, or "-". */
    static String user(SessionInfo s) {
        return orDash(s.ppp() == null ? null : s.ppp().user());
    }

    /** The peer's address on the session's PPP link, or "-". */
    static String peerAddress(SessionInfo s) {
        return orDash(s.ppp() == null ? null : s.ppp().peerAddress());
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
}
