package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.l2tp.api.TunnelInfo;

@Command(scope = "l2tp", name = "tunnel-open", description = "Opens a tunnel to a configured peer or to host[:port].")
@Service
public class TunnelOpenCommand extends L2tpCommand {
    @Argument(index = 0, name = "peer", description = "Peer configuration name, or host[:port]", required = true)
    @Completion(Completers.PeerNames.class)
    String peer;

    @Override
    protected Object run() throws Exception {
        TunnelInfo t = await(l2tp.openTunnel(peer), 30, "no tunnel to " + peer);
        System.out.println("tunnel " + t.localId() + " up with " + Format.endpoint(t.peer())
                + (t.peerHostName() != null ? " (" + t.peerHostName() + ")" : ""));
        return null;
    }
}
