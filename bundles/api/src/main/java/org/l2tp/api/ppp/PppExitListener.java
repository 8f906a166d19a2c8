package org.l2tp.api.ppp;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when pppd exits on its own.
 *
 * <p>Consumer type: implemented by the caller of {@link PppLauncher#launch} (the kernel data plane), called by the
 * launcher's bundle.
 */
@FunctionalInterface
@ConsumerType
public interface PppExitListener {
    /** {@code cdnResult} is the CDN result code that fits the exit (RFC 2661 section 4.4.2). */
    void exited(int exitStatus, int cdnResult, String reason);
}
