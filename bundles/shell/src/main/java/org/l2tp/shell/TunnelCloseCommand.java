package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.l2tp.api.TunnelInfo;

@Command(scope = "l2tp", name = "tunnel-close", description = "Closes a tunnel and its sessions with a StopCCN.")
@Service
public class TunnelCloseCommand extends TunnelCommand {
    @Option(name = "--result", description = "StopCCN result code (RFC 2661 4.4.2), 1-65535; 1: general request")
    String result = "1";

    @Option(name = "--message", description = "Text in the Result Code AVP")
    String message = "closed by operator";

    @Override
    protected Object act(TunnelInfo t) throws Exception {
        int code = number("--result", result, 1, 65535, "a result code");
        await(l2tp.closeTunnel(t.localId(), code, message), 10);
        System.out.println("tunnel " + t.localId() + ": StopCCN sent");
        return null;
    }
}
