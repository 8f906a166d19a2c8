package org.l2tp.codec;

/**
 * Why a datagram is not a well-formed L2TPv2 message, and how RFC 2661 has the receiver answer it. This is the only
 * exception the decoder throws. It carries no stack trace: malformed input is an expected event, counted and logged
 * by the caller, and it must stay cheap under a flood.
 */
public final class L2tpDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What was wrong. */
    public enum Reason {
        /** Fewer octets than the header or a field needs. */
        TRUNCATED,
        /** The header's Length field disagrees with the datagram or with the header itself. */
        BAD_LENGTH,
        /** The Ver field is not 2 (section 3.1). */
        UNSUPPORTED_VERSION,
        /** A control message without the L or S bit, or with the O bit (section 3.1). */
        BAD_CONTROL_FLAGS,
        /** The first AVP of a control message is not a well-formed Message Type AVP (section 4.4.1). */
        MISSING_MESSAGE_TYPE,
        /** A Message Type this codec does not know (section 4.4.1). */
        UNKNOWN_MESSAGE_TYPE,
        /** An AVP's Length field is below 6 or runs past the message (section 4.1). */
        BAD_AVP_LENGTH,
        /** A known AVP's value has a length its format does not allow. */
        BAD_AVP_VALUE,
        /** An AVP with the M bit set that this codec does not know (section 4.1). */
        UNKNOWN_MANDATORY_AVP,
        /** A hidden AVP with no Random Vector before it (section 4.3). */
        HIDDEN_WITHOUT_RANDOM_VECTOR,
        /** A hidden AVP that does not reveal to a consistent value: a wrong secret, most likely (section 4.3). */
        HIDDEN_UNREADABLE
    }

    /** What the receiver sends back (section 4.1 for AVP errors; nothing for datagrams it cannot attribute). */
    public enum Answer {
        /** Discard the datagram silently. */
        DISCARD,
        /** Tear the tunnel down with a StopCCN carrying {@link #resultCode()} and {@link #errorCode()}. */
        STOPCCN,
        /** Tear the session down with a CDN carrying {@link #resultCode()} and {@link #errorCode()}. */
        CDN
    }

    private final Reason reason;
    private final Answer answer;
    private final int resultCode;
    private final int errorCode;
    private final int tunnelId;
    private final int sessionId;
    private final int ns;
    private final int nr;
    private final MessageType messageType;
    private ControlMessage message;

    L2tpDecodeException(Reason reason, String detail, Answer answer, int resultCode, int errorCode, int tunnelId,
                        int sessionId, int ns, int nr, MessageType messageType) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
        this.answer = answer;
        this.resultCode = resultCode;
        this.errorCode = errorCode;
        this.tunnelId = tunnelId;
        this.sessionId = sessionId;
        this.ns = ns;
        this.nr = nr;
        this.messageType = messageType;
    }

    public Reason reason() {
        return reason;
    }

    public Answer answer() {
        return answer;
    }

    /** The Result Code for the StopCCN or CDN answer, or -1 when the answer is {@link Answer#DISCARD}. */
    public int resultCode() {
        return resultCode;
    }

    /** The error code for the StopCCN or CDN answer, or -1 when none applies. */
    public int errorCode() {
        return errorCode;
    }

    /** The header's Tunnel ID, or -1 if the header could not be read. */
    public int tunnelId() {
        return tunnelId;
    }

    /** The header's Session ID, or -1 if the header could not be read. */
    public int sessionId() {
        return sessionId;
    }

    /** Ns of a control message whose header was read (so the caller can still acknowledge it), or -1. */
    public int ns() {
        return ns;
    }

    /** Nr of a control message whose header was read, or -1. */
    public int nr() {
        return nr;
    }

    /**
     * The whole message, for an error that leaves it readable: an unknown AVP with the M bit
     * ({@link Reason#UNKNOWN_MANDATORY_AVP}) is kept there as raw octets, so the receiver can still see, say, the
     * Assigned Session ID it must answer with a CDN. Null for every other reason.
     */
    public ControlMessage message() {
        return message;
    }

    L2tpDecodeException withMessage(ControlMessage m) {
        this.message = m;
        return this;
    }

    /** The message type, when the Message Type AVP was read; null otherwise. */
    public MessageType messageType() {
        return messageType;
    }
}
