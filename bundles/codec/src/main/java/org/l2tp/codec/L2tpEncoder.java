package org.l2tp.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Encodes control messages, ZLBs and data message headers (RFC 2661 sections 3.1 and 4.1). Stateless and
 * thread-safe. Messages are valid by construction, so encoding fails only on caller errors: a hidden AVP without a
 * Random Vector before it or without a secret, or a destination too small.
 */
public final class L2tpEncoder {
    /** Flags, Length, Tunnel ID, Session ID, Ns, Nr. */
    public static final int CONTROL_HEADER_LENGTH = 12;
    private static final int CONTROL_FLAGS = HeaderBits.T | HeaderBits.L | HeaderBits.S | HeaderBits.VERSION;
    private static final int MESSAGE_TYPE_AVP_LENGTH = Avp.HEADER_LENGTH + 2;

    private L2tpEncoder() {
    }

    /** The number of octets {@code m} encodes to. */
    public static int encodedLength(ControlMessage m) {
        if (m.isZlb()) {
            return CONTROL_HEADER_LENGTH;
        }
        int n = CONTROL_HEADER_LENGTH + MESSAGE_TYPE_AVP_LENGTH;
        for (Avp a : m.avps()) {
            n += wireLength(a);
        }
        return n;
    }

    /** Encodes {@code m} into a new array; {@code secret} hides the AVPs marked hidden (null if there are none). */
    public static byte[] encode(ControlMessage m, byte[] secret) {
        byte[] out = new byte[encodedLength(m)];
        encode(m, secret, out, 0);
        return out;
    }

    /** Encodes {@code m} at the buffer's position and advances it. */
    public static void encode(ControlMessage m, byte[] secret, ByteBuffer dst) {
        int n = encodedLength(m);
        if (dst.remaining() < n) {
            throw new IllegalArgumentException("destination has " + dst.remaining() + " octets, message needs " + n);
        }
        if (dst.hasArray()) {
            encode(m, secret, dst.array(), dst.arrayOffset() + dst.position());
            dst.position(dst.position() + n);
        } else {
            dst.put(encode(m, secret));
        }
    }

    /** Encodes {@code m} at {@code dst[off]}; returns the number of octets written. */
    public static int encode(ControlMessage m, byte[] secret, byte[] dst, int off) {
        int length = encodedLength(m);
        if (dst.length - off < length) {
            throw new IllegalArgumentException("destination has " + (dst.length - off) + " octets, message needs "
                    + length);
        }
        if (length > 0xFFFF) {
            throw new IllegalArgumentException("message of " + length + " octets exceeds the 16-bit Length field");
        }
        put16(dst, off, CONTROL_FLAGS);
        put16(dst, off + 2, length);
        put16(dst, off + 4, m.tunnelId());
        put16(dst, off + 6, m.sessionId());
        put16(dst, off + 8, m.ns());
        put16(dst, off + 10, m.nr());
        if (m.isZlb()) {
            return length;
        }
        int p = off + CONTROL_HEADER_LENGTH;
        put16(dst, p, 0x8000 | MESSAGE_TYPE_AVP_LENGTH);
        put16(dst, p + 2, 0);
        put16(dst, p + 4, AvpType.MESSAGE_TYPE.code());
        put16(dst, p + 6, m.type().code());
        p += MESSAGE_TYPE_AVP_LENGTH;
        byte[] randomVector = null;
        for (Avp a : m.avps()) {
            int wire = wireLength(a);
            put16(dst, p, (a.mandatory() ? 0x8000 : 0) | (a.hidden() ? 0x4000 : 0) | wire);
            put16(dst, p + 2, a.vendorId());
            put16(dst, p + 4, a.attributeType());
            int v = p + Avp.HEADER_LENGTH;
            if (a.hidden() && !(a.value() instanceof AvpValue.Raw)) {
                if (randomVector == null) {
                    throw new IllegalArgumentException("hidden " + a.name()
                            + " needs a Random Vector AVP before it (RFC 2661 section 4.3)");
                }
                if (secret == null) {
                    throw new IllegalArgumentException("hidden " + a.name() + " needs the tunnel secret");
                }
                put16(dst, v, a.value().encodedLength());
                writeValue(a.value(), dst, v + 2);
                AvpHiding.hide(a.attributeType(), secret, randomVector, dst, v, wire - Avp.HEADER_LENGTH);
            } else {
                writeValue(a.value(), dst, v);
            }
            if (a.is(AvpType.RANDOM_VECTOR) && a.value() instanceof AvpValue.Octets rv) {
                randomVector = rv.value();
            }
            p += wire;
        }
        return length;
    }

