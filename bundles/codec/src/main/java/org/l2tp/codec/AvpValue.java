package org.l2tp.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The decoded value of an AVP. Values are immutable: arrays are copied in and out. Text is held as ISO-8859-1 so
 * that any octets a peer sends (RFC 2661 does not constrain host names to ASCII) survive a round trip unchanged.
 */
public sealed interface AvpValue {

    /** The number of octets this value occupies on the wire (before hiding). */
    int encodedLength();

    /** An AVP with no value (Sequencing Required, section 4.4.6). */
    enum Empty implements AvpValue {
        INSTANCE;

        @Override
        public int encodedLength() {
            return 0;
        }
    }

    /** A 16-bit unsigned integer. */
    record U16(int value) implements AvpValue {
        public U16 {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("16-bit value out of range: " + value);
            }
        }

        @Override
        public int encodedLength() {
            return 2;
        }
    }

    /** A 32-bit unsigned integer or bit mask. */
    record U32(long value) implements AvpValue {
        public U32 {
            if (value < 0 || value > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("32-bit value out of range: " + value);
            }
        }

        @Override
        public int encodedLength() {
            return 4;
        }
    }

    /** Text, one char per octet. */
    record Text(String value) implements AvpValue {
        public Text {
            for (int i = 0; i < value.length(); i++) {
                if (value.charAt(i) > 0xFF) {
                    throw new IllegalArgumentException("text AVP values are octets; character " + (int) value.charAt(i)
                            + " does not fit in one");
                }
            }
        }

        @Override
        public int encodedLength() {
            return value.length();
        }

        public byte[] bytes() {
            return value.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** Octets held by value: compared by content, copied in and out. */
    abstract sealed class Bytes implements AvpValue permits Octets, Raw {
        private final byte[] value;

        Bytes(byte[] value) {
            this.value = value;
        }

        public byte[] value() {
            return value.clone();
        }

        @Override
        public int encodedLength() {
            return value.length;
        }

        void copyTo(byte[] dst, int off) {
            System.arraycopy(value, 0, dst, off, value.length);
        }

        @Override
        public boolean equals(Object o) {
            return o != null && o.getClass() == getClass() && Arrays.equals(value, ((Bytes) o).value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return getClass().getSimpleName() + "[" + Hex.encode(value) + "]";
        }
    }

    /** Opaque octets of a known AVP. */
    final class Octets extends Bytes {
        public Octets(byte[] value) {
            super(value.clone());
        }

        private Octets(byte[] value, boolean adopt) {
            super(value);
        }

        /** Wraps an array the caller will never touch again (decoder use). */
        static Octets adopt(byte[] value) {
            return new Octets(value, true);
        }
    }

    /**
     * The octets of an AVP this codec does not interpret: a vendor AVP, an unknown IETF type, or a hidden AVP that
     * could not be revealed because no secret was given. Re-encoded unchanged.
     */
    final class Raw extends Bytes {
        public Raw(byte[] value) {
            super(value.clone());
        }

        private Raw(byte[] value, boolean adopt) {
            super(value);
        }

        static Raw adopt(byte[] value) {
            return new Raw(value, true);
        }
    }

    /**
     * Result Code (section 4.4.2): the result, then optionally an error code and, only after an error code, a
     * message. {@code error} is -1 and {@code message} null when absent.
     */
    record ResultCode(int result, int error, String message) implements AvpValue {
        public ResultCode {
            checkU16(result, "result");
            if (error != -1) {
                checkU16(error, "error");
            }
            if (message != null && error == -1) {
                throw new IllegalArgumentException("a Result Code message needs an error code before it");
            }
            if (message != null) {
                new Text(message);
            }
        }

        public ResultCode(int result) {
            this(result, -1, null);
        }

        public ResultCode(int result, int error) {
            this(result, error, null);
        }

        @Override
        public int encodedLength() {
            return 2 + (error == -1 ? 0 : 2) + (message == null ? 0 : message.length());
        }
    }

    /** Protocol Version (section 4.4.3); RFC 2661 peers send version 1, revision 0. */
    record ProtocolVersion(int version, int revision) implements AvpValue {
        public static final ProtocolVersion L2TPV2 = new ProtocolVersion(1, 0);

        public ProtocolVersion {
            checkU8(version, "version");
            checkU8(revision, "revision");
        }

        @Override
        public int encodedLength() {
            return 2;
        }
    }

    /** Q.931 Cause Code (section 4.4.5): cause, message code, optional advisory text (null when absent). */
    record Q931Cause(int cause, int messageCode, String advisory) implements AvpValue {
        public Q931Cause {
            checkU16(cause, "cause");
            checkU8(messageCode, "message code");
            if (advisory != null) {
                new Text(advisory);
            }
        }

        @Override
        public int encodedLength() {
            return 3 + (advisory == null ? 0 : advisory.length());
        }
    }

    /** Call Errors (section 4.4.6), the counters a WEN carries. */
    record CallErrors(long crcErrors, long framingErrors, long hardwareOverruns, long bufferOverruns,
                      long timeoutErrors, long alignmentErrors) implements AvpValue {
        public CallErrors {
            checkU32(crcErrors, "CRC errors");
            checkU32(framingErrors, "framing errors");
            checkU32(hardwareOverruns, "hardware overruns");
            checkU32(bufferOverruns, "buffer overruns");
            checkU32(timeoutErrors, "time-out errors");
            checkU32(alignmentErrors, "alignment errors");
        }

        @Override
        public int encodedLength() {
            return 26;
        }
    }

    /** ACCM (section 4.4.6), the PPP async control character maps an SLI carries. */
    record Accm(long sendAccm, long receiveAccm) implements AvpValue {
        public Accm {
            checkU32(sendAccm, "send ACCM");
            checkU32(receiveAccm, "receive ACCM");
        }

        @Override
        public int encodedLength() {
            return 10;
        }
    }

    private static void checkU8(int v, String what) {
        if (v < 0 || v > 0xFF) {
            throw new IllegalArgumentException(what + " out of range 0-255: " + v);
        }
    }

    private static void checkU16(int v, String what) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(what + " out of range 0-65535: " + v);
        }
    }

    private static void checkU32(long v, String what) {
        if (v < 0 || v > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(what + " out of range 0-4294967295: " + v);
        }
    }
}
