package org.l2tp.ppp.fsm;

/** The events of RFC 1661 section 4.3, in the order of the section 4.1 table. */
public enum Event {
    /** Lower layer is Up. */
    UP,
    /** Lower layer is Down. */
    DOWN,
    /** Administrative Open. */
    OPEN,
    /** Administrative Close. */
    CLOSE,
    /** Timeout with counter &gt; 0. */
    TO_PLUS,
    /** Timeout with counter expired. */
    TO_MINUS,
    /** Receive-Configure-Request (Good). */
    RCR_PLUS,
    /** Receive-Configure-Request (Bad). */
    RCR_MINUS,
    /** Receive-Configure-Ack. */
    RCA,
    /** Receive-Configure-Nak/Rej. */
    RCN,
    /** Receive-Terminate-Request. */
    RTR,
    /** Receive-Terminate-Ack. */
    RTA,
    /** Receive-Unknown-Code. */
    RUC,
    /** Receive-Code-Reject (permitted) or Receive-Protocol-Reject. */
    RXJ_PLUS,
    /** Receive-Code-Reject (catastrophic) or Receive-Protocol-Reject. */
    RXJ_MINUS,
    /** Receive-Echo-Request, Receive-Echo-Reply, Receive-Discard-Request. */
    RXR;

    /** The event's name as RFC 1661 writes it (RCR+, TO-, ...). */
    public String rfcName() {
        return switch (this) {
            case UP -> "Up";
            case DOWN -> "Down";
            case OPEN -> "Open";
            case CLOSE -> "Close";
            case TO_PLUS -> "TO+";
            case TO_MINUS -> "TO-";
            case RCR_PLUS -> "RCR+";
            case RCR_MINUS -> "RCR-";
            case RXJ_PLUS -> "RXJ+";
            case RXJ_MINUS -> "RXJ-";
            default -> name();
        };
    }
}
