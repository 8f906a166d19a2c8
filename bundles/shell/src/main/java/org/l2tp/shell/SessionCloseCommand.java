package org.l2tp.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.l2tp.api.SessionInfo;

/**
 * Ends one session, named as {@link SessionCommand}'s are, or every session whose PPP reports a user and/or a peer
 * address (what accel-ppp's {@code terminate} does). Not a SessionCommand: its session argument is optional.
 */
@Command(scope = "l2tp", name = "session-close", description = "Ends a session with a CDN; with --user and/or "
        + "--address instead of a session, every session whose PPP reports that user and/or peer address.")
@Service
public class SessionCloseCommand extends L2tpCommand {
    /** How long the CDNs of one command may take, together. */
    static final int SECONDS = 10;

    @Argument(index = 0, name = "session", description = "TUNNEL/SESSION, or a session id unique over tunnels; "
            + "absent with --user or --address")
    @Completion(Completers.SessionIds.class)
    String session;

    @Option(name = "--user", description = "Close every session whose PPP user is NAME (exact, case-sensitive)")
    @Completion(Completers.Users.class)
    String user;

    @Option(name = "--address", description = "Close the sessions whose PPP peer address is A.B.C.D")
    @Completion(Completers.PeerAddresses.class)
    String address;

    @Option(name = "--result", description = "CDN result code (RFC 2661 4.4.2), 1-65535; 3: administrative")
    String result = "3";

    @Option(name = "--message", description = "Text in the Result Code AVP")
    String message = "closed by operator";

    @Override
    protected Object run() throws Exception {
        boolean byPpp = user != null || address != null;
        if (session != null && byPpp) {
            throw error("give a session, or --user/--address, not both");
        }
        if (session == null && !byPpp) {
            throw error("no session given; expected " + SessionRef.FORM + ", a session id, --user NAME or "
                    + "--address A.B.C.D");
        }
        int code = number("--result", result, 1, 65535, "a result code");
        if (!byPpp) {
            SessionInfo s = session(session);
            await(l2tp.closeSession(s.tunnelId(), s.localId(), code, message), SECONDS);
            System.out.println("session " + SessionRef.of(s) + ": CDN sent");
            return null;
        }
        List<SessionInfo> matching = sessions(0, user, address);
        String what = criteria(user, address == null ? null : ipv4(address));
        if (matching.isEmpty()) {
            throw error("no session with " + what + "; l2tp:session-list shows the sessions");
        }
        // All CDNs asked for at once, then their answers within one deadline: a user's many sessions close in
        // seconds, not one time-out after another.
        List<CompletionStage<Void>> closing = new ArrayList<>();
        for (SessionInfo s : matching) {
            closing.add(l2tp.closeSession(s.tunnelId(), s.localId(), code, message));
        }
        long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;
        List<String> failed = new ArrayList<>();
        int closed = 0;
        for (int i = 0; i < matching.size(); i++) {
            SessionRef ref = SessionRef.of(matching.get(i));
            int left = (int) Math.max(1, (deadline - System.nanoTime() + 999_999_999L) / 1_000_000_000L);
            try {
                await(closing.get(i), left);
                System.out.println("session " + ref + ": CDN sent");
                closed++;
            } catch (CommandException e) {
                failed.add(ref + ": " + detail(e));
            }
        }
        if (!failed.isEmpty()) {
            throw error(closed + " of " + matching.size() + " sessions with " + what + " closed; "
                    + String.join("; ", failed));
        }
        System.out.println(closed + (closed == 1 ? " session" : " sessions") + " with " + what + " closed");
        return null;
    }

    /** An error's detail, without the "l2tp:session-close: " its message starts with. */
    private String detail(CommandException e) {
        String m = String.valueOf(e.getMessage());
        return m.startsWith(name() + ": ") ? m.substring(name().length() + 2) : m;
    }
}
