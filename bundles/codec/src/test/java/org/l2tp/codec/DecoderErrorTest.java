package org.l2tp.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.l2tp.codec.L2tpDecodeException.Answer;
import org.l2tp.codec.L2tpDecodeException.Reason;

/** Malformed and unusual input gets a precise reason and the RFC's answer. */
class DecoderErrorTest {

    private static byte[] encode(ControlMessage m) {
        return L2tpEncoder.encode(m, null);
    }

    private static L2tpDecodeException fails(byte[] b) {
        return assertThrows(L2tpDecodeException.class, () -> L2tpDecoder.decode(b, null));
    }

    private static byte[] hello() {
        return encode(ControlMessage.of(MessageType.HELLO).withIds(5, 0).withSequence(3, 4));
    }

    @Test
    void truncatedHeaders() {
        for (int n = 0; n < 12; n++) {
            byte[] b = new byte[n];
            System.arraycopy(hello(), 0, b, 0, n);
            L2tpDecodeException e = fails(b);
            assertTrue(e.reason() == Reason.TRUNCATED || e.reason() == Reason.BAD_LENGTH, e::getMessage);
            assertEquals(Answer.DISCARD, e.answer());
        }
    }

    @Test
    void lengthFieldLongerThanTheDatagram() {
        byte[] b = hello();
        b[3] = (byte) (b.length + 1);
        L2tpDecodeException e = fails(b);
        assertEquals(Reason.BAD_LENGTH, e.reason());
        assertTrue(e.getMessage().contains("Length field 21"), e::getMessage);
    }

    @Test
    void trailingOctetsAfterLengthAreIgnored() throws Exception {
        byte[] b = hello();
        byte[] padded = new byte[b.length + 5];
        System.arraycopy(b, 0, padded, 0, b.length);
        assertEquals(MessageType.HELLO, ((ControlMessage) L2tpDecoder.decode(padded, null)).type());
    }

    @Test
    void otherVersionsAreReportedAsSuch() {
        byte[] b = hello();
        b[1] = (byte) ((b[1] & 0xF0) | 3);
        L2tpDecodeException e = fails(b);
        assertEquals(Reason.UNSUPPORTED_VERSION, e.reason());
        assertEquals(Answer.STOPCCN, e.answer());
        assertEquals(StopCcnResult.UNSUPPORTED_VERSION.code(), e.resultCode());
        assertEquals(2, e.errorCode());
        assertTrue(e.getMessage().contains("version 3"));
        b[1] = (byte) ((b[1] & 0xF0) | 1);
        assertTrue(fails(b).getMessage().contains("version 1"));
    }

    @Test
    void controlMessagesMustCarryLengthAndSequence() {
        byte[] b = hello();
        b[0] &= ~(HeaderBits.S >>> 8);
        assertEquals(Reason.BAD_CONTROL_FLAGS, fails(b).reason());
        b = hello();
        b[0] &= ~(HeaderBits.L >>> 8);
        assertEquals(Reason.BAD_CONTROL_FLAGS, fails(b).reason());
        b = hello();
        b[0] |= HeaderBits.O >>> 8;
        assertEquals(Reason.BAD_CONTROL_FLAGS, fails(b).reason());
    }

    @Test
    void firstAvpMustBeMessageType() {
        byte[] b = hello();
        b[17] = 7; // attribute type of the first AVP
        L2tpDecodeException e = fails(b);
        assertEquals(Reason.MISSING_MESSAGE_TYPE, e.reason());
        assertEquals(Answer.STOPCCN, e.answer());
        assertEquals(5, e.tunnelId());
        assertEquals(3, e.ns());
    }

    @Test
    void unknownMessageTypeWithAndWithoutTheMandatoryBit() {
        byte[] b = hello();
        b[19] = 99;
        L2tpDecodeException e = fails(b);
        assertEquals(Reason.UNKNOWN_MESSAGE_TYPE, e.reason());
        assertEquals(Answer.STOPCCN, e.answer());
        assertEquals(GeneralError.UNKNOWN_MANDATORY_AVP.code(), e.errorCode());
        b[12] &= 0x7F;
        e = fails(b);
        assertEquals(Answer.DISCARD, e.answer());
        assertEquals(3, e.ns(), "the caller still needs Ns to acknowledge an ignored message");
    }

