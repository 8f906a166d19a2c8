package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.l2tp.api.SessionInfo;

/** A command that selects one session, as TUNNEL/SESSION or by a session id unique over tunnels, then acts on it. */
abstract class SessionCommand extends L2tpCommand {
    @Argument(index = 0, name = "session", description = "TUNNEL/SESSION, or a session id unique over tunnels",
            required = true)
    @Completion(Completers.SessionIds.class)
    String session;

    @Override
    protected final Object run() throws Exception {
        return act(session(session));
    }

    protected abstract Object act(SessionInfo s) throws Exception;
}
