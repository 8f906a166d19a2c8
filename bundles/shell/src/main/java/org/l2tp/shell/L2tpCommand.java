package org.l2tp.shell;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.support.CommandException;
import org.l2tp.api.L2tpService;
import org.l2tp.api.SessionInfo;
import org.l2tp.api.TunnelInfo;
import org.l2tp.api.ppp.PppInfo;

/**
 * A command on the daemon: its service, finding tunnels and sessions by what the operator typed, and waiting for
 * actions. Karaf injects the {@code @Reference} fields of superclasses too, and registers the command only while the
 * service is there.
 */
abstract class L2tpCommand extends BaseCommand {
    @Reference
    L2tpService l2tp;

    /** Our tunnel, by its id as typed. */
    final TunnelInfo tunnel(String text) throws CommandException {
        int id = Numbers.id(text);
        if (id < 0) {
            throw error("\"" + text + "\" is not a tunnel id; expected a number from 1 to " + Numbers.MAX_ID);
        }
        return tunnel(id);
    }

    final TunnelInfo tunnel(int id) throws CommandException {
        return l2tp.tunnel(id).orElseThrow(() -> error("no tunnel " + id + "; l2tp:tunnel-list shows the tunnels"));
    }

    /** A session, as {@code TUNNEL/SESSION} or as a session id unique over all tunnels. */
    final SessionInfo session(String text) throws CommandException {
        if (text.indexOf('/') >= 0) {
            try {
                return session(SessionRef.parse(text));
            } catch (IllegalArgumentException e) {
                throw notASession(text);
            }
        }
        int id = Numbers.id(text);
        if (id < 0) {
            throw notASession(text);
        }
        List<SessionInfo> all = l2tp.sessions(0).stream().filter(s -> s.localId() == id).toList();
        if (all.isEmpty()) {
            throw error("no session " + id + " on any tunnel; l2tp:session-list shows the sessions");
        }
        if (all.size() > 1) {
            throw error("session " + id + " is on several tunnels (" + all.stream().map(s -> SessionRef.of(s)
                    .toString()).collect(Collectors.joining(", ")) + "); say which as TUNNEL/SESSION");
        }
        return all.get(0);
    }

    final SessionInfo session(SessionRef ref) throws CommandException {
        return l2tp.sessions(ref.tunnel()).stream().filter(ref::matches).findFirst()
                .orElseThrow(() -> error("no session " + ref + "; l2tp:session-list shows the sessions"));
    }

    /**
     * The sessions of a tunnel (all tunnels when 0) whose PPP reports this user (exact, case-sensitive) and this peer
     * address; a null criterion matches every session, a given one never matches a session without PPP.
     */
    final List<SessionInfo> sessions(int tunnel, String user, String address) throws CommandException {
        String a = address == null ? null : ipv4(address);
        return l2tp.sessions(tunnel).stream().filter(s -> matches(s, user, a)).toList();
    }

    static boolean matches(SessionInfo s, String user, String address) {
        PppInfo p = s.ppp();
        return (user == null || p != null && user.equals(p.user()))
                && (address == null || p != null && address.equals(p.peerAddress()));
    }

    /** The criteria as words: {@code user "alice" and address 10.0.0.5}. */
    static String criteria(String user, String address) {
        return Stream.of(user == null ? null : "user \"" + user + "\"", address == null ? null : "address " + address)
                .filter(Objects::nonNull).collect(Collectors.joining(" and "));
    }

    /** An IPv4 address as --address takes it (A.B.C.D, decimal, no name look-up), written canonically. */
    final String ipv4(String text) throws CommandException {
        String[] parts = text.split("\\.", -1);
        StringBuilder b = new StringBuilder();
        for (String part : parts) {
            int n = Numbers.parse(part, 0, 255);
            if (parts.length != 4 || n < 0) {
                throw error("\"" + text + "\" is not an IPv4 address; expected --address A.B.C.D");
            }
            b.append(b.length() == 0 ? "" : ".").append(n);
        }
        return b.toString();
    }

    private CommandException notASession(String text) {
        return error("\"" + text + "\" is not a session; expected " + SessionRef.FORM + ", or a session id");
    }

    /**
     * Waits for an action. The daemon's refusals (unknown or closed tunnel or session, a call or tunnel that failed,
     * a bad address) and a time-out end the command with one line; anything else is a bug and keeps its trace.
     */
    final <T> T await(CompletionStage<T> stage, int seconds) throws Exception {
        return await(stage, seconds, null);
    }

    /** As {@link #await(CompletionStage, int)}; a refusal's line starts with {@code failed}, when not null. */
    final <T> T await(CompletionStage<T> stage, int seconds, String failed) throws Exception {
        try {
            return stage.toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException && !(cause instanceof IllegalArgumentException)
                    && !(cause instanceof IllegalStateException)) {
                throw e;
            }
            String why = cause.getMessage() != null ? cause.getMessage() : cause.toString();
            throw error(failed == null ? why : failed + ": " + why, cause);
        } catch (TimeoutException e) {
            throw error("no answer within " + seconds + " s; the daemon may still complete the request");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw error("interrupted; the daemon may still complete the request");
        }
    }
}
