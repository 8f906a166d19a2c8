package org.l2tp.ppp.kernel;

import java.io.IOException;

/** Receives what {@link FramePoller} reads from one descriptor; called on the poller's thread. */
@FunctionalInterface
public interface FrameHandler {
    /** One frame: a copy of exactly the octets one read() returned (for /dev/ppp: from the protocol field on). */
    void frame(byte[] f);

    /**
     * The descriptor failed (a read error) or reached end of file (java.io.EOFException: the PPP channel is gone, or
     * the unit has no channel connected any more). The poller has stopped watching it; closing it is the caller's.
     */
    default void error(IOException e) {
    }
}
