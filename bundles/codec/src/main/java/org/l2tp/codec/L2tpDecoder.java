package org.l2tp.codec;

import static org.l2tp.codec.L2tpDecodeException.Answer.CDN;
import static org.l2tp.codec.L2tpDecodeException.Answer.DISCARD;
import static org.l2tp.codec.L2tpDecodeException.Answer.STOPCCN;
import static org.l2tp.codec.L2tpHeaderView.u16;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.l2tp.codec.L2tpDecodeException.Answer;
import org.l2tp.codec.L2tpDecodeException.Reason;

/**
 * Decodes one L2TPv2 datagram into a {@link ControlMessage} or a {@link DataMessage}. Strict: whatever the bytes, the
 * result is a message or an {@link L2tpDecodeException} naming the reason and the RFC's answer; no other exception
 * escapes. Stateless and thread-safe.
 */
public final class L2tpDecoder {

    private L2tpDecoder() {
    }

    /** Decodes a whole datagram. {@code secret} reveals hidden AVPs; null leaves them as ciphertext. */
    public static L2tpMessage decode(byte[] datagram, byte[] secret) throws L2tpDecodeException {
        return decode(datagram, 0, datagram.length, secret);
    }

    /** Decodes the datagram between the buffer's position and limit, without moving them. */
    public static L2tpMessage decode(ByteBuffer datagram, byte[] secret) throws L2tpDecodeException {
        if (datagram.hasArray()) {
            return decode(datagram.array(), datagram.arrayOffset() + datagram.position(), datagram.remaining(), secret);
        }
        byte[] copy = new byte[datagram.remaining()];
        datagram.duplicate().get(copy);
        return decode(copy, 0, copy.length, secret);
    }

    /**
     * Decodes {@code buf[off, off + len)}. A data message's payload is a view into {@code buf}: the caller must not
     * reuse the array while the message is in use.
     */
    public static L2tpMessage decode(byte[] buf, int off, int len, byte[] secret) throws L2tpDecodeException {
        L2tpHeaderView h = new L2tpHeaderView();
        L2tpHeaderView.Status status = h.parse(buf, off, len);
        switch (status) {
            case OK:
                break;
            case UNSUPPORTED_VERSION:
                // Section 4.4.2: StopCCN result 5, the error code naming the highest version we support.
                throw new L2tpDecodeException(Reason.UNSUPPORTED_VERSION, "header version " + h.version()
                        + ", only version " + HeaderBits.VERSION + " is supported",
                        h.isControl() ? STOPCCN : DISCARD, h.isControl() ? StopCcnResult.UNSUPPORTED_VERSION.code()
                        : -1, h.isControl() ? HeaderBits.VERSION : -1, -1, -1, -1, -1, null);
            case BAD_CONTROL_FLAGS:
                throw headerError(Reason.BAD_CONTROL_FLAGS, "control message flags 0x"
                        + Integer.toHexString(h.flags()) + " lack L or S, or set O (RFC 2661 section 3.1)");
            case BAD_LENGTH:
                throw headerError(Reason.BAD_LENGTH, "Length field " + h.length() + " does not fit a datagram of "
                        + len + " octets");
            default:
                throw headerError(Reason.TRUNCATED, "datagram of " + len + " octets ends inside the header");
        }
        if (!h.isControl()) {
            return new DataMessage(h.tunnelId(), h.sessionId(), h.ns(), h.nr(), h.hasLength(), h.priority(),
                    h.offsetSize(), ByteBuffer.wrap(buf, off + h.headerLength(), h.payloadLength()).slice());
        }
        return new ControlReader(buf, off + h.headerLength(), off + h.length(), h, secret).read();
    }

    private static L2tpDecodeException headerError(Reason reason, String detail) {
        return new L2tpDecodeException(reason, detail, DISCARD, -1, -1, -1, -1, -1, -1, null);
    }

    /** Reads the AVPs of one control message. */
    private static final class ControlReader {
        private final byte[] buf;
        private final int end;
        private final L2tpHeaderView h;
        private final byte[] secret;
        private int p;
        private MessageType type;
        private byte[] randomVector;
        private L2tpDecodeException unknownMandatory;

        ControlReader(byte[] buf, int start, int end, L2tpHeaderView h, byte[] secret) {
            this.buf = buf;
            this.p = start;
            this.end = end;
            this.h = h;
            this.secret = secret;
        }

