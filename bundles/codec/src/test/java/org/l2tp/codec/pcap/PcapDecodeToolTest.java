package org.l2tp.codec.pcap;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2tp.codec.Avp;
import org.l2tp.codec.AvpType;
import org.l2tp.codec.Captures;
import org.l2tp.codec.ControlMessage;
import org.l2tp.codec.Hex;
import org.l2tp.codec.L2tpEncoder;
import org.l2tp.codec.MessageType;

class PcapDecodeToolTest {

    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = PcapDecodeTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(rc), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void capture02AsJsonLines() throws Exception {
        String[] r = run(Captures.file("02-").toString(), "--secret", "sharedsecret");
        assertEquals("0", r[0], r[2]);
        String[] lines = r[1].split("\n");
        assertEquals(15, lines.length);
        assertTrue(lines[0].startsWith("{\"frame\":1,\"time\":\""), lines[0]);
        assertTrue(lines[0].contains("\"src\":\"127.0.0.2:1701\",\"dst\":\"127.0.0.1:1701\""), lines[0]);
        assertTrue(lines[0].contains("\"flags\":{\"T\":true,\"L\":true,\"S\":true,\"O\":false,\"P\":false}"));
        assertTrue(lines[0].contains("\"tunnel\":0,\"session\":0,\"ns\":0,\"nr\":0,\"message\":\"SCCRQ\""), lines[0]);
        assertTrue(lines[0].contains("{\"vendor\":0,\"type\":7,\"name\":\"Host Name\",\"M\":true,\"H\":false,"
                + "\"value\":\"xl2tpd-lac\"}"), lines[0]);
        assertTrue(lines[2].contains("\"message\":\"SCCCN\""));
        assertTrue(lines[2].contains("\"value\":\"8e9c0450925d977d822f4a23a6bd2b74\""));
        assertTrue(lines[3].contains("\"message\":\"ZLB\""));
        assertFalse(r[1].contains("sharedsecret"), "the secret must never be printed");
        assertTrue(r[1].contains("\"message\":\"StopCCN\""));
        assertTrue(r[1].contains("\"message\":\"Server closing\""));
    }

    @Test
    void dataFramesAndOtherPorts() throws Exception {
        String[] r = run(Captures.file("04-").toString());
        assertTrue(r[1].contains("\"message\":\"DATA\",\"payloadLength\":14"), r[1]);
        r = run(Captures.file("10-").toString(), "--port", "41701");
        assertEquals(13, r[1].split("\n").length);
        assertEquals("", run(Captures.file("10-").toString())[1], "nothing on 1701 in the harness capture");
    }

    @Test
    void badFramesPrintAnErrorAndTheToolGoesOn(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("mixed.pcap");
        Inet4Address a = (Inet4Address) InetAddress.getByName("127.0.0.1");
        byte[] hello = L2tpEncoder.encode(ControlMessage.of(MessageType.HELLO).withIds(1, 0), null);
        byte[] hidden = L2tpEncoder.encode(ControlMessage.of(MessageType.ICRP,
                Avp.octets(AvpType.RANDOM_VECTOR, Hex.decode("0102")),
                Avp.u16(AvpType.ASSIGNED_SESSION_ID, 5).hide()).withIds(1, 2), "k".getBytes());
        try (OutputStream out = Files.newOutputStream(f); PcapWriter w = new PcapWriter(out)) {
            w.write(1, a, 1701, a, 1701, new byte[] {(byte) 0xc8, 0x03, 0, 1});
            w.write(2, a, 5000, a, 5001, new byte[] {1, 2, 3});
            w.write(3, a, 1701, a, 1701, hello);
            w.write(4, a, 1701, a, 1701, hidden);
        }
        String[] r = run(f.toString());
        String[] lines = r[1].split("\n");
        assertEquals(3, lines.length, r[1]);
        assertTrue(lines[0].startsWith("{\"frame\":1,"), lines[0]);
        assertTrue(lines[0].contains("\"error\":\"UNSUPPORTED_VERSION: header version 3"), lines[0]);
        assertTrue(lines[1].startsWith("{\"frame\":3,") && lines[1].contains("\"message\":\"HELLO\""), lines[1]);
        assertTrue(lines[2].contains("\"H\":true,\"value\":\"") && lines[2].contains("\"revealed\":false"), lines[2]);
        r = run(f.toString(), "--secret", "k");
        assertTrue(r[1].split("\n")[2].contains("\"name\":\"Assigned Session ID\",\"M\":true,\"H\":true,\"value\":5}"),
                r[1]);
    }

    @Test
    void usageErrors(@TempDir Path dir) throws Exception {
        assertEquals("2", run()[0]);
        assertEquals("2", run("x.pcap", "--port", "0")[0]);
        Path notPcap = dir.resolve("x.pcap");
        Files.writeString(notPcap, "hello world, not a capture");
        String[] r = run(notPcap.toString());
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("not a pcap capture"), r[2]);
    }
}