    @Test
    void unknownMandatoryAvpClearsTheSessionOrTheTunnel() {
        Avp vendorM = Avp.raw(9, 1, false, new byte[] {1, 2});
        byte[] icrq = encode(ControlMessage.of(MessageType.ICRQ, Avp.u16(AvpType.ASSIGNED_SESSION_ID, 1),
                Avp.u32(AvpType.CALL_SERIAL_NUMBER, 1), vendorM).withIds(5, 0));
        icrq[icrq.length - 8] |= (byte) 0x80; // set M on the vendor AVP
        L2tpDecodeException e = fails(icrq);
        assertEquals(Reason.UNKNOWN_MANDATORY_AVP, e.reason());
        assertEquals(Answer.CDN, e.answer());
        assertEquals(CdnResult.GENERAL_ERROR.code(), e.resultCode());
        assertEquals(GeneralError.UNKNOWN_MANDATORY_AVP.code(), e.errorCode());
        assertEquals(MessageType.ICRQ, e.messageType());

        byte[] hello = encode(ControlMessage.of(MessageType.HELLO, Avp.raw(0, 200, false, new byte[3])));
        hello[hello.length - 9] |= (byte) 0x80;
        e = fails(hello);
        assertEquals(Answer.STOPCCN, e.answer());
        assertEquals(StopCcnResult.GENERAL_ERROR.code(), e.resultCode());
    }

    @Test
    void unknownOptionalAvpsAreKeptAndReencodedUnchanged() throws Exception {
        ControlMessage m = ControlMessage.of(MessageType.HELLO, Avp.raw(9, 1, false, new byte[] {1, 2, 3}),
                Avp.raw(0, 20, false, new byte[] {4}), Avp.raw(0, 300, false, new byte[0])).withIds(1, 0);
        byte[] b = encode(m);
        ControlMessage back = (ControlMessage) L2tpDecoder.decode(b, null);
        assertEquals(m, back);
        assertArrayEquals(b, encode(back));
        assertArrayEquals(new byte[] {1, 2, 3}, ((AvpValue.Raw) back.find(9, 1).value()).value());
        assertTrue(back.unknownMandatory().isEmpty());
    }

    @Test
    void reservedAvpBitsMakeAnAvpUnrecognised() throws Exception {
        byte[] b = encode(ControlMessage.of(MessageType.HELLO, Avp.text(AvpType.VENDOR_NAME, "x")));
        b[20] |= 0x04; // a reserved bit of the Vendor Name AVP, M clear
        ControlMessage m = (ControlMessage) L2tpDecoder.decode(b, null);
        assertTrue(m.avps().get(0).value() instanceof AvpValue.Raw, "left uninterpreted");
        assertNull(m.text(AvpType.VENDOR_NAME));
    }

    @Test
    void avpLengthsThatLie() {
        byte[] b = encode(ControlMessage.of(MessageType.HELLO, Avp.text(AvpType.VENDOR_NAME, "abc")));
        b[21] = 40; // AVP length beyond the message
        L2tpDecodeException e = fails(b);
        assertEquals(Reason.BAD_AVP_LENGTH, e.reason());
        assertEquals(GeneralError.LENGTH_WRONG.code(), e.errorCode());
        b[21] = 3; // shorter than an AVP header
        assertEquals(Reason.BAD_AVP_LENGTH, fails(b).reason());
    }

    @Test
    void valueLengthsThatDoNotFitTheAvp() {
        byte[] b = encode(ControlMessage.of(MessageType.ICRP, Avp.u16(AvpType.ASSIGNED_SESSION_ID, 7)));
        // Grow the Assigned Session ID AVP to 3 value octets by moving the message end.
        byte[] longer = new byte[b.length + 1];
        System.arraycopy(b, 0, longer, 0, b.length);
        longer[3] = (byte) longer.length;
        longer[21] = 9;
        L2tpDecodeException e = fails(longer);
        assertEquals(Reason.BAD_AVP_VALUE, e.reason());
        assertEquals(Answer.CDN, e.answer());
        assertTrue(e.getMessage().contains("Assigned Session ID value of 3 octets"), e::getMessage);
    }

