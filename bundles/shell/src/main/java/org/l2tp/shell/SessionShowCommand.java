package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.l2tp.api.SessionInfo;

@Command(scope = "l2tp", name = "session-show", description = "Shows one session in detail.")
@Service
public class SessionShowCommand extends SessionCommand {
    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Override
    protected Object act(SessionInfo s) {
        ShellTable t = Format.properties();
        t.addRow().addContent("session", SessionRef.of(s) + " (peer's " + s.peerId() + ")");
        t.addRow().addContent("state", s.state());
        t.addRow().addContent("role", (s.lac() ? "LAC" : "LNS") + ", " + (s.outgoing() ? "outgoing" : "incoming")
                + " call, serial " + s.callSerial());
        t.addRow().addContent("interface", Format.orDash(s.interfaceName()));
        t.addRow().addContent("calling number", Format.orDash(s.callingNumber()));
        t.addRow().addContent("called number", Format.orDash(s.calledNumber()));
        t.addRow().addContent("age", Format.age(s.created()));
        t.addRow().addContent("data", Format.data(s.data()));
        t.print(System.out, !noFormat);
        return null;
    }
}
