package org.l2tp.codec.pcap;

import static org.junit.jupiter.api.Assertions.*;
import static org.l2tp.codec.pcap.CaptureBuilder.ethernet;
import static org.l2tp.codec.pcap.CaptureBuilder.ipv4Udp;
import static org.l2tp.codec.pcap.CaptureBuilder.pppoe;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.l2tp.codec.Captures;

/**
 * The real captures' L2TP datagrams, wrapped in VLAN tags, QinQ, PPPoE and cooked headers, written as pcap and as
 * pcapng (ours and editcap's): l2tp-decode finds the same L2TP frames as tshark, frame by frame (number, time to
 * the microsecond, T bit, tunnel id, session id, message type).
 */
class TsharkEncapsulationTest {
    /** The L2TP datagrams of the captures on port 1701, in file order. */
    private static final List<PcapFrame> DATAGRAMS = new ArrayList<>();

    @BeforeAll
    static void datagrams() throws IOException {
        for (Path capture : Captures.files()) {
            if (!capture.getFileName().toString().startsWith("10-")) {
                DATAGRAMS.addAll(Captures.frames(capture));
            }
        }
        assertTrue(DATAGRAMS.size() >= 150, "the shared captures hold " + DATAGRAMS.size() + " datagrams");
    }

    /** A DNS query in the same encapsulation, so that frame numbers of L2TP and other frames interleave. */
    private static byte[] dns(Encapsulation e, int i) {
        PcapFrame f = new PcapFrame(0, 0, "192.0.2.53", 40000 + i, "192.0.2.1", 53, new byte[] {0, 1, 1, 0, 0, 1});
        return e.frame(f, 50000 + i);
    }

    /** Frame i of the file: every fifth is DNS; the others are the L2TP datagrams in order. */
    private static void frames(Encapsulation e, FrameSink sink) throws IOException {
        int n = 0;
        for (int i = 0; i < DATAGRAMS.size(); i++) {
            PcapFrame f = DATAGRAMS.get(i);
            if (i % 4 == 3) {
                sink.add(f.timestampMicros(), dns(e, n++));
            }
            sink.add(f.timestampMicros(), e.frame(f, i));
        }
    }

    private interface FrameSink {
        void add(long micros, byte[] frame) throws IOException;
    }

    private static void sameAsTshark(Path file, DecodeRun r, int expected) throws Exception {
        assertEquals(0, r.rc(), file + ": " + r.err());
        List<String> ours = r.rows();
        List<String> tshark = WiresharkTools.l2tpRows(file, PcapDecodeTool.DEFAULT_PORT);
        assertEquals(expected, ours.size(), file + ": L2TP frames we found");
        assertEquals(tshark.size(), ours.size(), file + ": L2TP frames tshark found");
        for (int i = 0; i < ours.size(); i++) {
            assertEquals(tshark.get(i), ours.get(i), file + ": frame|time|T|tunnel|session|message type");
        }
    }

