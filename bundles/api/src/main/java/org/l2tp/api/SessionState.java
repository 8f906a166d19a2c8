package org.l2tp.api;

/** The call states of RFC 2661 sections 7.4 (LAC) and 7.5 (LNS), incoming and outgoing. */
public enum SessionState {
    IDLE,
    /** Waiting for the control connection to come up before the call is placed. */
    WAIT_TUNNEL,
    /** ICRQ or OCRQ sent, waiting for ICRP or OCRP. */
    WAIT_REPLY,
    /** ICRP or OCRP sent, waiting for ICCN or OCCN. */
    WAIT_CONNECT,
    /** Outgoing call: OCRP sent, the LAC is placing the call. */
    WAIT_CS_ANSWER,
    /** The call is up and PPP frames flow. */
    ESTABLISHED,
    /** CDN sent or received. */
    CLOSED
}