    @Test
    void longResultCodesFromTheFieldDecode() throws Exception {
        // MikroTik sends an 8-octet Result Code: result, error, and a 4-octet message.
        byte[] b = encode(ControlMessage.of(MessageType.STOPCCN, Avp.u16(AvpType.ASSIGNED_TUNNEL_ID, 1),
                Avp.of(AvpType.RESULT_CODE, new AvpValue.ResultCode(1, 0, "abcd"))));
        ControlMessage m = (ControlMessage) L2tpDecoder.decode(b, null);
        assertEquals(new AvpValue.ResultCode(1, 0, "abcd"), m.value(AvpType.RESULT_CODE, AvpValue.ResultCode.class));
        assertEquals(Set.of(), m.missingRequired());
    }

    @Test
    void missingRequiredAvpsAreListed() throws Exception {
        byte[] b = encode(ControlMessage.of(MessageType.SCCRQ, Avp.text(AvpType.HOST_NAME, "h")));
        ControlMessage m = (ControlMessage) L2tpDecoder.decode(b, null);
        assertEquals(Set.of(AvpType.PROTOCOL_VERSION, AvpType.FRAMING_CAPABILITIES, AvpType.ASSIGNED_TUNNEL_ID),
                m.missingRequired());
    }

    @Test
    void sampleMessagesCarryEveryRequiredAvp() {
        SampleMessages.all().forEach((t, m) -> assertEquals(Set.of(), m.missingRequired(), t.name()));
    }

    @Test
    void zlbIsAControlMessageWithoutAvps() throws Exception {
        byte[] b = encode(ControlMessage.zlb(7, 0, 3, 9));
        assertEquals(12, b.length);
        ControlMessage m = (ControlMessage) L2tpDecoder.decode(b, null);
        assertTrue(m.isZlb());
        assertEquals(9, m.nr());
    }

    @Test
    void dataHeadersWithEveryOptionalField() throws Exception {
        byte[] payload = {(byte) 0xff, 3, (byte) 0xc0, 0x21, 1, 1, 0, 4};
        for (boolean l : new boolean[] {false, true}) {
            for (int ns : new int[] {-1, 77}) {
                for (int offset : new int[] {-1, 0, 3}) {
                    DataMessage d = new DataMessage(9, 10, ns, ns < 0 ? -1 : 5, l, offset == 3, offset,
                            ByteBuffer.wrap(payload));
                    byte[] wire = L2tpEncoder.encode(d);
                    DataMessage back = (DataMessage) L2tpDecoder.decode(wire, null);
                    assertEquals(d, back);
                    assertEquals(ByteBuffer.wrap(payload), back.payload());
                    L2tpHeaderView h = new L2tpHeaderView();
                    assertEquals(L2tpHeaderView.Status.OK, h.parse(ByteBuffer.allocateDirect(wire.length).put(wire)
                            .flip()));
                    assertEquals(d.headerLength(), h.headerLength());
                    assertEquals(payload.length, h.payloadLength());
                    assertEquals(ns, h.ns());
                }
            }
        }
    }

    @Test
    void dataPayloadIsAViewNotACopy() throws Exception {
        byte[] wire = L2tpEncoder.encode(DataMessage.of(1, 2, ByteBuffer.wrap(new byte[] {1, 2, 3})));
        DataMessage d = (DataMessage) L2tpDecoder.decode(wire, null);
        wire[wire.length - 1] = 9;
        assertEquals(9, d.payload().get(2));
    }

    @Test
    void offsetPaddingBeyondTheDatagramIsRejected() {
        byte[] wire = L2tpEncoder.encode(new DataMessage(1, 2, -1, -1, false, false, 2,
                ByteBuffer.wrap(new byte[0])));
        wire[7] = 40;
        assertEquals(Reason.TRUNCATED, fails(wire).reason());
    }

    @Test
    void messageTypeMustNotBeInTheAvpList() {
        assertThrows(IllegalArgumentException.class, () -> ControlMessage.of(MessageType.HELLO,
                Avp.u16(AvpType.MESSAGE_TYPE, 6)));
        assertThrows(IllegalArgumentException.class, () -> new ControlMessage(0, 0, 0, 0, null,
                List.of(Avp.u16(AvpType.ASSIGNED_SESSION_ID, 1))));
        assertThrows(IllegalArgumentException.class, () -> Avp.of(AvpType.HOST_NAME, new AvpValue.U16(1)));
        assertThrows(IllegalArgumentException.class, () -> Avp.octets(AvpType.CHALLENGE_RESPONSE, new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> Avp.text(AvpType.HOST_NAME, "x".repeat(1020)));
    }
}
