package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.l2tp.api.L2tpService;

@Command(scope = "l2tp", name = "debug", description = "Debugging of a tunnel or session: control-message trace "
        + "in the log, and the kernel's PPPOL2TP_MSG_* mask (1 debug, 2 control, 4 seq, 8 data).")
@Service
public class DebugCommand implements Action {
    @Reference
    L2tpService l2tp;

    @Argument(index = 0, name = "target", description = "TUNNEL or TUNNEL/SESSION", required = true)
    @Completion(Completers.TunnelIds.class)
    String target;

    @Option(name = "--trace", description = "Log every control message of the tunnel (on|off)")
    String trace = "on";

    @Option(name = "--kernel", description = "The kernel debug mask, 0-255")
    int kernel = -1;

    @Override
    public Object execute() throws Exception {
        String[] p = target.split("/");
        int tunnel = Integer.parseInt(p[0]);
        int session = p.length > 1 ? Integer.parseInt(p[1]) : 0;
        if (kernel > 255) {
            throw new IllegalArgumentException("--kernel takes 0-255");
        }
        boolean on = !trace.equalsIgnoreCase("off");
        Format.await(l2tp.debug(tunnel, session, on, kernel), 10);
        System.out.println(target + ": control trace " + (on ? "on" : "off")
                + (kernel >= 0 ? ", kernel debug mask " + kernel : ""));
        return null;
    }
}
