package org.l2tp.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.l2tp.api.ControlTrace;
import org.l2tp.api.SessionInfo;

@Command(scope = "l2tp", name = "debug", description = "Debugging of a tunnel or session: control-message trace "
        + "in the log, and the kernel's PPPOL2TP_MSG_* mask (1 debug, 2 control, 4 seq, 8 data). What is not "
        + "given is left as it is.")
@Service
public class DebugCommand extends L2tpCommand {
    @Argument(index = 0, name = "target", description = "TUNNEL or TUNNEL/SESSION", required = true)
    @Completion(Completers.TunnelIds.class)
    String target;

    @Option(name = "--trace", description = "Log every control message of the tunnel: on or off")
    @Completion(value = StringsCompleter.class, values = {"on", "off"})
    String trace;

    @Option(name = "--kernel", description = "The kernel debug mask of the tunnel's or session's socket, 0-255")
    String kernel;

    @Override
    protected Object run() throws Exception {
        ControlTrace tr = trace == null ? ControlTrace.UNCHANGED : switch (trace.toLowerCase(Locale.ROOT)) {
            case "on" -> ControlTrace.ON;
            case "off" -> ControlTrace.OFF;
            default -> throw error("\"" + trace + "\" is not a trace setting; expected --trace on or --trace off");
        };
        int mask = kernel == null ? -1 : number("--kernel", kernel, 0, 255, "a kernel debug mask");
        if (tr == ControlTrace.UNCHANGED && mask < 0) {
            throw error("nothing to change; give --trace on|off, --kernel MASK or both");
        }
        SessionInfo s = target.indexOf('/') >= 0 ? session(sessionRef()) : null;
        int tunnelId = s != null ? s.tunnelId() : tunnel(tunnelId()).localId();
        await(l2tp.debug(tunnelId, s != null ? s.localId() : 0, tr, mask), 10);
        List<String> done = new ArrayList<>();
        if (tr != ControlTrace.UNCHANGED) {
            done.add("control trace " + (tr == ControlTrace.ON ? "on" : "off")
                    + (s != null ? " (all of tunnel " + tunnelId + ")" : ""));
        }
        if (mask >= 0) {
            done.add("kernel debug mask " + mask);
        }
        System.out.println((s != null ? "session " + SessionRef.of(s) : "tunnel " + tunnelId) + ": "
                + String.join(", ", done));
        return null;
    }

    private SessionRef sessionRef() throws CommandException {
        try {
            return SessionRef.parse(target);
        } catch (IllegalArgumentException e) {
            throw notATarget();
        }
    }

    private int tunnelId() throws CommandException {
        int id = Numbers.id(target);
        if (id < 0) {
            throw notATarget();
        }
        return id;
    }

    private CommandException notATarget() {
        return error("\"" + target + "\" is not a tunnel or a session; expected TUNNEL (a number from 1 to "
                + Numbers.MAX_ID + ") or " + SessionRef.FORM);
    }
}
