package org.l2tp.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.security.MessageDigest;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.l2tp.codec.L2tpDecodeException.Reason;

/** Hidden AVPs (RFC 2661 section 4.3). */
class HiddenAvpTest {
    private static final byte[] SECRET = "sharedsecret".getBytes();
    private static final byte[] RV = Hex.decode("0f1e2d3c4b5a69788796a5b4c3d2e1f0");

    private static ControlMessage icrq(Avp calling) {
        return ControlMessage.of(MessageType.ICRQ, Avp.octets(AvpType.RANDOM_VECTOR, RV),
                Avp.u16(AvpType.ASSIGNED_SESSION_ID, 77).hide(), Avp.u32(AvpType.CALL_SERIAL_NUMBER, 5),
                calling).withIds(3, 0);
    }

    @Test
    void hiddenValuesRoundTripWithTheSecret() throws Exception {
        ControlMessage m = icrq(Avp.text(AvpType.CALLING_NUMBER, "a calling number longer than 16 octets").hide());
        byte[] wire = L2tpEncoder.encode(m, SECRET);
        ControlMessage back = (ControlMessage) L2tpDecoder.decode(wire, SECRET);
        assertEquals(m, back);
        assertEquals(77, back.u16(AvpType.ASSIGNED_SESSION_ID));
        assertTrue(back.find(AvpType.ASSIGNED_SESSION_ID).hidden());
        assertArrayEquals(wire, L2tpEncoder.encode(back, SECRET));
    }

    @Test
    void theCiphertextIsWhatSection43Specifies() {
        ControlMessage m = icrq(Avp.text(AvpType.CALLING_NUMBER, "x"));
        byte[] wire = L2tpEncoder.encode(m, SECRET);
        // The Assigned Session ID AVP follows the message type (8) and random vector (6 + 16) AVPs.
        int v = 12 + 8 + 22 + 6;
        byte[] b1 = md5(new byte[] {0, 14}, SECRET, RV);
        byte[] plain = {0, 2, 0, 77};
        for (int i = 0; i < plain.length; i++) {
            assertEquals((byte) (plain[i] ^ b1[i]), wire[v + i], "octet " + i);
        }
    }

    @Test
    void withoutASecretHiddenValuesStayOpaqueAndReencodeUnchanged() throws Exception {
        byte[] wire = L2tpEncoder.encode(icrq(Avp.text(AvpType.CALLING_NUMBER, "12345").hide()), SECRET);
        ControlMessage opaque = (ControlMessage) L2tpDecoder.decode(wire, null);
        assertTrue(opaque.find(AvpType.ASSIGNED_SESSION_ID).value() instanceof AvpValue.Raw);
        assertEquals(-1, opaque.u16(AvpType.ASSIGNED_SESSION_ID));
        assertTrue(opaque.missingRequired().contains(AvpType.ASSIGNED_SESSION_ID));
        assertArrayEquals(wire, L2tpEncoder.encode(opaque, null));
    }

    @Test
    void paddedHiddenValuesFromOtherVendorsDecode() throws Exception {
        // Build a hidden Calling Number whose sub-format carries 11 octets of padding after the value.
        byte[] value = "5551234".getBytes();
        byte[] sub = new byte[2 + value.length + 11];
        sub[1] = (byte) value.length;
        System.arraycopy(value, 0, sub, 2, value.length);
        for (int i = 2 + value.length; i < sub.length; i++) {
            sub[i] = (byte) (0xA0 + i);
        }
        AvpHiding.hide(AvpType.CALLING_NUMBER.code(), SECRET, RV, sub, 0, sub.length);
        ControlMessage m = ControlMessage.of(MessageType.ICRQ, Avp.octets(AvpType.RANDOM_VECTOR, RV),
                Avp.u16(AvpType.ASSIGNED_SESSION_ID, 1), Avp.u32(AvpType.CALL_SERIAL_NUMBER, 1),
                new Avp(0, AvpType.CALLING_NUMBER.code(), true, true, new AvpValue.Raw(sub)));
        byte[] wire = L2tpEncoder.encode(m, null);
        ControlMessage back = (ControlMessage) L2tpDecoder.decode(wire, SECRET);
        assertEquals("5551234", back.text(AvpType.CALLING_NUMBER));
    }

    @Test
    void aWrongSecretIsCaught() {
        byte[] wire = L2tpEncoder.encode(icrq(Avp.text(AvpType.CALLING_NUMBER, "5551234").hide()), SECRET);
        // A wrong secret reveals garbage; the original length then almost surely exceeds the value.
        int caught = 0;
        for (int i = 0; i < 20; i++) {
            try {
                L2tpDecoder.decode(wire, ("wrong" + i).getBytes());
            } catch (L2tpDecodeException e) {
                assertTrue(e.reason() == Reason.HIDDEN_UNREADABLE || e.reason() == Reason.BAD_AVP_VALUE, e::getMessage);
                caught++;
            }
        }
        assertTrue(caught >= 18, "wrong secrets caught " + caught + "/20");
    }

    @Test
    void hiddenWithoutRandomVectorIsRejected() {
        ControlMessage m = ControlMessage.of(MessageType.ICRP, Avp.u16(AvpType.ASSIGNED_SESSION_ID, 1).hide());
        assertThrows(IllegalArgumentException.class, () -> L2tpEncoder.encode(m, SECRET));
        byte[] wire = L2tpEncoder.encode(ControlMessage.of(MessageType.ICRP,
                new Avp(0, 14, true, true, new AvpValue.Raw(new byte[] {1, 2, 3, 4}))), null);
        L2tpDecodeException e = assertThrows(L2tpDecodeException.class, () -> L2tpDecoder.decode(wire, SECRET));
        assertEquals(Reason.HIDDEN_WITHOUT_RANDOM_VECTOR, e.reason());
    }

    @Test
    void avpsTheRfcForbidsToHideCannotBeHidden() {
        for (AvpType t : List.of(AvpType.MESSAGE_TYPE, AvpType.RANDOM_VECTOR, AvpType.HOST_NAME,
                AvpType.PROTOCOL_VERSION, AvpType.RESULT_CODE)) {
            assertFalse(t.hideable(), t.name());
        }
        assertThrows(IllegalArgumentException.class, () -> Avp.text(AvpType.HOST_NAME, "h").hide());
    }

    private static byte[] md5(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("MD5");
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
