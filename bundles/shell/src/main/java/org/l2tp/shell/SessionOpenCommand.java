package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.l2tp.api.L2tpService;
import org.l2tp.api.SessionInfo;

@Command(scope = "l2tp", name = "session-open", description = "Places a call on a tunnel: incoming (ICRQ, as LAC) "
        + "or, with --outgoing, outgoing (OCRQ, as LNS).")
@Service
public class SessionOpenCommand implements Action {
    @Reference
    L2tpService l2tp;

    @Argument(index = 0, name = "tunnel", description = "Our tunnel id", required = true)
    @Completion(Completers.TunnelIds.class)
    int tunnel;

    @Option(name = "--outgoing", description = "Place an outgoing call to this number")
    String number;

    @Override
    public Object execute() throws Exception {
        SessionInfo s = Format.await(l2tp.openSession(tunnel, number), 30);
        System.out.println("session " + s.tunnelId() + "/" + s.localId() + " up (peer's " + s.peerId() + ")"
                + (s.interfaceName() != null ? " on " + s.interfaceName() : ""));
        return null;
    }
}
