package org.l2tp.api.ppp;

import java.io.IOException;

import org.l2tp.api.dataplane.SessionParameters;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Starts and supervises the PPP side of a kernel-carried session: pppd with the pppol2tp plugin on the session's
 * PPPoL2TP socket. Implemented by the pppd bundle; used by the kernel data plane.
 */
@ProviderType
public interface PppLauncher {

    /**
     * Starts PPP for a session whose PPPoL2TP socket is {@code sessionFd} (the descriptor stays ours: the launcher
     * hands pppd a duplicate). {@code onExit} hears pppd end on its own, with a CDN result code and a reason.
     */
    PppProcess launch(SessionParameters session, int sessionFd, PppExitListener onExit) throws IOException;
}
