package org.l2tp.ppp.fsm;

/** The ten states of the RFC 1661 section 4.2 automaton, numbered 0..9 in the order of its table. */
public enum State {
    INITIAL, STARTING, CLOSED, STOPPED, CLOSING, STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT, OPENED
}
