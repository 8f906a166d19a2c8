package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.l2tp.api.SessionInfo;
import org.l2tp.api.ppp.PppInfo;

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
        PppInfo p = s.ppp();
        if (p == null) {
            t.addRow().addContent("ppp", "-");
        } else {
            t.addRow().addContent("ppp engine", Format.orDash(p.engine()));
            t.addRow().addContent("ppp interface", Format.orDash(p.interfaceName()));
            t.addRow().addContent("local address", Format.orDash(p.localAddress()));
            t.addRow().addContent("peer address", Format.orDash(p.peerAddress()));
            t.addRow().addContent("user", Format.orDash(p.user()));
            t.addRow().addContent("auth method", Format.orDash(p.authMethod()));
            t.addRow().addContent("ppp state", Format.orDash(p.state()));
            if (p.pid() > 0) {
                t.addRow().addContent("pid", p.pid());
            }
        }
        t.print(System.out, !noFormat);
        return null;
    }
}
