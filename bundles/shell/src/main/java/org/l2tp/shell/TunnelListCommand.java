package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.l2tp.api.L2tpService;
import org.l2tp.api.TunnelInfo;

@Command(scope = "l2tp", name = "tunnel-list", description = "Lists the tunnels.")
@Service
public class TunnelListCommand implements Action {
    @Reference
    L2tpService l2tp;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Override
    public Object execute() {
        ShellTable t = new ShellTable();
        for (String c : new String[] {"Tunnel", "Peer tunnel", "State", "Peer", "Host name", "Config", "Sessions",
            "Initiator", "Age"}) {
            t.column(c);
        }
        for (TunnelInfo i : l2tp.tunnels()) {
            t.addRow().addContent(i.localId(), i.peerId(), i.state(), Format.endpoint(i.peer()),
                    i.peerHostName() == null ? "-" : i.peerHostName(), i.peerName() == null ? "-" : i.peerName(),
                    i.sessions(), i.initiator() ? "yes" : "no", Format.age(i.created()));
        }
        t.print(System.out, !noFormat);
        return null;
    }
}
