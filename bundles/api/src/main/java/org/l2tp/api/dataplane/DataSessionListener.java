package org.l2tp.api.dataplane;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when a session's data path ends on its own (its pppd exited), so the control plane sends a CDN.
 *
 * <p>Consumer type: implemented by the caller of {@link DataTunnel#createSession} (the control plane), called by
 * the data plane.
 */
@FunctionalInterface
@ConsumerType
public interface DataSessionListener {
    /** {@code resultCode} is a CDN result code (RFC 2661 section 4.4.2); {@code message} says why. */
    void ended(int resultCode, String message);
}
