package org.l2tp.shell;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.l2tp.api.L2tpService;
import org.l2tp.api.SessionInfo;
import org.l2tp.api.ppp.PppInfo;

/** Completers for tunnel ids, session ids, peer names, and the users and peer addresses sessions' PPP reports. */
final class Completers {
    private Completers() {
    }

    static int complete(List<String> values, Session session, CommandLine line, List<String> candidates) {
        return new StringsCompleter(values).complete(session, line, candidates);
    }

    @Service
    public static final class TunnelIds implements Completer {
        @Reference
        L2tpService l2tp;

        @Override
        public int complete(Session session, CommandLine line, List<String> candidates) {
            return Completers.complete(l2tp.tunnels().stream().map(t -> String.valueOf(t.localId())).toList(),
                    session, line, candidates);
        }
    }

    @Service
    public static final class SessionIds implements Completer {
        @Reference
        L2tpService l2tp;

        @Override
        public int complete(Session session, CommandLine line, List<String> candidates) {
            return Completers.complete(l2tp.sessions(0).stream().map(s -> SessionRef.of(s).toString())
                    .toList(), session, line, candidates);
        }
    }

    @Service
    public static final class PeerNames implements Completer {
        @Reference
        L2tpService l2tp;

        @Override
        public int complete(Session session, CommandLine line, List<String> candidates) {
            return Completers.complete(l2tp.peerNames(), session, line, candidates);
        }
    }

    /** What the sessions' PPP reports, each once, sorted. */
    static List<String> ofPpp(L2tpService l2tp, Function<PppInfo, String> field) {
        return l2tp.sessions(0).stream().map(SessionInfo::ppp).filter(Objects::nonNull).map(field)
                .filter(Objects::nonNull).distinct().sorted().toList();
    }

    @Service
    public static final class Users implements Completer {
        @Reference
        L2tpService l2tp;

        @Override
        public int complete(Session session, CommandLine line, List<String> candidates) {
            return Completers.complete(ofPpp(l2tp, PppInfo::user), session, line, candidates);
        }
    }

    @Service
    public static final class PeerAddresses implements Completer {
        @Reference
        L2tpService l2tp;

        @Override
        public int complete(Session session, CommandLine line, List<String> candidates) {
            return Completers.complete(ofPpp(l2tp, PppInfo::peerAddress), session, line, candidates);
        }
    }
}
