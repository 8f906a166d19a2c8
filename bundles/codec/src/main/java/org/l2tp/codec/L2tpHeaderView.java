package org.l2tp.codec;

import java.nio.ByteBuffer;

/**
 * A reusable, allocation-free reader of the L2TP header (RFC 2661 section 3.1) for the per-packet path: parse a
 * datagram in place, then read the fields. One instance per thread; it is not thread-safe.
 */
public final class L2tpHeaderView {

    /** The outcome of {@link #parse}: constants, so parsing allocates nothing even when it fails. */
    public enum Status {
        OK,
        TRUNCATED,
        BAD_LENGTH,
        UNSUPPORTED_VERSION,
        BAD_CONTROL_FLAGS
    }

    private int flags;
    private int length;
    private int tunnelId;
    private int sessionId;
    private int ns;
    private int nr;
    private int offsetSize;
    private int headerLength;
    private int payloadLength;
    /** The header fields of a direct buffer, copied out: flags to Offset Size is at most 14 octets. */
    private final byte[] scratch = new byte[14];

    /** Parses the header at {@code buf[off, off + len)}; on anything but OK the fields are unreliable. */
    public Status parse(byte[] buf, int off, int len) {
        reset();
        if (len < 2) {
            return Status.TRUNCATED;
        }
        flags = u16(buf, off);
        Status s = checkFlags();
        if (s != Status.OK) {
            return s;
        }
        if (len < 6) {
            return Status.TRUNCATED;
        }
        int p = 2;
        if ((flags & HeaderBits.L) != 0) {
            if (len < 8) {
                return Status.TRUNCATED;
            }
            length = u16(buf, off + 2);
            p = 4;
        }
        if (len < p + 4) {
            return Status.TRUNCATED;
        }
        tunnelId = u16(buf, off + p);
        sessionId = u16(buf, off + p + 2);
        p += 4;
        if ((flags & HeaderBits.S) != 0) {
            if (len < p + 4) {
                return Status.TRUNCATED;
            }
            ns = u16(buf, off + p);
            nr = u16(buf, off + p + 2);
            p += 4;
        }
        if ((flags & HeaderBits.O) != 0) {
            if (len < p + 2) {
                return Status.TRUNCATED;
            }
            offsetSize = u16(buf, off + p);
            p += 2 + offsetSize;
        }
        return finish(p, len);
    }

    /** Parses the header between the buffer's position and limit, without moving them. */
    public Status parse(ByteBuffer buf) {
        if (buf.hasArray()) {
            return parse(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
        }
        // Every field the parser reads lies in the first 14 octets; the full length only bounds the checks.
        int n = Math.min(buf.remaining(), scratch.length);
        buf.get(buf.position(), scratch, 0, n);
        return parse(scratch, 0, buf.remaining());
    }

    private void reset() {
        flags = 0;
        length = -1;
        tunnelId = -1;
        sessionId = -1;
        ns = -1;
        nr = -1;
        offsetSize = -1;
        headerLength = 0;
        payloadLength = 0;
    }

    private Status checkFlags() {
        if ((flags & HeaderBits.VERSION_MASK) != HeaderBits.VERSION) {
            return Status.UNSUPPORTED_VERSION;
        }
        // Section 3.1: control messages MUST carry Length and Ns/Nr, and MUST NOT carry an offset.
        if ((flags & HeaderBits.T) != 0
                && ((flags & (HeaderBits.L | HeaderBits.S)) != (HeaderBits.L | HeaderBits.S)
                || (flags & HeaderBits.O) != 0)) {
            return Status.BAD_CONTROL_FLAGS;
        }
        return Status.OK;
    }

    private Status finish(int p, int len) {
        int end = len;
        if (length >= 0) {
            // A Length beyond the datagram is a lie; one short of it leaves trailing octets, which we ignore.
            if (length > len || length < p) {
                return Status.BAD_LENGTH;
            }
            end = length;
        } else if (p > len) {
            return Status.TRUNCATED;
        }
        headerLength = p;
        payloadLength = end - p;
        return Status.OK;
    }

    static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    /** The raw first 16-bit word: flags and version. */
    public int flags() {
        return flags;
    }

    public int version() {
        return flags & HeaderBits.VERSION_MASK;
    }

    public boolean isControl() {
        return (flags & HeaderBits.T) != 0;
    }

    public boolean hasLength() {
        return (flags & HeaderBits.L) != 0;
    }

    public boolean hasSequence() {
        return (flags & HeaderBits.S) != 0;
    }

    public boolean hasOffset() {
        return (flags & HeaderBits.O) != 0;
    }

    public boolean priority() {
        return (flags & HeaderBits.P) != 0;
    }

    /** The Length field, or -1 when absent. */
    public int length() {
        return length;
    }

    public int tunnelId() {
        return tunnelId;
    }

    public int sessionId() {
        return sessionId;
    }

    /** Ns, or -1 when the S bit is clear. */
    public int ns() {
        return ns;
    }

    /** Nr, or -1 when the S bit is clear. */
    public int nr() {
        return nr;
    }

    /** The Offset Size field, or -1 when the O bit is clear. */
    public int offsetSize() {
        return offsetSize;
    }

    /** The octets before the payload (or, in a control message, before the first AVP). */
    public int headerLength() {
        return headerLength;
    }

    /** The octets after the header, up to the Length field or the end of the datagram. */
    public int payloadLength() {
        return payloadLength;
    }
}
