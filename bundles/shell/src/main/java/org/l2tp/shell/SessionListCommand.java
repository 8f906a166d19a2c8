package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.l2tp.api.SessionInfo;

@Command(scope = "l2tp", name = "session-list", description = "Lists the sessions, of one tunnel or of all; "
        + "--user and --address keep those whose PPP reports that user or peer address.")
@Service
public class SessionListCommand extends L2tpCommand {
    @Argument(index = 0, name = "tunnel", description = "Our tunnel id (all tunnels when absent)")
    @Completion(Completers.TunnelIds.class)
    String tunnel;

    @Option(name = "--user", description = "Only the sessions whose PPP user is NAME (exact, case-sensitive)")
    @Completion(Completers.Users.class)
    String user;

    @Option(name = "--address", description = "Only the session whose PPP peer address is A.B.C.D")
    @Completion(Completers.PeerAddresses.class)
    String address;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Override
    protected Object run() throws Exception {
        int id = tunnel == null ? 0 : tunnel(tunnel).localId();
        ShellTable t = Format.table("Tunnel", "Session", "Peer session", "State", "Role", "Call", "Interface",
                "Calling", "Called", "Age", "User", "Address");
        for (SessionInfo s : sessions(id, user, address)) {
            t.addRow().addContent(s.tunnelId(), s.localId(), s.peerId(), s.state(), s.lac() ? "LAC" : "LNS",
                    s.outgoing() ? "outgoing" : "incoming", Format.orDash(s.interfaceName()),
                    Format.orDash(s.callingNumber()), Format.orDash(s.calledNumber()), Format.age(s.created()),
                    Format.user(s), Format.peerAddress(s));
        }
        t.print(System.out, !noFormat);
        return null;
    }
}
