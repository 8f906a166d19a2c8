package org.l2tp.ppp.frame;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One Configuration Option: Type, Length, Data (RFC 1661 section 6). Immutable: {@link #value} returns a copy.
 */
public final class Option {
    private final int type;
    private final byte[] value;

    public Option(int type, byte[] value) {
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("option type is an octet: " + type);
        }
        if (value.length > 253) {
            throw new IllegalArgumentException("option value too long: " + value.length);
        }
        this.type = type;
        this.value = value.clone();
    }

    /** An option whose value is a 16-bit number (MRU, a protocol). */
    public static Option u16(int type, int v) {
        return new Option(type, new byte[] {(byte) (v >> 8), (byte) v});
    }

    /** An option whose value is a 32-bit number (Magic-Number, an IPv4 address, an ACCM). */
    public static Option u32(int type, long v) {
        return new Option(type, new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8), (byte) v});
    }

    public int type() {
        return type;
    }

    public byte[] value() {
        return value.clone();
    }

    /** Length of the value (the option's Length field minus 2). */
    public int valueLength() {
        return value.length;
    }

    /** Value octet {@code i} (0..255) without copying. */
    public int valueByte(int i) {
        return value[i] & 0xff;
    }

    /** The value as an unsigned big-endian number (up to 8 octets). */
    public long number() {
        long v = 0;
        for (byte b : value) {
            v = v << 8 | b & 0xff;
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Option p && p.type == type && Arrays.equals(p.value, value);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return type + ":" + HexFormat.of().formatHex(value);
    }
}
