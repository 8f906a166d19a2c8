package org.l2tp.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2tp.codec.pcap.PcapWriter;

/**
 * Every message type, encoded by us, is dissected by Wireshark's L2TP dissector (tshark) without a malformed-packet
 * mark or an expert warning, and with the field values we put in.
 */
class TsharkInteropTest {
    private static final List<ControlMessage> SENT = new ArrayList<>();
    @TempDir
    static Path dir;
    private static Path pcap;
    private static String[] rows;

    @BeforeAll
    static void writeCaptureAndDissect() throws Exception {
        Map<MessageType, ControlMessage> samples = SampleMessages.all();
        SENT.addAll(samples.values());
        SENT.add(ControlMessage.zlb(0xBEEF, 0, 20, 21));
        // A message with hidden AVPs, as we send them to peers configured for hiding.
        SENT.add(ControlMessage.of(MessageType.ICRQ,
                Avp.octets(AvpType.RANDOM_VECTOR, Hex.decode("00112233445566778899aabbccddeeff")),
                Avp.u16(AvpType.ASSIGNED_SESSION_ID, 0x4321).hide(), Avp.u32(AvpType.CALL_SERIAL_NUMBER, 9),
                Avp.text(AvpType.CALLING_NUMBER, "5559876").hide()).withIds(0xBEEF, 0).withSequence(22, 7));
        pcap = Tshark.pcap(dir, "every-message-type.pcap");
        Inet4Address lac = (Inet4Address) InetAddress.getByName("192.0.2.1");
        Inet4Address lns = (Inet4Address) InetAddress.getByName("192.0.2.2");
        try (OutputStream out = Files.newOutputStream(pcap); PcapWriter w = new PcapWriter(out)) {
            long t = 1_700_000_000_000_000L;
            for (ControlMessage m : SENT) {
                w.write(t += 1000, lac, 1701, lns, 1701, L2tpEncoder.encode(m, SampleMessages.SECRET));
            }
            byte[] lcp = Hex.decode("ff03c0210101000e0506123456780304c023");
            w.write(t += 1000, lac, 1701, lns, 1701, L2tpEncoder.encode(DataMessage.of(0xBEEF, 0x1234,
                    ByteBuffer.wrap(lcp))));
            w.write(t + 1000, lns, 1701, lac, 1701, L2tpEncoder.encode(new DataMessage(0xCAFE, 0x99, 5, 6, true,
                    true, 4, ByteBuffer.wrap(lcp))));
        }
        String out = Tshark.run("-r", pcap.toString(), "-d", "udp.port==1701,l2tp", "-T", "fields",
                "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,",
                "-e", "frame.number", "-e", "_ws.malformed", "-e", "_ws.expert.severity",
                "-e", "l2tp.type", "-e", "l2tp.tunnel", "-e", "l2tp.session", "-e", "l2tp.Ns", "-e", "l2tp.Nr",
                "-e", "l2tp.avp.message_type", "-e", "l2tp.avp.type", "-e", "l2tp.avp.hidden",
                "-e", "l2tp.avp.host_name", "-e", "l2tp.avp.assigned_tunnel_id", "-e", "l2tp.avp.assigned_session_id",
                "-e", "l2tp.result_code", "-e", "l2tp.avp.error_message", "-e", "l2tp.avp.called_number",
                "-e", "l2tp.avp.cause_code", "-e", "l2tp.avp.crc_errors", "-e", "l2tp.avp.alignment_errors",
                "-e", "l2tp.avp.send_accm", "-e", "l2tp.avp.receive_window_size", "-e", "l2tp.length",
                "-e", "l2tp.offset", "-e", "ppp.code");
        rows = out.strip().split("\n");
    }

    private static String[] row(int frame) {
        return rows[frame - 1].split("\\|", -1);
    }

    @Test
    void tsharkSeesEveryFrameWithoutMalformedOrExpertMarks() throws Exception {
        assertEquals(SENT.size() + 2, rows.length, String.join("\n", rows));
        for (String r : rows) {
            String[] f = r.split("\\|", -1);
            assertEquals("", f[1], "malformed: " + r);
            assertEquals("", f[2], "expert info: " + r);
        }
        String expert = Tshark.run("-r", pcap.toString(), "-d", "udp.port==1701,l2tp", "-q", "-z", "expert");
        assertFalse(expert.contains("Malformed") || expert.contains("Warns") || expert.contains("Errors"), expert);
    }

    @Test
    void headerAndMessageTypeOfEveryControlMessage() {
        for (int i = 0; i < SENT.size(); i++) {
            ControlMessage m = SENT.get(i);
            String[] f = row(i + 1);
            assertEquals(String.valueOf(m.tunnelId()), f[4], m.toString());
            assertEquals(String.valueOf(m.sessionId()), f[5], m.toString());
            assertEquals(String.valueOf(m.ns()), f[6], m.toString());
            assertEquals(String.valueOf(m.nr()), f[7], m.toString());
            assertEquals(m.isZlb() ? "" : String.valueOf(m.type().code()), f[8], m.toString());
            int avps = m.isZlb() ? 0 : m.avps().size() + 1;
            // Every AVP has an H bit field (a hidden AVP's type is not dissected, its bits are).
            assertEquals(avps, f[10].isEmpty() ? 0 : f[10].split(",").length, "AVP count of " + m);
            assertEquals(String.valueOf(L2tpEncoder.encodedLength(m)), f[22], m.toString());
        }
    }

    @Test
    void avpValuesAsWiresharkReadsThem() {
        String[] sccrq = row(MessageType.SCCRQ.ordinal() + 1);
        assertEquals("lns.example.net", sccrq[11]);
        assertEquals(String.valueOf(0xBEEF), sccrq[12]);
        assertEquals("16", sccrq[21]);
        String[] stop = row(MessageType.STOPCCN.ordinal() + 1);
        assertEquals("1", stop[14]);
        assertEquals("Goodbye!", stop[15]);
        String[] ocrq = row(MessageType.OCRQ.ordinal() + 1);
        assertEquals("5551234", ocrq[16]);
        assertEquals(String.valueOf(0x4321), ocrq[13]);
        String[] cdn = row(MessageType.CDN.ordinal() + 1);
        assertEquals("3", cdn[14]);
        assertEquals("16", cdn[17]);
        String[] wen = row(MessageType.WEN.ordinal() + 1);
        assertEquals("1", wen[18]);
        assertEquals("6", wen[19]);
        String[] sli = row(MessageType.SLI.ordinal() + 1);
        assertTrue(sli[20].equalsIgnoreCase("0xffffffff") || sli[20].equals(String.valueOf(0xFFFFFFFFL)), sli[20]);
    }

    @Test
    void hiddenAvpsCarryTheHBit() {
        String[] hidden = row(SENT.size());
        // Wireshark names hidden AVPs by type but cannot dissect their values without the secret.
        assertEquals("0,36,15", hidden[9]);
        assertEquals("False,False,True,False,True", hidden[10].replace("0", "False").replace("1", "True"));
    }

    @Test
    void dataMessagesCarryPpp() {
        String[] plain = row(SENT.size() + 1);
        assertEquals("0", plain[3].replace("0x", "").replaceAll("^0+(?=.)", ""), "data message type bits");
        assertEquals(String.valueOf(0xBEEF), plain[4]);
        assertEquals(String.valueOf(0x1234), plain[5]);
        assertEquals("1", plain[24], "LCP Configure-Request inside");
        String[] full = row(SENT.size() + 2);
        assertEquals("5", full[6]);
        assertEquals("6", full[7]);
        assertEquals("4", full[23]);
        assertEquals("1", full[24]);
    }
}
