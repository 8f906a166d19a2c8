package org.l2tp.api.ppp;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One session's PPP: a running pppd, or a link of the in-process engine.
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

    /** Everything an operator sees of this PPP; the defaults are what a pppd tells. */
    default PppInfo info() {
        return new PppInfo("pppd", interfaceName(), null, peerAddress(), null, null, "pppd running", pid());
    }

    /** Ends pppd: SIGTERM, SIGKILL after a grace period; reaps it and releases its pool address. Idempotent. */
    void stop();
}
