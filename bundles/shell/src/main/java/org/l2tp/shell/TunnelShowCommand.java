package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.l2tp.api.TunnelInfo;

@Command(scope = "l2tp", name = "tunnel-show", description = "Shows one tunnel in detail.")
@Service
public class TunnelShowCommand extends TunnelCommand {
    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Override
    protected Object act(TunnelInfo i) {
        ShellTable t = Format.properties();
        t.addRow().addContent("tunnel", i.localId() + " (peer's " + i.peerId() + ")");
        t.addRow().addContent("state", i.state());
        t.addRow().addContent("local", Format.endpoint(i.local()));
        t.addRow().addContent("peer", Format.endpoint(i.peer()));
        t.addRow().addContent("peer host name", Format.orDash(i.peerHostName()));
        t.addRow().addContent("peer configuration", Format.orDash(i.peerName()));
        t.addRow().addContent("we initiated", i.initiator() ? "yes" : "no");
        t.addRow().addContent("sessions", i.sessions());
        t.addRow().addContent("age", Format.age(i.created()));
        t.addRow().addContent("control", Format.control(i.counters()));
        t.addRow().addContent("data", Format.data(i.data()));
        t.print(System.out, !noFormat);
        return null;
    }
}
