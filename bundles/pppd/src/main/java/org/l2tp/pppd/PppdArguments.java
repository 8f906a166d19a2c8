package org.l2tp.pppd;

import java.util.ArrayList;
import java.util.List;

import org.l2tp.api.aaa.AuthMethod;
import org.l2tp.api.dataplane.SessionParameters;

/** The pppd command line for one session: the pppol2tp plugin on an inherited descriptor, then the profile. */
final class PppdArguments {
    /** The descriptor pppd finds the session socket on: right after stdin, stdout and stderr. */
    static final int SESSION_FD = 3;

    private PppdArguments() {
    }

    /** The interface name we give the session: unique per (tunnel, session), within IFNAMSIZ (15 characters). */
    static String interfaceName(SessionParameters s) {
        return "l2tp" + s.localTunnelId() + "-" + s.localSessionId();
    }

    /**
     * The reorder time-out and the kernel debug mask are not passed: the kernel data plane sets them on the session
     * socket itself before pppd gets it.
     */
    static List<String> build(PppProfile p, SessionParameters s, String peerAddress) {
        List<String> a = new ArrayList<>();
        a.add(p.pppd());
        a.add("plugin");
        a.add("pppol2tp.so");
        a.add("pppol2tp");
        a.add(String.valueOf(SESSION_FD));
        if (s.lns()) {
            a.add("pppol2tp_lns_mode");
        }
        a.add("pppol2tp_tunnel_id");
        a.add(String.valueOf(s.localTunnelId()));
        a.add("pppol2tp_session_id");
        a.add(String.valueOf(s.localSessionId()));
        if (s.sequencing()) {
            a.add("pppol2tp_send_seq");
            a.add("pppol2tp_recv_seq");
        }
        // Foreground, our interface name, no serial-line habits.
        a.add("nodetach");
        a.add("ifname");
        a.add(interfaceName(s));
        a.add("noaccomp");
        a.add("nopcomp");
        a.add("default-asyncmap");
        a.add("nodeflate");
        a.add("nobsdcomp");
        a.add("novj");
        a.add("novjccomp");
        if (p.optionsFile() != null) {
            a.add("file");
            a.add(p.optionsFile());
        }
        // Authentication is required unless the profile says "none" in words. On the LAC side pppd is the
        // client: the LNS authenticates it and is not asked to authenticate itself.
        switch (p.auth()) {
            case "required" -> a.add(s.lns() ? "auth" : "noauth");
            case "none" -> a.add("noauth");
            case "eap" -> a.add("require-eap");
            default -> {
                for (AuthMethod m : p.requiredMethods()) {
                    a.add("require-" + m.key());
                }
            }
        }
        for (String r : p.refuse()) {
            a.add("refuse-" + r);
        }
        if (p.localName() != null) {
            a.add("name");
            a.add(p.localName());
        }
        if (p.localAddress() != null || peerAddress != null) {
            a.add((p.localAddress() == null ? "" : p.localAddress()) + ":" + (peerAddress == null ? "" : peerAddress));
        }
        for (String d : p.dns()) {
            a.add("ms-dns");
            a.add(d);
        }
        if (p.mtu() > 0) {
            a.add("mtu");
            a.add(String.valueOf(p.mtu()));
        }
        if (p.mru() > 0) {
            a.add("mru");
            a.add(String.valueOf(p.mru()));
        }
        if (p.lcpEchoInterval() > 0) {
            a.add("lcp-echo-interval");
            a.add(String.valueOf(p.lcpEchoInterval()));
            a.add("lcp-echo-failure");
            a.add(String.valueOf(p.lcpEchoFailure()));
        }
        for (String plugin : p.plugins()) {
            a.add("plugin");
            a.add(plugin);
        }
        if (p.debug()) {
            a.add("debug");
        }
        for (String o : p.extra()) {
            for (String word : o.trim().split("\\s+")) {
                a.add(word);
            }
        }
        return a;
    }
}
