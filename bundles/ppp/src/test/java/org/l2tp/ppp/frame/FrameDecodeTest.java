package org.l2tp.ppp.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class FrameDecodeTest {
    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void optionsRoundTrip() throws FrameException {
        byte[] d = hex("01 04 05 78 02 06 00 00 00 00 03 05 c2 23 05 05 06 12 34 56 78");
        List<Option> o = Options.decode(d);
        assertEquals(4, o.size());
        assertEquals(0x578, o.get(0).number());
        assertEquals(new Option(3, hex("c22305")), o.get(2));
        assertEquals(0x12345678L, o.get(3).number());
        assertArrayEquals(d, Options.encode(o));
        assertEquals(List.of(), Options.decode(new byte[0]));
    }

    @Test
    void optionLengthBelowTwoOrPastTheEndIsTyped() {
        for (String bad : List.of("01 00", "01 01 05", "01 05 05 78", "01", "01 04 05 78 05")) {
            FrameException e = assertThrows(FrameException.class, () -> Options.decode(hex(bad)), bad);
            assertEquals(FrameException.Reason.BAD_OPTION_LENGTH, e.reason(), bad);
        }
    }

    @Test
    void frameWithAndWithoutAddressAndControl() throws FrameException {
        byte[] lcp = hex("c0 21 01 01 00 04");
        PppFrame f = PppFrame.decode(lcp, lcp.length);
        assertEquals(Protocols.LCP, f.protocol());
        assertArrayEquals(hex("01 01 00 04"), f.payload());
        assertArrayEquals(lcp, f.encode());
        byte[] hdlc = hex("ff 03 c0 21 01 01 00 04");
        assertEquals(f, PppFrame.decode(hdlc, hdlc.length));
        // len shorter than the buffer: the rest is not the frame's
        assertArrayEquals(hex("01"), PppFrame.decode(lcp, 3).payload());
    }

    @Test
    void badProtocolFieldsAreTyped() {
        // even low octet; odd high octet; short
        for (String bad : List.of("c0 20 00", "01 21", "c1 21 00")) {
            byte[] b = hex(bad);
            assertEquals(FrameException.Reason.BAD_PROTOCOL,
                    assertThrows(FrameException.class, () -> PppFrame.decode(b, b.length)).reason(), bad);
        }
        for (String bad : List.of("", "c0", "ff 03", "ff 03 c0")) {
            byte[] b = hex(bad);
            assertEquals(FrameException.Reason.SHORT_FRAME,
                    assertThrows(FrameException.class, () -> PppFrame.decode(b, b.length)).reason(), bad);
        }
    }

    @Test
    void controlPacketLengthFields() throws FrameException {
        assertEquals(FrameException.Reason.BAD_LENGTH, assertThrows(FrameException.class,
                () -> ControlPacket.decode(hex("01 01 00 03"), 0, 4)).reason());
        assertEquals(FrameException.Reason.BAD_LENGTH, assertThrows(FrameException.class,
                () -> ControlPacket.decode(hex("01 01 00 09 00 00"), 0, 6)).reason());
        assertEquals(FrameException.Reason.SHORT_PACKET, assertThrows(FrameException.class,
                () -> ControlPacket.decode(hex("01 01 00"), 0, 3)).reason());
        // padding past Length is ignored (RFC 1661 5)
        assertEquals(new ControlPacket(9, 1, hex("00 00")), ControlPacket.decode(hex("09 01 00 06 00 00 ff ff"), 0, 8));
    }
}
