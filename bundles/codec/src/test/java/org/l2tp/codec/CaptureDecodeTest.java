package org.l2tp.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.l2tp.codec.pcap.PcapFrame;

/** Every datagram of every real capture decodes, and decodes to the values xl2tpd put in. */
class CaptureDecodeTest {

    private static L2tpMessage decode(PcapFrame f) throws L2tpDecodeException {
        return L2tpDecoder.decode(f.payload(), null);
    }

    private static ControlMessage control(List<PcapFrame> frames, int number) throws L2tpDecodeException {
        return (ControlMessage) decode(frames.get(number - 1));
    }

    @Test
    void everyFrameOfEveryCaptureDecodesAndReencodesByteForByte() throws Exception {
        int total = 0;
        for (Path file : Captures.files()) {
            List<PcapFrame> frames = Captures.frames(file);
            assertFalse(frames.isEmpty(), file + " holds no L2TP");
            for (PcapFrame f : frames) {
                L2tpMessage m;
                try {
                    m = decode(f);
                } catch (L2tpDecodeException e) {
                    throw new AssertionError(file.getFileName() + " frame " + f.number() + ": " + e.getMessage());
                }
                byte[] again = m instanceof ControlMessage c ? L2tpEncoder.encode(c, null)
                        : L2tpEncoder.encode((DataMessage) m);
                assertArrayEquals(f.payload(), again, file.getFileName() + " frame " + f.number());
                total++;
            }
        }
        assertTrue(total >= 150, "expected the captures to hold at least 150 L2TP datagrams, found " + total);
    }

    @Test
    void basicCaptureHasTheTunnelAndSessionXl2tpdBuilt() throws Exception {
        List<PcapFrame> f = Captures.frames(Captures.file("01-"));
        ControlMessage sccrq = control(f, 1);
        assertEquals(MessageType.SCCRQ, sccrq.type());
        assertEquals(0, sccrq.tunnelId());
        assertEquals(0, sccrq.ns());
        assertEquals("xl2tpd-lac", sccrq.text(AvpType.HOST_NAME));
        assertEquals(49508, sccrq.u16(AvpType.ASSIGNED_TUNNEL_ID));
        assertEquals(4, sccrq.u16(AvpType.RECEIVE_WINDOW_SIZE));
        assertEquals(AvpValue.ProtocolVersion.L2TPV2, sccrq.value(AvpType.PROTOCOL_VERSION,
                AvpValue.ProtocolVersion.class));
        assertEquals("xelerance.com", sccrq.text(AvpType.VENDOR_NAME));
        assertTrue(sccrq.missingRequired().isEmpty());

        ControlMessage sccrp = control(f, 2);
        assertEquals(MessageType.SCCRP, sccrp.type());
        assertEquals(49508, sccrp.tunnelId());
        assertEquals(1, sccrp.nr());
        assertEquals("xl2tpd-lns", sccrp.text(AvpType.HOST_NAME));
        assertEquals(33129, sccrp.u16(AvpType.ASSIGNED_TUNNEL_ID));

        ControlMessage icrq = control(f, 4);
        assertEquals(MessageType.ICRQ, icrq.type());
        assertEquals(33129, icrq.tunnelId());
        assertEquals(12786, icrq.u16(AvpType.ASSIGNED_SESSION_ID));
        assertEquals(1, icrq.u32(AvpType.CALL_SERIAL_NUMBER));

        assertTrue(control(f, 5).isZlb());
        assertEquals(2, control(f, 5).nr());

        ControlMessage cdn = control(f, 10);
        assertEquals(MessageType.CDN, cdn.type());
        assertEquals(12786, cdn.sessionId());
        assertEquals(new AvpValue.ResultCode(1, 0, null), cdn.value(AvpType.RESULT_CODE, AvpValue.ResultCode.class));
        assertEquals(39263, cdn.u16(AvpType.ASSIGNED_SESSION_ID));

        assertEquals(MessageType.HELLO, control(f, 12).type());
        ControlMessage stop = control(f, 16);
        assertEquals(MessageType.STOPCCN, stop.type());
        assertEquals(new AvpValue.ResultCode(StopCcnResult.GENERAL_REQUEST.code(), 0, "Goodbye!"),
                stop.value(AvpType.RESULT_CODE, AvpValue.ResultCode.class));
        assertEquals(49508, stop.u16(AvpType.ASSIGNED_TUNNEL_ID));
    }

