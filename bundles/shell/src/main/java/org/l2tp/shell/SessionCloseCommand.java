package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.l2tp.api.SessionInfo;

@Command(scope = "l2tp", name = "session-close", description = "Ends a session with a CDN.")
@Service
public class SessionCloseCommand extends SessionCommand {
    @Option(name = "--result", description = "CDN result code (RFC 2661 4.4.2), 1-65535; 3: administrative")
    String result = "3";

    @Option(name = "--message", description = "Text in the Result Code AVP")
    String message = "closed by operator";

    @Override
    protected Object act(SessionInfo s) throws Exception {
        int code = number("--result", result, 1, 65535, "a result code");
        await(l2tp.closeSession(s.tunnelId(), s.localId(), code, message), 10);
        System.out.println("session " + SessionRef.of(s) + ": CDN sent");
        return null;
    }
}
