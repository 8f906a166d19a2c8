package org.l2tp.ppp.frame;

/** A PPP frame or packet that breaks its RFC's format; {@link #reason} says which rule. */
public final class FrameException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What was wrong, for counters and tests. */
    public enum Reason {
        /** Fewer than the 2 bytes of a protocol field. */
        SHORT_FRAME,
        /** A protocol field that is not odd in its low byte, even in its high byte (RFC 1661 section 2). */
        BAD_PROTOCOL,
        /** Fewer than the 4 bytes of a control packet header (RFC 1661 section 5). */
        SHORT_PACKET,
        /** Length field below 4 or beyond the bytes received (RFC 1661 section 5: silently discarded). */
        BAD_LENGTH,
        /** An option whose length is below 2 or runs past the packet (RFC 1661 section 6). */
        BAD_OPTION_LENGTH,
        /** Fields of a known code or option that do not fit it (e.g. a 3-byte Magic-Number). */
        BAD_FIELD
    }

    private final Reason reason;

    public FrameException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
