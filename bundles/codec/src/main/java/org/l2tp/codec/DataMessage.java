package org.l2tp.codec;

import java.nio.ByteBuffer;

/**
 * A data message (RFC 2661 section 3.1, T bit clear) carrying one PPP frame. The payload is a read-only view into
 * the datagram the message was decoded from: nothing is copied.
 *
 * @param tunnelId   the header's Tunnel ID
 * @param sessionId  the header's Session ID
 * @param ns         Ns, or -1 when the S bit is clear
 * @param nr         Nr, or -1 when the S bit is clear
 * @param lengthBit  whether the header carries a Length field
 * @param priority   the P bit
 * @param offsetSize the Offset Size field, or -1 when the O bit is clear
 * @param payload    the PPP frame (address/control field onward)
 */
public record DataMessage(int tunnelId, int sessionId, int ns, int nr, boolean lengthBit, boolean priority,
                          int offsetSize, ByteBuffer payload) implements L2tpMessage {

    public DataMessage {
        if (tunnelId < 0 || tunnelId > 0xFFFF || sessionId < 0 || sessionId > 0xFFFF) {
            throw new IllegalArgumentException("tunnel and session ids are 16-bit values");
        }
        if ((ns < 0) != (nr < 0) || ns > 0xFFFF || nr > 0xFFFF) {
            throw new IllegalArgumentException("Ns and Nr are both present (0-65535) or both absent (-1)");
        }
        if (offsetSize < -1 || offsetSize > 0xFFFF) {
            throw new IllegalArgumentException("offset size out of range: " + offsetSize);
        }
        payload = payload.asReadOnlyBuffer();
    }

    /** A data message with only the fields every peer understands: no length, sequence or offset. */
    public static DataMessage of(int tunnelId, int sessionId, ByteBuffer payload) {
        return new DataMessage(tunnelId, sessionId, -1, -1, false, false, -1, payload);
    }

    public boolean hasSequence() {
        return ns >= 0;
    }

    /** The header length this message encodes to. */
    public int headerLength() {
        return L2tpEncoder.dataHeaderLength(lengthBit, hasSequence(), offsetSize);
    }

    @Override
    public String toString() {
        return "DATA{tunnel=" + tunnelId + ", session=" + sessionId + (ns >= 0 ? ", Ns=" + ns + ", Nr=" + nr : "")
                + ", payload=" + payload.remaining() + "}";
    }
}
