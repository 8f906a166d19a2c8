package org.l2tp.ppp.frame;

import java.util.Arrays;

/**
 * A PPP frame as /dev/ppp hands it over: Protocol field, then the payload (RFC 1661 section 2). Immutable.
 */
public final class PppFrame {
    private final int protocol;
    private final byte[] payload;

    public PppFrame(int protocol, byte[] payload) {
        if (!validProtocol(protocol)) {
            throw new IllegalArgumentException(String.format("not a PPP protocol number: 0x%04x", protocol));
        }
        this.protocol = protocol;
        this.payload = payload.clone();
    }

    /** RFC 1661 section 2: the low octet odd, the high octet even. */
    public static boolean validProtocol(int protocol) {
        return protocol >= 0 && protocol <= 0xffff && (protocol & 0x01) == 1 && (protocol & 0x0100) == 0;
    }

    /**
     * Decodes {@code buf[0, len)}. A leading FF 03 (Address and Control, RFC 1662 section 3.1) is stripped if
     * present: the kernel normally removes it, a peer's frame may still carry it. The Protocol field is always
     * two octets here: we reject Protocol-Field-Compression, so a one-octet field is a BAD_PROTOCOL.
     */
    public static PppFrame decode(byte[] buf, int len) throws FrameException {
        if (len < 0 || len > buf.length) {
            throw new IllegalArgumentException("len " + len + " of a " + buf.length + "-byte buffer");
        }
        int off = 0;
        if (len >= 2 && (buf[0] & 0xff) == 0xff && buf[1] == 0x03) {
            off = 2;
        }
        if (len - off < 2) {
            throw new FrameException(FrameException.Reason.SHORT_FRAME, "frame of " + len + " bytes");
        }
        int protocol = (buf[off] & 0xff) << 8 | buf[off + 1] & 0xff;
        if (!validProtocol(protocol)) {
            throw new FrameException(FrameException.Reason.BAD_PROTOCOL, String.format("Protocol 0x%04x", protocol));
        }
        return new PppFrame(protocol, Arrays.copyOfRange(buf, off + 2, len));
    }

    public int protocol() {
        return protocol;
    }

    public byte[] payload() {
        return payload.clone();
    }

    /** Protocol, payload (no Address and Control: /dev/ppp adds what the channel needs). */
    public byte[] encode() {
        byte[] out = new byte[2 + payload.length];
        out[0] = (byte) (protocol >> 8);
        out[1] = (byte) protocol;
        System.arraycopy(payload, 0, out, 2, payload.length);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PppFrame f && f.protocol == protocol && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return protocol * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return Protocols.name(protocol) + " (" + payload.length + " bytes)";
    }
}
