package org.l2tp.codec;

/** Anything the decoder yields for one L2TP datagram: a control message (or ZLB) or a data message. */
public sealed interface L2tpMessage permits ControlMessage, DataMessage {
    /** The Tunnel ID of the header: the receiver's id for the tunnel. */
    int tunnelId();

    /** The Session ID of the header: the receiver's id for the session, 0 for the tunnel itself. */
    int sessionId();
}
