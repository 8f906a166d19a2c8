package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;
import org.l2tp.api.TunnelInfo;

/** A command that selects one of our tunnels by its id, then acts on it (as Karaf's BundleCommand does bundles). */
abstract class TunnelCommand extends L2tpCommand {
    @Argument(index = 0, name = "tunnel", description = "Our tunnel id", required = true)
    @Completion(Completers.TunnelIds.class)
    String tunnel;

    @Override
    protected final Object run() throws Exception {
        return act(tunnel(tunnel));
    }

    protected abstract Object act(TunnelInfo t) throws Exception;
}