        ControlMessage read() throws L2tpDecodeException {
            if (p == end) {
                return ControlMessage.zlb(h.tunnelId(), h.sessionId(), h.ns(), h.nr());
            }
            readMessageType();
            List<Avp> avps = new ArrayList<>(12);
            while (p < end) {
                avps.add(readAvp());
            }
            ControlMessage m = new ControlMessage(h.tunnelId(), h.sessionId(), h.ns(), h.nr(), type, avps);
            if (unknownMandatory != null) {
                throw unknownMandatory.withMessage(m);
            }
            return m;
        }

        /** Section 4.4.1: the Message Type AVP MUST be first, MUST NOT be hidden, and carries 2 octets. */
        private void readMessageType() throws L2tpDecodeException {
            if (end - p < Avp.HEADER_LENGTH + 2) {
                throw error(Reason.MISSING_MESSAGE_TYPE, "message body of " + (end - p)
                        + " octets cannot hold a Message Type AVP", GeneralError.LENGTH_WRONG);
            }
            int w = u16(buf, p);
            int vendor = u16(buf, p + 2);
            int attr = u16(buf, p + 4);
            if ((w & 0x3FF) != Avp.HEADER_LENGTH + 2 || vendor != 0 || attr != 0 || (w & 0x4000) != 0) {
                throw error(Reason.MISSING_MESSAGE_TYPE, "first AVP is vendor " + vendor + " type " + attr
                        + " length " + (w & 0x3FF) + (((w & 0x4000) != 0) ? " hidden" : "")
                        + ", not a Message Type AVP", GeneralError.FIELD_OUT_OF_RANGE);
            }
            int code = u16(buf, p + 6);
            type = MessageType.ofCode(code);
            if (type == null) {
                boolean mandatory = (w & 0x8000) != 0;
                // Section 4.4.1: an unknown type with the M bit set clears the tunnel; without it, ignore the message.
                throw new L2tpDecodeException(Reason.UNKNOWN_MESSAGE_TYPE, "message type " + code
                        + (mandatory ? " with the M bit set" : ", M bit clear: ignored"),
                        mandatory ? STOPCCN : DISCARD, mandatory ? StopCcnResult.GENERAL_ERROR.code() : -1,
                        mandatory ? GeneralError.UNKNOWN_MANDATORY_AVP.code() : -1,
                        h.tunnelId(), h.sessionId(), h.ns(), h.nr(), null);
            }
            p += Avp.HEADER_LENGTH + 2;
        }

        private Avp readAvp() throws L2tpDecodeException {
            if (end - p < Avp.HEADER_LENGTH) {
                throw error(Reason.BAD_AVP_LENGTH, (end - p) + " trailing octets after the last AVP",
                        GeneralError.LENGTH_WRONG);
            }
            int w = u16(buf, p);
            int length = w & 0x3FF;
            int vendor = u16(buf, p + 2);
            int attr = u16(buf, p + 4);
            if (length < Avp.HEADER_LENGTH || length > end - p) {
                throw error(Reason.BAD_AVP_LENGTH, "AVP vendor " + vendor + " type " + attr + " has length "
                        + length + " with " + (end - p) + " octets left in the message", GeneralError.LENGTH_WRONG);
            }
            boolean mandatory = (w & 0x8000) != 0;
            boolean hidden = (w & 0x4000) != 0;
            // Reserved bits set make the AVP unrecognised (section 4.1).
            AvpType known = vendor == 0 && (w & 0x3C00) == 0 ? AvpType.ofCode(attr) : null;
            int vstart = p + Avp.HEADER_LENGTH;
            int vlen = length - Avp.HEADER_LENGTH;
            p += length;
            if (vendor == 0 && attr == AvpType.MESSAGE_TYPE.code()) {
                throw error(Reason.BAD_AVP_VALUE, "a second Message Type AVP", GeneralError.FIELD_OUT_OF_RANGE);
            }
            if (known == null) {
                if (mandatory && unknownMandatory == null) {
                    // Reported once the rest is read, so the answer can use the whole message (section 4.1).
                    unknownMandatory = error(Reason.UNKNOWN_MANDATORY_AVP, "unknown AVP vendor " + vendor
                            + " type " + attr + " has the M bit set", GeneralError.UNKNOWN_MANDATORY_AVP);
                }
                return new Avp(vendor, attr, mandatory, hidden, AvpValue.Raw.adopt(copy(buf, vstart, vlen)));
            }
            AvpValue value;
            if (hidden) {
                if (secret == null) {
                    return new Avp(0, attr, mandatory, true, AvpValue.Raw.adopt(copy(buf, vstart, vlen)));
                }
                value = reveal(known, vstart, vlen);
            } else {
                value = value(known, buf, vstart, vlen);
            }
            if (known == AvpType.RANDOM_VECTOR) {
                randomVector = ((AvpValue.Octets) value).value();
            }
            return new Avp(0, attr, mandatory, hidden, value);
        }

