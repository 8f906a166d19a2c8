package org.l2tp.radius.acct;

import org.l2tp.api.ppp.PppEnd;

/**
 * Acct-Terminate-Cause values (RFC 2866 section 5.10) this NAS reports, and how a session's end maps to them.
 */
public enum TerminateCause {
    USER_REQUEST(1),
    LOST_CARRIER(2),
    LOST_SERVICE(3),
    IDLE_TIMEOUT(4),
    SESSION_TIMEOUT(5),
    ADMIN_RESET(6),
    PORT_ERROR(8),
    NAS_ERROR(9),
    NAS_REQUEST(10),
    NAS_REBOOT(11),
    USER_ERROR(17);

    private final int value;

    TerminateCause(int value) {
        this.value = value;
    }

    /** The attribute's value. */
    public int value() {
        return value;
    }

    /** The cause for a PPP session that ended on its own. */
    public static TerminateCause of(PppEnd end) {
        return switch (end) {
            case USER_REQUEST -> USER_REQUEST;            // the peer's LCP Terminate-Request
            case PEER_DEAD, HANGUP -> LOST_CARRIER;       // echoes unanswered, the link went away
            case IDLE -> IDLE_TIMEOUT;
            case CONNECT_TIME -> SESSION_TIMEOUT;
            case FATAL, NO_ADDRESS -> NAS_ERROR;          // our side could not go on (no address: pool exhausted)
            case NEGOTIATION_FAILED, PEER_AUTH_FAILED -> USER_ERROR;
            case AUTH_TO_PEER_FAILED -> NAS_ERROR;        // our own credentials were refused
            case LOOPBACK -> PORT_ERROR;                  // a looped-back link (LCP magic numbers)
        };
    }

    /**
     * The cause for a session whose L2TP call ended with a CDN carrying {@code resultCode} (RFC 2661 section
     * 4.4.2). The listener does not say who sent the CDN, so administrative (3) reads as the subscriber's side
     * hanging up, which is by far the usual case on an LNS; an operator's close looks the same.
     */
    public static TerminateCause ofCdnResult(int resultCode) {
        return switch (resultCode) {
            case 1 -> LOST_CARRIER;   // "call disconnected due to loss of carrier"
            case 3 -> USER_REQUEST;   // "call disconnected for administrative reasons"
            default -> NAS_ERROR;     // general error, lack of facilities, ...
        };
    }
}
