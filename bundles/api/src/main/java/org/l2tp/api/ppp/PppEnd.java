package org.l2tp.api.ppp;

/**
 * Why a session's PPP ended on its own, with pppd's exit status for it (pppd.h EXIT_*) and the CDN result code it
 * is reported with (RFC 2661 section 4.4.2). One mapping for both engines, so a session ends the same way whether
 * pppd or the in-process engine ran its PPP.
 */
public enum PppEnd {
    FATAL(1, 2),
    /** No address for the peer (the pool is exhausted): CDN 4, temporary lack of facilities; pppd has no such end. */
    NO_ADDRESS(1, 4),
    USER_REQUEST(5, 3),
    NEGOTIATION_FAILED(10, 11),
    PEER_AUTH_FAILED(11, 2),
    IDLE(12, 3),
    CONNECT_TIME(13, 3),
    PEER_DEAD(15, 1),
    HANGUP(16, 1),
    LOOPBACK(17, 2),
    AUTH_TO_PEER_FAILED(19, 2);

    private final int exitStatus;
    private final int cdnResult;

    PppEnd(int exitStatus, int cdnResult) {
        this.exitStatus = exitStatus;
        this.cdnResult = cdnResult;
    }

    /** pppd's exit status for this end. */
    public int exitStatus() {
        return exitStatus;
    }

    /** The CDN Result Code: 1 loss of carrier, 2 error (the reason says what), 3 administrative, 11 framing. */
    public int cdnResult() {
        return cdnResult;
    }

    /** The CDN result for a pppd exit status; 2 (general error, the reason says what) for ones not listed. */
    public static int cdnResultOf(int exitStatus) {
        // The first end with that status: NO_ADDRESS shares FATAL's status and is never reported by a pppd.
        for (PppEnd e : values()) {
            if (e.exitStatus == exitStatus) {
                return e.cdnResult;
            }
        }
        return 2;
    }
}
