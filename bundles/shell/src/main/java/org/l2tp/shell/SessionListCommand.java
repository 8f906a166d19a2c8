package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.l2tp.api.L2tpService;
import org.l2tp.api.SessionInfo;

@Command(scope = "l2tp", name = "session-list", description = "Lists the sessions, of one tunnel or of all.")
@Service
public class SessionListCommand implements Action {
    @Reference
    L2tpService l2tp;

    @Argument(index = 0, name = "tunnel", description = "Our tunnel id (all tunnels when absent)")
    @Completion(Completers.TunnelIds.class)
    int tunnel;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Override
    public Object execute() {
        ShellTable t = new ShellTable();
        for (String c : new String[] {"Tunnel", "Session", "Peer session", "State", "Role", "Call", "Interface",
            "Calling", "Called", "Age"}) {
            t.column(c);
        }
        for (SessionInfo s : l2tp.sessions(tunnel)) {
            t.addRow().addContent(s.tunnelId(), s.localId(), s.peerId(), s.state(), s.lac() ? "LAC" : "LNS",
                    s.outgoing() ? "outgoing" : "incoming", s.interfaceName() == null ? "-" : s.interfaceName(),
                    s.callingNumber() == null ? "-" : s.callingNumber(),
                    s.calledNumber() == null ? "-" : s.calledNumber(), Format.age(s.created()));
        }
        t.print(System.out, !noFormat);
        return null;
    }
}
