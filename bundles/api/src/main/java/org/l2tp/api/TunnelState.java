package org.l2tp.api;

/** The control connection states of RFC 2661 section 7.2, for both the initiator and the responder. */
public enum TunnelState {
    /** No control connection yet. */
    IDLE,
    /** Initiator: SCCRQ sent, waiting for SCCRP. */
    WAIT_CTL_REPLY,
    /** Responder: SCCRP sent, waiting for SCCCN. */
    WAIT_CTL_CONN,
    /** Control connection up: sessions may be placed. */
    ESTABLISHED,
    /** StopCCN sent or received: held for the section 5.7 period, then gone. */
    CLOSING
}