    @ParameterizedTest
    @EnumSource(Encapsulation.class)
    void pcapAndPcapngAsTsharkSeesThem(Encapsulation e, @TempDir Path dir) throws Exception {
        CaptureBuilder.Pcap pcap = new CaptureBuilder.Pcap(e.linkType,
                e.ordinal() % 2 == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, e.ordinal() % 3 == 1);
        frames(e, pcap::add);
        Path classic = CaptureBuilder.write(dir.resolve(e + ".pcap"), pcap.bytes());
        sameAsTshark(classic, DecodeRun.of(classic.toString()), DATAGRAMS.size());

        CaptureBuilder.Pcapng ng = new CaptureBuilder.Pcapng()
                .section(e.ordinal() % 2 == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
                .iface(e.linkType, 0, 9, null);
        frames(e, (micros, frame) -> ng.enhanced(0, micros * 1000, frame));
        Path next = CaptureBuilder.write(dir.resolve(e + ".pcapng"), ng.bytes());
        DecodeRun r = DecodeRun.of(next.toString());
        sameAsTshark(next, r, DATAGRAMS.size());
        assertEquals(DecodeRun.of(classic.toString()).out(), r.out(), "pcap and pcapng give the same lines");
    }

    @Test
    void editcapsPcapng(@TempDir Path dir) throws Exception {
        for (Encapsulation e : List.of(Encapsulation.QINQ_PPPOE, Encapsulation.SLL2_PPPOE_IPV6)) {
            CaptureBuilder.Pcap pcap = new CaptureBuilder.Pcap(e.linkType);
            frames(e, pcap::add);
            Path classic = CaptureBuilder.write(dir.resolve(e + ".pcap"), pcap.bytes());
            Path next = dir.resolve(e + "-editcap.pcapng");
            WiresharkTools.run("editcap", "-F", "pcapng", classic.toString(), next.toString());
            DecodeRun r = DecodeRun.of(next.toString(), "--secret", "sharedsecret");
            sameAsTshark(next, r, DATAGRAMS.size());
            assertEquals(DecodeRun.of(classic.toString(), "--secret", "sharedsecret").out(), r.out());
        }
    }

    /**
     * Two sections (little-endian, then big-endian); in the first, an Ethernet interface (QinQ + PPPoE,
     * microseconds), a raw IP one (nanoseconds, IPv6) and one of a link type we do not read; in the second, a Linux
     * cooked v2 interface (2^-20 s units) and a Linux cooked v1 one (PPPoE, milliseconds, if_tsoffset). Enhanced,
     * obsolete and simple packet blocks, name resolution and statistics blocks in between.
     */
    @Test
    void twoSectionsAndInterfacesOfDifferentLinkTypes(@TempDir Path dir) throws Exception {
        CaptureBuilder.Pcapng ng = new CaptureBuilder.Pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .iface(PcapReader.LINKTYPE_ETHERNET, 0, null, null)
                .iface(PcapReader.LINKTYPE_RAW, 0, 9, null)
                .iface(CaptureBuilder.LINKTYPE_USER0, 0, null, null);
        int half = DATAGRAMS.size() / 2;
        for (int i = 0; i < half; i++) {
            PcapFrame f = DATAGRAMS.get(i);
            long us = f.timestampMicros();
            switch (i % 3) {
                case 0 -> ng.enhanced(0, us, Encapsulation.QINQ_PPPOE.frame(f, i));
                case 1 -> ng.enhanced(1, us * 1000 + 999, Encapsulation.RAW_IPV6.frame(f, i));
                default -> ng.obsolete(0, us, Encapsulation.VLAN.frame(f, i))
                        .enhanced(2, us, f.payload()); // the datagram's payload alone on the unknown link type
            }
            if (i == 10) {
                ng.other(4, new byte[] {0, 0, 0, 0}).other(5, new byte[12]);
            }
        }
        ng.section(ByteOrder.BIG_ENDIAN)
                .iface(PcapReader.LINKTYPE_LINUX_SLL2, 0, 0x80 | 20, null)
                .iface(PcapReader.LINKTYPE_LINUX_SLL, 0, 3, 3600L);
        for (int i = half; i < DATAGRAMS.size(); i++) {
            PcapFrame f = DATAGRAMS.get(i);
            long us = f.timestampMicros();
            if (i % 2 == 0) {
                long units = (us / 1_000_000 << 20) + (us % 1_000_000 << 20) / 1_000_000;
                ng.enhanced(0, units, Encapsulation.SLL2_VLAN.frame(f, i));
            } else {
                ng.enhanced(1, us / 1000 - 3_600_000, Encapsulation.SLL_PPPOE.frame(f, i));
            }
        }
        ng.simple(Encapsulation.SLL2_VLAN.frame(DATAGRAMS.get(0), 0)); // interface 0 of the second section
        Path file = CaptureBuilder.write(dir.resolve("two-sections.pcapng"), ng.bytes());
        DecodeRun r = DecodeRun.of(file.toString());
        sameAsTshark(file, r, DATAGRAMS.size() + 1);
        List<String> lines = r.lines();
        assertTrue(lines.get(1).contains("\"src\":\"" + Encapsulation.v6Printed(DATAGRAMS.get(1).source())),
                lines.get(1));
        assertTrue(lines.get(lines.size() - 1).contains("\"time\":\"0.000000\""), "no time in a Simple Packet Block");
    }

    @Test
    void aFileWithoutL2tpIsNoL2tpForTsharkEither(@TempDir Path dir) throws Exception {
        CaptureBuilder.Pcapng ng = new CaptureBuilder.Pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .iface(PcapReader.LINKTYPE_ETHERNET, 0, null, null);
        for (int i = 0; i < 10; i++) {
            ng.enhanced(0, i, ethernet(0x8864, pppoe(1, 0x0021, ipv4Udp("192.0.2.1", 5000, "192.0.2.2", 53,
                    new byte[] {1, 2, 3, 4}, i))));
        }
        Path file = CaptureBuilder.write(dir.resolve("dns.pcapng"), ng.bytes());
        assertEquals(List.of(), WiresharkTools.l2tpRows(file, PcapDecodeTool.DEFAULT_PORT));
        DecodeRun r = DecodeRun.of(file.toString());
        assertEquals(1, r.rc());
        assertEquals("l2tp-decode: no L2TP frame on UDP port 1701 in " + file + ": 10 frames, link type ETHERNET; "
                + "UDP ports 53 (10), 5000 (10); try --port N", r.err().strip());
    }
}
