package org.l2tp.codec.pcap;

import static org.junit.jupiter.api.Assertions.*;
import static org.l2tp.codec.pcap.CaptureBuilder.ethernet;
import static org.l2tp.codec.pcap.CaptureBuilder.ipv4Udp;
import static org.l2tp.codec.pcap.CaptureBuilder.pppoe;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.l2tp.codec.Captures;

/**
 * Every L2TP datagram of every real capture, wrapped again in VLAN tags, QinQ, PPPoE session frames or cooked
 * headers and written as pcap and as pcapng, decodes to the same JSON as in the original capture.
 */
class EncapsulationDecodeTest {

    private static int port(Path capture) {
        return capture.getFileName().toString().startsWith("10-") ? 41701 : PcapDecodeTool.DEFAULT_PORT;
    }

    /** The capture's L2TP datagrams in {@code e}, as classic pcap (byte order and resolution vary with e). */
    static byte[] pcap(List<PcapFrame> frames, Encapsulation e) {
        CaptureBuilder.Pcap p = new CaptureBuilder.Pcap(e.linkType,
                e.ordinal() % 2 == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, e.ordinal() % 3 == 0);
        for (int i = 0; i < frames.size(); i++) {
            p.add(frames.get(i).timestampMicros(), e.frame(frames.get(i), i));
        }
        return p.bytes();
    }

    /** The same as pcapng, one interface with nanosecond timestamps. */
    static byte[] pcapng(List<PcapFrame> frames, Encapsulation e) {
        CaptureBuilder.Pcapng p = new CaptureBuilder.Pcapng()
                .section(e.ordinal() % 2 == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                .iface(e.linkType, 0, 9, null);
        for (int i = 0; i < frames.size(); i++) {
            p.enhanced(0, frames.get(i).timestampMicros() * 1000, e.frame(frames.get(i), i));
        }
        return p.bytes();
    }

    @ParameterizedTest
    @EnumSource(Encapsulation.class)
    void everyCaptureDecodesTheSameInsideTheEncapsulation(Encapsulation e, @TempDir Path dir) throws Exception {
        int total = 0;
        for (Path capture : Captures.files()) {
            String port = String.valueOf(port(capture));
            DecodeRun original = DecodeRun.of(capture.toString(), "--port", port, "--secret", "sharedsecret");
            assertEquals(0, original.rc(), original.err());
            List<PcapFrame> frames = Captures.frames(capture);
            String name = capture.getFileName().toString().replace(".pcap", "-" + e);
            for (Path wrapped : List.of(CaptureBuilder.write(dir.resolve(name + ".pcap"), pcap(frames, e)),
                    CaptureBuilder.write(dir.resolve(name + ".pcapng"), pcapng(frames, e)))) {
                DecodeRun r = DecodeRun.of(wrapped.toString(), "--port", port, "--secret", "sharedsecret");
                assertEquals(0, r.rc(), wrapped + ": " + r.err());
                assertEquals("", r.err());
                assertEquals(original.withoutFrameAndEndpoints(), r.withoutFrameAndEndpoints(), wrapped.toString());
                List<String> lines = r.lines();
                for (int i = 0; i < lines.size(); i++) {
                    PcapFrame f = frames.get(i);
                    String src = e.ipv6 ? Encapsulation.v6Printed(f.source()) : f.source();
                    String dst = e.ipv6 ? Encapsulation.v6Printed(f.destination()) : f.destination();
                    assertTrue(lines.get(i).startsWith("{\"frame\":" + (i + 1) + ","), lines.get(i));
                    assertTrue(lines.get(i).contains("\"src\":\"" + src + ":" + f.sourcePort() + "\",\"dst\":\""
                            + dst + ":" + f.destinationPort() + "\""), lines.get(i));
                }
                total += lines.size();
            }
        }
        assertTrue(total >= 300, "expected at least 150 datagrams in pcap and pcapng, found " + total);
    }

    @Test
    void pppoeAndVlanFramesWithoutUdpAreCountedAndSkipped() throws Exception {
        byte[] l2tp = org.l2tp.codec.Hex.decode("c80200140000000000000000000000000000");
        byte[] udp = ipv4Udp("192.0.2.1", 1701, "192.0.2.2", 1701, new byte[] {(byte) 0xc8, 0x02, 0, 12, 0, 1, 0, 0,
                0, 0, 0, 0}, 1);
        List<byte[]> frames = new ArrayList<>();
        frames.add(ethernet(0x8863, pppoe(0, 0x0021, udp))); // PPPoE discovery: not a session frame
        frames.add(ethernet(0x8864, pppoe(7, 0xc021, l2tp))); // LCP
        byte[] badCode = pppoe(7, 0x0021, udp);
        badCode[1] = 0x09; // PADI code in a session frame
        frames.add(ethernet(0x8864, badCode));
        byte[] badVersion = pppoe(7, 0x0021, udp);
        badVersion[0] = 0x21;
        frames.add(ethernet(0x8864, badVersion));
        frames.add(ethernet(0x0806, new byte[28], 0x8100, 5)); // ARP in a VLAN
        frames.add(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, (byte) 0x81, 0, 0, 5}); // a tag cut short
        frames.add(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, (byte) 0x88, 0x64, 0x11, 0}); // PPPoE cut short
        byte[] shortLength = pppoe(7, 0x0021, udp);
        shortLength[5] = 10; // PPPoE length ends inside the IPv4 header
        frames.add(ethernet(0x8864, shortLength));
        frames.add(ethernet(0x8864, pppoe(7, 0x0021, udp), 0x88a8, 1, 0x8100, 2)); // the only L2TP datagram
        CaptureBuilder.Pcap p = new CaptureBuilder.Pcap(PcapReader.LINKTYPE_ETHERNET);
        for (byte[] f : frames) {
            p.add(1_700_000_000_000_000L, f);
        }
        try (PcapReader r = new PcapReader(new ByteArrayInputStream(p.bytes()))) {
            PcapFrame f = r.next();
            assertNotNull(f);
            assertEquals(frames.size(), f.number());
            assertEquals("192.0.2.1:1701", f.sourceEndpoint());
            assertEquals(12, f.payload().length);
            assertNull(r.next());
            assertEquals(frames.size(), r.frameCount());
        }
    }

    @Test
    void pppWithCompressedProtocolFieldAndPaddedEthernet() throws IOException {
        byte[] udp = ipv4Udp("192.0.2.1", 1701, "192.0.2.2", 1701, new byte[] {1, 2, 3}, 1);
        byte[] pfc = new byte[1 + udp.length];
        pfc[0] = 0x21; // protocol field compression: 0x0021 as one octet
        System.arraycopy(udp, 0, pfc, 1, udp.length);
        byte[] sessionFrame = new byte[6 + pfc.length];
        sessionFrame[0] = 0x11;
        sessionFrame[5] = (byte) pfc.length;
        System.arraycopy(pfc, 0, sessionFrame, 6, pfc.length);
        byte[] frame = ethernet(0x8864, sessionFrame); // padded to 60 octets: PPPoE and IP lengths say where it ends
        CaptureBuilder.Pcap p = new CaptureBuilder.Pcap(PcapReader.LINKTYPE_ETHERNET).add(1, frame);
        try (PcapReader r = new PcapReader(new ByteArrayInputStream(p.bytes()))) {
            assertArrayEquals(new byte[] {1, 2, 3}, r.next().payload());
        }
    }
}