    /** An AVP's length on the wire: a hidden value gains its 2-octet original length (section 4.3). */
    static int wireLength(Avp a) {
        int value = a.value().encodedLength();
        return Avp.HEADER_LENGTH + value + (a.hidden() && !(a.value() instanceof AvpValue.Raw) ? 2 : 0);
    }

    private static void writeValue(AvpValue value, byte[] b, int p) {
        if (value instanceof AvpValue.U16 v) {
            put16(b, p, v.value());
        } else if (value instanceof AvpValue.U32 v) {
            put32(b, p, v.value());
        } else if (value instanceof AvpValue.Text v) {
            putText(b, p, v.value());
        } else if (value instanceof AvpValue.Bytes v) {
            v.copyTo(b, p);
        } else if (value instanceof AvpValue.ResultCode v) {
            put16(b, p, v.result());
            if (v.error() >= 0) {
                put16(b, p + 2, v.error());
                if (v.message() != null) {
                    putText(b, p + 4, v.message());
                }
            }
        } else if (value instanceof AvpValue.ProtocolVersion v) {
            b[p] = (byte) v.version();
            b[p + 1] = (byte) v.revision();
        } else if (value instanceof AvpValue.Q931Cause v) {
            put16(b, p, v.cause());
            b[p + 2] = (byte) v.messageCode();
            if (v.advisory() != null) {
                putText(b, p + 3, v.advisory());
            }
        } else if (value instanceof AvpValue.CallErrors v) {
            put16(b, p, 0);
            put32(b, p + 2, v.crcErrors());
            put32(b, p + 6, v.framingErrors());
            put32(b, p + 10, v.hardwareOverruns());
            put32(b, p + 14, v.bufferOverruns());
            put32(b, p + 18, v.timeoutErrors());
            put32(b, p + 22, v.alignmentErrors());
        } else if (value instanceof AvpValue.Accm v) {
            put16(b, p, 0);
            put32(b, p + 2, v.sendAccm());
            put32(b, p + 6, v.receiveAccm());
        }
        // AvpValue.Empty writes nothing.
    }

    /** The length of a data message header with these optional fields (section 3.1). */
    public static int dataHeaderLength(boolean lengthBit, boolean sequence, int offsetSize) {
        return 6 + (lengthBit ? 2 : 0) + (sequence ? 4 : 0) + (offsetSize >= 0 ? 2 + offsetSize : 0);
    }

    /**
     * Writes a data message header at {@code dst[off]} for a payload of {@code payloadLength} octets that the caller
     * places right after it; returns the header length. {@code ns}/{@code nr} of -1 leave the S bit clear,
     * {@code offsetSize} of -1 the O bit (the offset padding is zeroed).
     */
    public static int writeDataHeader(byte[] dst, int off, int tunnelId, int sessionId, int ns, int nr,
                                      boolean lengthBit, boolean priority, int offsetSize, int payloadLength) {
        boolean seq = ns >= 0;
        int hl = dataHeaderLength(lengthBit, seq, offsetSize);
        if (lengthBit && hl + payloadLength > 0xFFFF) {
            throw new IllegalArgumentException("data message of " + (hl + payloadLength)
                    + " octets exceeds the 16-bit Length field");
        }
        int flags = HeaderBits.VERSION | (lengthBit ? HeaderBits.L : 0) | (seq ? HeaderBits.S : 0)
                | (offsetSize >= 0 ? HeaderBits.O : 0) | (priority ? HeaderBits.P : 0);
        put16(dst, off, flags);
        int p = off + 2;
        if (lengthBit) {
            put16(dst, p, hl + payloadLength);
            p += 2;
        }
        put16(dst, p, tunnelId);
        put16(dst, p + 2, sessionId);
        p += 4;
        if (seq) {
            put16(dst, p, ns);
            put16(dst, p + 2, nr);
            p += 4;
        }
        if (offsetSize >= 0) {
            put16(dst, p, offsetSize);
            Arrays.fill(dst, p + 2, p + 2 + offsetSize, (byte) 0);
        }
        return hl;
    }

    /** Encodes a whole data message into a new array (one copy of the payload, into the datagram). */
    public static byte[] encode(DataMessage m) {
        ByteBuffer payload = m.payload().duplicate();
        int hl = m.headerLength();
        byte[] out = new byte[hl + payload.remaining()];
        writeDataHeader(out, 0, m.tunnelId(), m.sessionId(), m.ns(), m.nr(), m.lengthBit(), m.priority(),
                m.offsetSize(), payload.remaining());
        payload.get(out, hl, payload.remaining());
        return out;
    }

    static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    static void put32(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    private static void putText(byte[] b, int p, String s) {
        // ISO-8859-1: one octet per char, as the decoder reads it (AvpValue.Text refuses wider chars).
        for (int i = 0, n = s.length(); i < n; i++) {
            b[p + i] = (byte) s.charAt(i);
        }
    }
}
