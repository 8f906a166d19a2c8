package org.l2tp.api.ppp;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One running pppd.
 *
 * <p>Provider type: implemented by the launcher's bundle (org.l2tp.pppd), returned by {@link PppLauncher#launch}.
 */
@ProviderType
public interface PppProcess {
    long pid();

    /** The PPP interface (ppp0, ...) once pppd has reported it, else null. */
    String interfaceName();

    /** The peer address assigned from the pool, or null. */
    String peerAddress();

    /** Ends pppd: SIGTERM, SIGKILL after a grace period; reaps it and releases its pool address. Idempotent. */
    void stop();
}
