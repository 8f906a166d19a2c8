package org.l2tp.codec.pcap;

import static org.junit.jupiter.api.Assertions.*;
import static org.l2tp.codec.pcap.CaptureBuilder.ethernet;
import static org.l2tp.codec.pcap.CaptureBuilder.ipv4Udp;

import java.nio.ByteOrder;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2tp.codec.Captures;

/** A capture without L2TP on the port: exit status 1, nothing on stdout, one line on stderr saying what it held. */
class NoL2tpReportTest {

    @Test
    void dnsAndQuicOnTwoInterfaces(@TempDir Path dir) throws Exception {
        CaptureBuilder.Pcapng ng = new CaptureBuilder.Pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .iface(PcapReader.LINKTYPE_ETHERNET, 0, null, null)
                .iface(PcapReader.LINKTYPE_RAW, 0, 9, null);
        for (int i = 0; i < 20; i++) {
            ng.enhanced(0, i, ethernet(0x0800, ipv4Udp("192.0.2.10", 40000, "192.0.2.1", 53, new byte[12], i),
                    0x8100, 5));
            ng.enhanced(0, i, ethernet(0x0800, ipv4Udp("192.0.2.1", 53, "192.0.2.10", 40000, new byte[40], i)));
        }
        for (int i = 0; i < 12; i++) {
            ng.enhanced(1, i, ipv4Udp("192.0.2.10", 50000, "198.51.100.7", 443, new byte[1200], i));
        }
        for (int i = 0; i < 3; i++) {
            ng.enhanced(0, i, ethernet(0x0806, new byte[28])); // ARP
        }
        Path file = CaptureBuilder.write(dir.resolve("x.pcapng"), ng.bytes());
        DecodeRun r = DecodeRun.of(file.toString());
        assertEquals(1, r.rc());
        assertEquals("", r.out());
        assertEquals("l2tp-decode: no L2TP frame on UDP port 1701 in " + file + ": 55 frames, link types ETHERNET, "
                + "RAW; UDP ports 53 (40), 40000 (40), 443 (12), 50000 (12); try --port N\n", r.err());

        r = DecodeRun.of(file.toString(), "--port", "443");
        assertEquals(0, r.rc(), "datagrams on the port are printed, L2TP or not, as before");
        assertEquals(12, r.lines().size());
        assertTrue(r.lines().get(0).contains("\"error\":"), r.lines().get(0));
        assertEquals("", r.err());
    }

    @Test
    void l2tpOnAnotherPortIsPointedAt() throws Exception {
        Path capture = Captures.file("10-");
        int datagrams = Captures.frames(capture).size();
        DecodeRun r = DecodeRun.of(capture.toString());
        assertEquals(1, r.rc());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("l2tp-decode: no L2TP frame on UDP port 1701 in " + capture + ": "), r.err());
        assertTrue(r.err().contains(" frames, link type ETHERNET; UDP ports 41701 (" + datagrams + "), 41702 ("
                + datagrams + "); L2TP control messages on port 41701: try --port 41701\n"), r.err());
        assertEquals(0, DecodeRun.of(capture.toString(), "--port", "41701").rc());
    }

    @Test
    void noUdpAtAllAndEmptyFiles(@TempDir Path dir) throws Exception {
        Path arp = CaptureBuilder.write(dir.resolve("arp.pcap"), new CaptureBuilder.Pcap(PcapReader.LINKTYPE_ETHERNET)
                .add(1, ethernet(0x0806, new byte[28])).bytes());
        DecodeRun r = DecodeRun.of(arp.toString());
        assertEquals(1, r.rc());
        assertEquals("l2tp-decode: no L2TP frame on UDP port 1701 in " + arp + ": 1 frame, link type ETHERNET; "
                + "no UDP datagram\n", r.err());
        Path empty = CaptureBuilder.write(dir.resolve("empty.pcapng"),
                new CaptureBuilder.Pcapng().section(ByteOrder.BIG_ENDIAN).bytes());
        r = DecodeRun.of(empty.toString(), "--port", "41701");
        assertEquals(1, r.rc());
        assertEquals("l2tp-decode: no L2TP frame on UDP port 41701 in " + empty + ": 0 frames, link types none; "
                + "no UDP datagram\n", r.err());
        Path user0 = CaptureBuilder.write(dir.resolve("user0.pcapng"), new CaptureBuilder.Pcapng()
                .section(ByteOrder.LITTLE_ENDIAN).iface(CaptureBuilder.LINKTYPE_USER0, 0, null, null)
                .enhanced(0, 1, ipv4Udp("192.0.2.1", 1701, "192.0.2.2", 1701, new byte[] {1}, 1)).bytes());
        r = DecodeRun.of(user0.toString());
        assertEquals("l2tp-decode: no L2TP frame on UDP port 1701 in " + user0 + ": 1 frame, link type 147 (not "
                + "decoded); no UDP datagram\n", r.err());
    }

    @Test
    void aFileWithL2tpStillExitsZero() throws Exception {
        DecodeRun r = DecodeRun.of(Captures.file("01-").toString());
        assertEquals(0, r.rc());
        assertEquals("", r.err());
        assertFalse(r.out().isEmpty());
    }
}