    @Test
    void challengeResponsesOfCapture02VerifyWithTheSharedSecret() throws Exception {
        byte[] secret = "sharedsecret".getBytes(StandardCharsets.US_ASCII);
        List<PcapFrame> f = Captures.frames(Captures.file("02-"));
        ControlMessage sccrq = control(f, 1);
        ControlMessage sccrp = control(f, 2);
        ControlMessage scccn = control(f, 3);
        byte[] lacChallenge = sccrq.octets(AvpType.CHALLENGE);
        byte[] lnsChallenge = sccrp.octets(AvpType.CHALLENGE);
        assertEquals(16, lacChallenge.length);
        assertEquals(16, lnsChallenge.length);
        assertArrayEquals(TunnelAuthentication.response(MessageType.SCCRP, secret, lacChallenge),
                sccrp.octets(AvpType.CHALLENGE_RESPONSE));
        assertArrayEquals(TunnelAuthentication.response(MessageType.SCCCN, secret, lnsChallenge),
                scccn.octets(AvpType.CHALLENGE_RESPONSE));
        assertTrue(TunnelAuthentication.verify(MessageType.SCCCN, secret, lnsChallenge,
                scccn.octets(AvpType.CHALLENGE_RESPONSE)));
        assertFalse(TunnelAuthentication.verify(MessageType.SCCCN, "wrong".getBytes(), lnsChallenge,
                scccn.octets(AvpType.CHALLENGE_RESPONSE)));
        assertEquals("8e9c0450925d977d822f4a23a6bd2b74", Hex.encode(scccn.octets(AvpType.CHALLENGE_RESPONSE)));
        ControlMessage stop = (ControlMessage) f.stream().map(x -> {
            try {
                return decode(x);
            } catch (L2tpDecodeException e) {
                throw new AssertionError(e);
            }
        }).filter(m -> m instanceof ControlMessage c && c.type() == MessageType.STOPCCN).findFirst().orElseThrow();
        assertEquals("Server closing", stop.value(AvpType.RESULT_CODE, AvpValue.ResultCode.class).message());
    }

    @Test
    void dataMessagesWithTheLengthBitCarryLcp() throws Exception {
        List<PcapFrame> f = Captures.frames(Captures.file("04-"));
        DataMessage d = (DataMessage) decode(f.get(9));
        assertTrue(d.lengthBit());
        assertFalse(d.hasSequence());
        assertEquals(10500, d.tunnelId());
        assertEquals(15076, d.sessionId());
        assertEquals(14, d.payload().remaining());
        // PPP in HDLC-like framing: address 0xff, control 0x03, protocol LCP 0xc021.
        assertEquals(0xff03c021, d.payload().getInt(0));
        assertEquals("Goodbye!", control(f, 30).value(AvpType.RESULT_CODE, AvpValue.ResultCode.class).message());
    }

    @Test
    void dataMessagesWithoutTheLengthBit() throws Exception {
        List<PcapFrame> f = Captures.frames(Captures.file("05b-"));
        DataMessage d = (DataMessage) decode(f.get(9));
        assertFalse(d.lengthBit());
        assertEquals(2080, d.tunnelId());
        assertEquals(16404, d.sessionId());
        assertEquals(0xff03c021, d.payload().getInt(0));
        L2tpHeaderView h = new L2tpHeaderView();
        assertEquals(L2tpHeaderView.Status.OK, h.parse(f.get(9).payload(), 0, f.get(9).payload().length));
        assertEquals(6, h.headerLength());
        assertEquals(-1, h.length());
    }

    @Test
    void retransmittedSccrqKeepsNsZeroThenStopCcnToTunnelZero() throws Exception {
        List<PcapFrame> f = Captures.frames(Captures.file("06-"));
        for (int i = 1; i <= 5; i++) {
            ControlMessage m = control(f, i);
            assertEquals(MessageType.SCCRQ, m.type());
            assertEquals(0, m.ns());
            assertEquals(14462, m.u16(AvpType.ASSIGNED_TUNNEL_ID));
        }
        ControlMessage stop = control(f, 6);
        assertEquals(MessageType.STOPCCN, stop.type());
        assertEquals(0, stop.tunnelId());
        assertEquals(1, stop.ns());
        assertEquals("Timeout", stop.value(AvpType.RESULT_CODE, AvpValue.ResultCode.class).message());
    }

    @Test
    void outgoingCallRequestFromXl2tpd() throws Exception {
        List<PcapFrame> f = Captures.frames(Captures.file("08-"));
        ControlMessage ocrq = control(f, 5);
        assertEquals(MessageType.OCRQ, ocrq.type());
        assertEquals(52577, ocrq.u16(AvpType.ASSIGNED_SESSION_ID));
        assertEquals(MessageType.Scope.SESSION, ocrq.type().scope());
    }

    @Test
    void twoTunnelsFromOneAddressAreToldApartByTunnelId() throws Exception {
        List<PcapFrame> f = Captures.frames(Captures.file("09b-"));
        assertEquals(f.get(0).sourceEndpoint(), f.get(12).sourceEndpoint());
        assertEquals(19527, control(f, 1).u16(AvpType.ASSIGNED_TUNNEL_ID));
        assertEquals(58962, control(f, 13).u16(AvpType.ASSIGNED_TUNNEL_ID));
        assertEquals(23419, control(f, 3).tunnelId());
        assertEquals(54124, control(f, 15).tunnelId());
    }

    @Test
    void harnessCaptureOnOtherPorts() throws Exception {
        List<PcapFrame> f = Captures.frames(Captures.file("10-"));
        assertEquals(41702, f.get(0).sourcePort());
        assertEquals(41701, f.get(0).destinationPort());
        assertEquals(MessageType.SCCRQ, control(f, 1).type());
        assertEquals(9053, control(f, 2).tunnelId());
    }
}
