package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.l2tp.api.L2tpService;

@Command(scope = "l2tp", name = "session-close", description = "Ends a session with a CDN.")
@Service
public class SessionCloseCommand implements Action {
    @Reference
    L2tpService l2tp;

    @Argument(index = 0, name = "session", description = "TUNNEL/SESSION, or a session id unique over tunnels",
            required = true)
    @Completion(Completers.SessionIds.class)
    String id;

    @Option(name = "--result", description = "CDN result code (RFC 2661 4.4.2); 3: administrative")
    int result = 3;

    @Option(name = "--message", description = "Text in the Result Code AVP")
    String message = "closed by operator";

    @Override
    public Object execute() throws Exception {
        int[] ts = Format.sessionId(l2tp, id);
        Format.await(l2tp.closeSession(ts[0], ts[1], result, message), 10);
        System.out.println("session " + ts[0] + "/" + ts[1] + ": CDN sent");
        return null;
    }
}
