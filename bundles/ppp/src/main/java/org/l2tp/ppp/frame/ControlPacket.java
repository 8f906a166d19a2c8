package org.l2tp.ppp.frame;

import java.util.Arrays;

/**
 * A control packet of LCP, IPCP, IPv6CP, PAP or CHAP: Code, Identifier, Length, Data (RFC 1661 section 5, and the
 * same header in RFC 1334 and RFC 1994). Immutable: {@link #data} returns a copy.
 */
public final class ControlPacket {
    private final int code;
    private final int id;
    private final byte[] data;

    public ControlPacket(int code, int id, byte[] data) {
        if (code < 0 || code > 255 || id < 0 || id > 255) {
            throw new IllegalArgumentException("code and identifier are octets: " + code + ", " + id);
        }
        if (data.length > 65535 - 4) {
            throw new IllegalArgumentException("data too long: " + data.length);
        }
        this.code = code;
        this.id = id;
        this.data = data.clone();
    }

    /**
     * Decodes the packet in {@code buf[off, off+len)}. Octets beyond the Length field are padding and ignored; a
     * Length below 4 or beyond {@code len} is {@link FrameException.Reason#BAD_LENGTH} (RFC 1661 section 5).
     */
    public static ControlPacket decode(byte[] buf, int off, int len) throws FrameException {
        if (len < 4) {
            throw new FrameException(FrameException.Reason.SHORT_PACKET, "control packet of " + len + " bytes");
        }
        int length = (buf[off + 2] & 0xff) << 8 | buf[off + 3] & 0xff;
        if (length < 4 || length > len) {
            throw new FrameException(FrameException.Reason.BAD_LENGTH, "Length " + length + " in " + len
                    + " bytes");
        }
        return new ControlPacket(buf[off] & 0xff, buf[off + 1] & 0xff, Arrays.copyOfRange(buf, off + 4,
                off + length));
    }

    public int code() {
        return code;
    }

    public int id() {
        return id;
    }

    public byte[] data() {
        return data.clone();
    }

    public int dataLength() {
        return data.length;
    }

    /** The data octet at {@code i} (0..255), without copying. */
    public int dataByte(int i) {
        return data[i] & 0xff;
    }

    /** Code, Identifier, Length, Data. */
    public byte[] encode() {
        byte[] out = new byte[4 + data.length];
        out[0] = (byte) code;
        out[1] = (byte) id;
        out[2] = (byte) (out.length >> 8);
        out[3] = (byte) out.length;
        System.arraycopy(data, 0, out, 4, data.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ControlPacket p && p.code == code && p.id == id && Arrays.equals(p.data, data);
    }

    @Override
    public int hashCode() {
        return (code * 31 + id) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "code " + code + " id " + id + " (" + data.length + " data bytes)";
    }
}
