package org.l2tp.api.dataplane;

/** Told when a session's data path ends on its own (its pppd exited), so the control plane sends a CDN. */
@FunctionalInterface
public interface DataSessionListener {
    /** {@code resultCode} is a CDN result code (RFC 2661 section 4.4.2); {@code message} says why. */
    void ended(int resultCode, String message);
}
