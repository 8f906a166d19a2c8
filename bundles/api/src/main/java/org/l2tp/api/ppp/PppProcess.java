package org.l2tp.api.ppp;

/** One running pppd. */
public interface PppProcess {
    long pid();

    /** The PPP interface (ppp0, ...) once pppd has reported it, else null. */
    String interfaceName();

    /** The peer address assigned from the pool, or null. */
    String peerAddress();

    /** Ends pppd: SIGTERM, SIGKILL after a grace period; reaps it and releases its pool address. Idempotent. */
    void stop();
}
