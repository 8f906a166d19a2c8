package org.l2tp.codec.pcap;

import static org.junit.jupiter.api.Assertions.*;
import static org.l2tp.codec.pcap.CaptureBuilder.ethernet;
import static org.l2tp.codec.pcap.CaptureBuilder.ipv4Udp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pcapng blocks: sections of both byte orders, interfaces and their timestamps, and every way a block can be bad. */
class PcapngReaderTest {
    private static final long T0 = 1_700_000_000L;

    private static byte[] udp(int port, int n) {
        return ipv4Udp("192.0.2.1", port, "192.0.2.2", port, new byte[] {(byte) n}, n);
    }

    private static List<PcapFrame> read(byte[] file) throws IOException {
        List<PcapFrame> frames = new ArrayList<>();
        try (PcapReader r = new PcapReader(new ByteArrayInputStream(file))) {
            PcapFrame f;
            while ((f = r.next()) != null) {
                frames.add(f);
            }
        }
        return frames;
    }

    private static PcapFormatException bad(byte[] file) {
        return assertThrows(PcapFormatException.class, () -> read(file));
    }

    /**
     * Two sections (little-endian, then big-endian) with interfaces of different link types and timestamp units,
     * every kind of packet block, and blocks to skip.
     */
    static byte[] twoSections() {
        return new CaptureBuilder.Pcapng()
                .section(ByteOrder.LITTLE_ENDIAN)
                .iface(PcapReader.LINKTYPE_ETHERNET, 0, null, null) // microseconds by default
                .iface(PcapReader.LINKTYPE_RAW, 0, 9, null) // nanoseconds
                .other(4, new byte[] {0, 0, 0, 0}) // an empty Name Resolution Block
                .enhanced(0, T0 * 1_000_000 + 1, ethernet(0x0800, udp(1, 1)))
                .enhanced(1, T0 * 1_000_000_000 + 2_999, udp(2, 2))
                .simple(ethernet(0x0806, new byte[28])) // ARP on interface 0
                .other(0xBAD, new byte[] {0, 0, 0x7e, (byte) 0xd9, 1, 2, 3}) // a custom block
                .section(ByteOrder.BIG_ENDIAN)
                .iface(PcapReader.LINKTYPE_LINUX_SLL2, 0, 0x80 | 20, 3600L) // 2^-20 s, one hour later
                .iface(CaptureBuilder.LINKTYPE_USER0, 0, 3, null) // milliseconds, a link type we do not know
                .iface(PcapReader.LINKTYPE_ETHERNET, 64, null, null) // snap length 64
                .enhanced(1, T0 * 1000 + 5, udp(3, 3))
                .enhanced(0, (T0 << 20) + (1 << 19), CaptureBuilder.sll2(0x0800, udp(4, 4)))
                .obsolete(0, (T0 << 20) + 1, CaptureBuilder.sll2(0x0800, udp(5, 5)))
                .other(5, new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}) // Interface Statistics Block
                .simple(CaptureBuilder.sll2(0x0800, udp(6, 6))) // on interface 0 of its section
                .bytes();
    }

    @Test
    void sectionsInterfacesAndPacketBlocks() throws IOException {
        List<PcapFrame> f = read(twoSections());
        assertEquals(List.of(1, 2, 5, 6, 7), f.stream().map(PcapFrame::number).toList(), "frame numbers");
        assertEquals(List.of(1, 2, 4, 5, 6), f.stream().map(PcapFrame::sourcePort).toList());
        assertEquals(T0 * 1_000_000 + 1, f.get(0).timestampMicros());
        assertEquals(T0 * 1_000_000 + 2, f.get(1).timestampMicros(), "nanoseconds truncated to microseconds");
        assertEquals((T0 + 3600) * 1_000_000 + 500_000, f.get(2).timestampMicros(), "2^-20 s and if_tsoffset");
        assertEquals((T0 + 3600) * 1_000_000, f.get(3).timestampMicros(), "one 2^-20 s tick is below 1 us");
        assertEquals(0, f.get(4).timestampMicros(), "a Simple Packet Block has no timestamp");
        try (PcapReader r = new PcapReader(new ByteArrayInputStream(twoSections()))) {
            assertEquals(-1, r.linkType());
            while (r.next() != null) {
                assertTrue(r.frameCount() > 0);
            }
            assertEquals(7, r.frameCount());
            assertEquals(List.of(1, 101, 276, 147), List.copyOf(r.linkTypes()));
        }
    }

    @Test
    void simplePacketBlockIsCutToTheSnapLength() throws IOException {
        byte[] big = ethernet(0x0800, ipv4Udp("192.0.2.1", 1701, "192.0.2.2", 1701, new byte[100], 1));
        byte[] file = new CaptureBuilder.Pcapng().section(ByteOrder.BIG_ENDIAN)
                .iface(PcapReader.LINKTYPE_ETHERNET, 64, null, null).simple(big).bytes();
        List<PcapFrame> f = read(file);
        assertEquals(64 - 14 - 20 - 8, f.get(0).payload().length, "the UDP payload as far as the snap length");
    }

    @Test
    void timestampResolutions() throws IOException {
        long[][] cases = { // if_tsresol, units, expected microseconds
            {0, 1_700_000_000L, 1_700_000_000_000_000L},
            {3, 1_700_000_000_123L, 1_700_000_000_123_000L},
            {6, 1_700_000_000_123_456L, 1_700_000_000_123_456L},
            {9, 1_700_000_000_123_456_789L, 1_700_000_000_123_456L},
            {12, 1_700_000_000_123_456_789L, 1_700_000_000_123L},
            {30, 1L << 62, 0},
            {0x80 | 10, 1_700_000_000L << 10 | 512, 1_700_000_000_500_000L},
            {0x80 | 30, 1L << 33, 8_000_000L},
            {0x80 | 64, -1L, 999_999},
            {0x80 | 100, -1L, 0},
        };
        for (long[] c : cases) {
            byte[] file = new CaptureBuilder.Pcapng().section(ByteOrder.LITTLE_ENDIAN)
                    .iface(PcapReader.LINKTYPE_RAW, 0, (int) c[0], null).enhanced(0, c[1], udp(1, 1)).bytes();
            assertEquals(c[2], read(file).get(0).timestampMicros(), "if_tsresol 0x" + Long.toHexString(c[0]));
        }
        byte[] negative = new CaptureBuilder.Pcapng().section(ByteOrder.BIG_ENDIAN)
                .iface(PcapReader.LINKTYPE_RAW, 0, null, -10L).enhanced(0, 10_000_000L, udp(1, 1)).bytes();
        assertEquals(0, read(negative).get(0).timestampMicros(), "a negative if_tsoffset");
    }

    /** A valid two-block file to break: SHB (44 octets) + IDB + EPB. */
    private static byte[] valid(ByteOrder order) {
        return new CaptureBuilder.Pcapng().section(order).iface(PcapReader.LINKTYPE_RAW, 0, null, null)
                .enhanced(0, 1, udp(1, 1)).bytes();
    }

    private static final int IDB_OFFSET = 44;

    private static int epbOffset(byte[] file, ByteOrder order) {
        return IDB_OFFSET + ByteBuffer.wrap(file).order(order).getInt(IDB_OFFSET + 4);
    }

    private static byte[] with(byte[] file, ByteOrder order, int at, int value) {
        byte[] b = file.clone();
        ByteBuffer.wrap(b).order(order).putInt(at, value);
        return b;
    }

    @Test
    void malformedBlocksGiveTypedErrorsThatSayWhereAndWhat() {
        for (ByteOrder o : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            byte[] v = valid(o);
            int idb = IDB_OFFSET;
            int epb = epbOffset(v, o);
            int epbLength = v.length - epb;
            assertEquals(1, assertDoesNotThrow(() -> read(v)).size());
            assertEquals("pcapng Section Header Block at offset 0: byte-order magic 0x1a2b3c4e is neither "
                    + "0x1a2b3c4d nor 0x4d3c2b1a", bad(with(v, ByteOrder.BIG_ENDIAN, 8, 0x1A2B3C4E)).getMessage());
            assertEquals("pcapng Section Header Block at offset 0: pcapng version 2.0 is not supported (1.x is)",
                    bad(with(v, o, 12, o == ByteOrder.BIG_ENDIAN ? 0x00020000 : 0x00000002)).getMessage());
            assertEquals("pcapng Section Header Block at offset 0: total length 24 is below the 28 octets of its "
                    + "fixed fields", bad(with(v, o, 4, 24)).getMessage());
            assertEquals("pcapng Section Header Block at offset 0: trailing total length 48 differs from the "
                    + "leading 44", bad(with(v, o, 40, 48)).getMessage());
            assertEquals("pcapng Interface Description Block at offset 44: total length 13 is not a multiple of 4 "
                    + "between 12 and 16777216", bad(with(v, o, idb + 4, 13)).getMessage());
            assertEquals("pcapng Interface Description Block at offset 44: total length 8 is not a multiple of 4 "
                    + "between 12 and 16777216", bad(with(v, o, idb + 4, 8)).getMessage());
            assertEquals("pcapng Interface Description Block at offset 44: total length 4294967292 is not a "
                    + "multiple of 4 between 12 and 16777216", bad(with(v, o, idb + 4, -4)).getMessage());
            assertEquals("pcapng Interface Description Block at offset 44: total length 16777220 is not a "
                    + "multiple of 4 between 12 and 16777216", bad(with(v, o, idb + 4, 16_777_220)).getMessage());
            assertEquals("pcapng Interface Description Block at offset 44: option 2 of 200 octets runs past the "
                    + "block", bad(with(v, o, idb + 16, o == ByteOrder.BIG_ENDIAN ? 0x000200c8 : 0x00c80002))
                    .getMessage());
            assertEquals("pcapng Interface Description Block at offset 44: body of 4 octets is too short for its "
                    + "link type and snap length", bad(shrunkIdb(o)).getMessage());
            assertEquals("pcapng Enhanced Packet Block at offset " + epb + ": refers to interface 1 of a section "
                    + "that describes 1 interface", bad(with(v, o, epb + 8, 1)).getMessage());
            assertEquals("pcapng Enhanced Packet Block at offset " + epb + ": captured length 1000 runs past the "
                    + "block (32 octets of packet data at most)", bad(with(v, o, epb + 20, 1000)).getMessage());
            assertEquals("pcapng Enhanced Packet Block at offset " + epb + ": trailing total length 7 differs "
                    + "from the leading " + epbLength, bad(with(v, o, v.length - 4, 7)).getMessage());
            assertEquals("pcapng Enhanced Packet Block at offset " + epb + ": total length " + (epbLength + 2)
                    + " is not a multiple of 4 between 12 and 16777216", bad(with(v, o, epb + 4, epbLength + 2))
                    .getMessage());
            byte[] spbFirst = new CaptureBuilder.Pcapng().section(o).simple(udp(1, 1)).bytes();
            assertEquals("pcapng Simple Packet Block at offset 44: comes before any Interface Description Block of "
                    + "its section", bad(spbFirst).getMessage());
            byte[] secondSectionForgetsInterfaces = new CaptureBuilder.Pcapng().section(o)
                    .iface(PcapReader.LINKTYPE_RAW, 0, null, null).section(o).enhanced(0, 1, udp(1, 1)).bytes();
            assertTrue(bad(secondSectionForgetsInterfaces).getMessage().endsWith(
                    "refers to interface 0 of a section that describes 0 interfaces"));
            byte[] badTsresol = new CaptureBuilder.Pcapng().section(o)
                    .other(1, ByteBuffer.allocate(16).order(o).putShort((short) 101).putShort((short) 0).putInt(0)
                            .putShort((short) 9).putShort((short) 2).array()).bytes();
            assertTrue(bad(badTsresol).getMessage().endsWith("if_tsresol option of 2 octets instead of 1"),
                    bad(badTsresol).getMessage());
        }
    }

    private static byte[] shrunkIdb(ByteOrder o) {
        return new CaptureBuilder.Pcapng().section(o).other(1, new byte[] {1, 0, 0, 0}).bytes();
    }

    @Test
    void everyTruncationIsACleanEndOrACutShortError() throws IOException {
        byte[] file = twoSections();
        Set<Integer> boundaries = blockBoundaries(file);
        for (int len = 0; len <= file.length; len++) {
            byte[] prefix = Arrays.copyOf(file, len);
            if (len < 4) {
                assertTrue(bad(prefix).getMessage().contains("shorter than 4 octets: not a pcap capture"));
            } else if (boundaries.contains(len)) {
                assertDoesNotThrow(() -> read(prefix), "cut at the block boundary " + len);
            } else {
                String m = bad(prefix).getMessage();
                assertTrue(m.startsWith("pcapng ") && m.endsWith(" is cut short by the end of the file"),
                        len + ": " + m);
            }
        }
    }

    /** The offsets at which blocks end, from the blocks' own lengths (both sections' byte orders). */
    private static Set<Integer> blockBoundaries(byte[] file) {
        Set<Integer> ends = new TreeSet<>();
        ByteOrder order = ByteOrder.BIG_ENDIAN;
        int p = 0;
        while (p < file.length) {
            ByteBuffer b = ByteBuffer.wrap(file);
            if (b.getInt(p) == 0x0A0D0D0A) {
                order = b.getInt(p + 8) == 0x1A2B3C4D ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            }
            p += b.order(order).getInt(p + 4);
            ends.add(p);
        }
        assertEquals(file.length, p);
        return ends;
    }

    @Test
    void corruptedFilesNeverThrowAnythingElseNorLoop() {
        byte[] file = twoSections();
        Random random = new Random(13);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int errors = 0;
            for (int i = 0; i < 20_000; i++) {
                byte[] b = file.clone();
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
                try {
                    read(b);
                } catch (PcapFormatException e) {
                    assertNotNull(e.getMessage());
                    errors++;
                }
            }
            assertTrue(errors > 1000, "most corruptions of lengths or magic numbers are errors: " + errors);
        });
    }

    @Test
    void theToolSaysWhatIsWrongInOneLine(@TempDir Path dir) throws IOException {
        byte[] v = valid(ByteOrder.LITTLE_ENDIAN);
        Path f = CaptureBuilder.write(dir.resolve("bad.pcapng"), Arrays.copyOf(v, v.length - 2));
        DecodeRun r = DecodeRun.of(f.toString(), "--port", "1");
        assertEquals(1, r.rc());
        assertEquals("", r.out());
        assertEquals("l2tp-decode: " + f + ": pcapng Enhanced Packet Block at offset " + epbOffset(v,
                ByteOrder.LITTLE_ENDIAN) + " is cut short by the end of the file\n", r.err().replace("\r\n", "\n"));
    }
}
