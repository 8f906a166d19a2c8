package org.l2tp.api.ppp;

/** Told when pppd exits on its own. */
@FunctionalInterface
public interface PppExitListener {
    /** {@code cdnResult} is the CDN result code that fits the exit (RFC 2661 section 4.4.2). */
    void exited(int exitStatus, int cdnResult, String reason);
}
