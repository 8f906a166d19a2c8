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

@Command(scope = "l2tp", name = "session-show", description = "Shows one session in detail.")
@Service
public class SessionShowCommand implements Action {
    @Reference
    L2tpService l2tp;

    @Argument(index = 0, name = "session", description = "TUNNEL/SESSION, or a session id unique over tunnels",
            required = true)
    @Completion(Completers.SessionIds.class)
    String id;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Override
    public Object execute() {
        int[] ts = Format.sessionId(l2tp, id);
        SessionInfo s = l2tp.sessions(ts[0]).stream().filter(x -> x.localId() == ts[1]).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no session " + id));
        ShellTable t = new ShellTable();
        t.column("Property");
        t.column("Value");
        t.addRow().addContent("session", s.tunnelId() + "/" + s.localId() + " (peer's " + s.peerId() + ")");
        t.addRow().addContent("state", s.state());
        t.addRow().addContent("role", (s.lac() ? "LAC" : "LNS") + ", " + (s.outgoing() ? "outgoing" : "incoming")
                + " call, serial " + s.callSerial());
        t.addRow().addContent("interface", s.interfaceName() == null ? "-" : s.interfaceName());
        t.addRow().addContent("calling number", s.callingNumber() == null ? "-" : s.callingNumber());
        t.addRow().addContent("called number", s.calledNumber() == null ? "-" : s.calledNumber());
        t.addRow().addContent("age", Format.age(s.created()));
        t.addRow().addContent("data", Format.data(s.data()));
        t.print(System.out, !noFormat);
        return null;
    }
}
