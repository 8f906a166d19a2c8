package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.l2tp.api.L2tpService;

@Command(scope = "l2tp", name = "tunnel-close", description = "Closes a tunnel and its sessions with a StopCCN.")
@Service
public class TunnelCloseCommand implements Action {
    @Reference
    L2tpService l2tp;

    @Argument(index = 0, name = "tunnel", description = "Our tunnel id", required = true)
    @Completion(Completers.TunnelIds.class)
    int id;

    @Option(name = "--result", description = "StopCCN result code (RFC 2661 4.4.2); 1: general request")
    int result = 1;

    @Option(name = "--message", description = "Text in the Result Code AVP")
    String message = "closed by operator";

    @Override
    public Object execute() throws Exception {
        Format.await(l2tp.closeTunnel(id, result, message), 10);
        System.out.println("tunnel " + id + ": StopCCN sent");
        return null;
    }
}
