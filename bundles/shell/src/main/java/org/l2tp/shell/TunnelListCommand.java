package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.l2tp.api.TunnelInfo;

@Command(scope = "l2tp", name = "tunnel-list", description = "Lists the tunnels.")
@Service
public class TunnelListCommand extends L2tpCommand {
    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Override
    protected Object run() {
        ShellTable t = Format.table("Tunnel", "Peer tunnel", "State", "Peer", "Host name", "Config", "Sessions",
                "Initiator", "Age");
        for (TunnelInfo i : l2tp.tunnels()) {
            t.addRow().addContent(i.localId(), i.peerId(), i.state(), Format.endpoint(i.peer()),
                    Format.orDash(i.peerHostName()), Format.orDash(i.peerName()), i.sessions(),
                    i.initiator() ? "yes" : "no", Format.age(i.created()));
        }
        t.print(System.out, !noFormat);
        return null;
    }
}
