package org.l2tp.api.ppp;

import java.io.IOException;

import org.l2tp.api.dataplane.SessionParameters;
import org.osgi.annotation.versioning.ProviderType;

/**
 * PPP terminated inside the daemon's process on the kernel's PPP channel of a session (no pppd): implemented by
 * the bundle org.l2tp.ppp, used by the launcher for profiles with {@code engine = inprocess}.
 */
@ProviderType
public interface PppEngine {
    /**
     * Runs PPP on the PPPoL2TP socket {@code sessionFd} (which stays the caller's: the engine closes its own
     * descriptors, the caller closes the socket after {@link PppProcess#stop()}). {@code onExit} hears PPP end on
     * its own with a {@link PppEnd}'s status and CDN result.
     */
    PppProcess start(SessionParameters session, int sessionFd, PppSettings settings, PppExitListener onExit)
            throws IOException;

    /** Why the engine cannot run here (no /dev/ppp, ...), or null when it can. */
    String unavailableReason();
}
