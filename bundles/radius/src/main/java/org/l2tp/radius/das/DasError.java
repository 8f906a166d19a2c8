package org.l2tp.radius.das;

/** Error-Cause values (RFC 5176 section 3.6) the DAS answers with in a Disconnect-NAK or CoA-NAK. */
public enum DasError {
    /** A request attribute this NAS does not act on. */
    UNSUPPORTED_ATTRIBUTE(401),
    /** No attribute that identifies a session. */
    MISSING_ATTRIBUTE(402),
    /** NAS-Identifier or NAS-IP(v6)-Address name another NAS. */
    NAS_IDENTIFICATION_MISMATCH(403),
    /** A Service-Type this NAS does not offer (Authorize Only: no re-authorization here). */
    UNSUPPORTED_SERVICE(405),
    /** An attribute with a value that cannot be right (e.g. a malformed address). */
    INVALID_ATTRIBUTE_VALUE(407),
    /** No session matches. */
    SESSION_CONTEXT_NOT_FOUND(503),
    /** A session matched but did not end. */
    SESSION_CONTEXT_NOT_REMOVABLE(504),
    /** The L2TP daemon is not there to end it. */
    RESOURCES_UNAVAILABLE(506);

    private final int value;

    DasError(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }
}
