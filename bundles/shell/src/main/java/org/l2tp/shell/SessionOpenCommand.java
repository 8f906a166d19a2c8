package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.l2tp.api.SessionInfo;
import org.l2tp.api.TunnelInfo;

@Command(scope = "l2tp", name = "session-open", description = "Places a call on a tunnel: incoming (ICRQ, as LAC) "
        + "or, with --outgoing, outgoing (OCRQ, as LNS).")
@Service
public class SessionOpenCommand extends TunnelCommand {
    @Option(name = "--outgoing", description = "Place an outgoing call to this number")
    String number;

    @Override
    protected Object act(TunnelInfo t) throws Exception {
        SessionInfo s = await(l2tp.openSession(t.localId(), number), 30);
        System.out.println("session " + SessionRef.of(s) + " up (peer's " + s.peerId() + ")"
                + (s.interfaceName() != null ? " on " + s.interfaceName() : ""));
        return null;
    }
}