        private AvpValue reveal(AvpType type, int vstart, int vlen) throws L2tpDecodeException {
            if (randomVector == null) {
                throw error(Reason.HIDDEN_WITHOUT_RANDOM_VECTOR, "hidden " + type.rfcName()
                        + " with no Random Vector before it", GeneralError.FIELD_OUT_OF_RANGE);
            }
            if (vlen < 2) {
                throw error(Reason.HIDDEN_UNREADABLE, "hidden " + type.rfcName() + " of " + vlen
                        + " octets has no room for its original length", GeneralError.LENGTH_WRONG);
            }
            byte[] plain = AvpHiding.reveal(type.code(), secret, randomVector, buf, vstart, vlen);
            int original = u16(plain, 0);
            // Anything after the original value is the sender's padding (section 4.3).
            if (original > vlen - 2) {
                throw error(Reason.HIDDEN_UNREADABLE, "hidden " + type.rfcName() + " reveals a length of "
                        + original + " in " + (vlen - 2) + " octets: wrong secret?", GeneralError.FIELD_OUT_OF_RANGE);
            }
            return value(type, plain, 2, original);
        }

        private AvpValue value(AvpType type, byte[] b, int off, int len) throws L2tpDecodeException {
            if (!type.acceptsLength(len)) {
                throw error(Reason.BAD_AVP_VALUE, type.rfcName() + " value of " + len + " octets, expected "
                        + type.minLength() + (type.maxLength() != type.minLength() ? "-" + type.maxLength() : ""),
                        GeneralError.LENGTH_WRONG);
            }
            switch (type.format()) {
                case EMPTY:
                    return AvpValue.Empty.INSTANCE;
                case U16:
                    return new AvpValue.U16(u16(b, off));
                case U32:
                    return new AvpValue.U32(u32(b, off));
                case TEXT:
                    return new AvpValue.Text(new String(b, off, len, StandardCharsets.ISO_8859_1));
                case OCTETS:
                    return AvpValue.Octets.adopt(copy(b, off, len));
                case PROTOCOL_VERSION:
                    return new AvpValue.ProtocolVersion(b[off] & 0xFF, b[off + 1] & 0xFF);
                case RESULT_CODE:
                    if (len == 3) {
                        throw error(Reason.BAD_AVP_VALUE, "Result Code of 3 octets: an error code takes 2",
                                GeneralError.LENGTH_WRONG);
                    }
                    return new AvpValue.ResultCode(u16(b, off), len >= 4 ? u16(b, off + 2) : -1,
                            len > 4 ? new String(b, off + 4, len - 4, StandardCharsets.ISO_8859_1) : null);
                case Q931_CAUSE:
                    return new AvpValue.Q931Cause(u16(b, off), b[off + 2] & 0xFF,
                            len > 3 ? new String(b, off + 3, len - 3, StandardCharsets.ISO_8859_1) : null);
                case CALL_ERRORS:
                    return new AvpValue.CallErrors(u32(b, off + 2), u32(b, off + 6), u32(b, off + 10),
                            u32(b, off + 14), u32(b, off + 18), u32(b, off + 22));
                case ACCM:
                    return new AvpValue.Accm(u32(b, off + 2), u32(b, off + 6));
                default:
                    throw new AssertionError(type.format());
            }
        }

        /** The answer follows the scope of the message: a session's problem ends the session (section 4.1). */
        private L2tpDecodeException error(Reason reason, String detail, GeneralError error) {
            boolean session = type != null && type.scope() == MessageType.Scope.SESSION;
            Answer answer = session ? CDN : STOPCCN;
            int result = session ? CdnResult.GENERAL_ERROR.code() : StopCcnResult.GENERAL_ERROR.code();
            return new L2tpDecodeException(reason, detail, answer, result, error.code(), h.tunnelId(),
                    h.sessionId(), h.ns(), h.nr(), type);
        }
    }

    private static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xFF) << 24) | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }

    private static byte[] copy(byte[] b, int off, int len) {
        byte[] out = new byte[len];
        System.arraycopy(b, off, out, 0, len);
        return out;
    }
}
