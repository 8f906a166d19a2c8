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
import org.l2tp.api.TunnelInfo;

@Command(scope = "l2tp", name = "tunnel-show", description = "Shows one tunnel in detail.")
@Service
public class TunnelShowCommand implements Action {
    @Reference
    L2tpService l2tp;

    @Argument(index = 0, name = "tunnel", description = "Our tunnel id", required = true)
    @Completion(Completers.TunnelIds.class)
    int id;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Override
    public Object execute() {
        TunnelInfo i = l2tp.tunnel(id).orElseThrow(() -> new IllegalArgumentException("no tunnel " + id));
        ShellTable t = new ShellTable();
        t.column("Property");
        t.column("Value");
        t.addRow().addContent("tunnel", i.localId() + " (peer's " + i.peerId() + ")");
        t.addRow().addContent("state", i.state());
        t.addRow().addContent("local", Format.endpoint(i.local()));
        t.addRow().addContent("peer", Format.endpoint(i.peer()));
        t.addRow().addContent("peer host name", i.peerHostName() == null ? "-" : i.peerHostName());
        t.addRow().addContent("peer configuration", i.peerName() == null ? "-" : i.peerName());
        t.addRow().addContent("we initiated", i.initiator() ? "yes" : "no");
        t.addRow().addContent("sessions", i.sessions());
        t.addRow().addContent("age", Format.age(i.created()));
        t.addRow().addContent("control", Format.control(i.counters()));
        t.addRow().addContent("data", Format.data(i.data()));
        t.print(System.out, !noFormat);
        return null;
    }
}
