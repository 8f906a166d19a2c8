package org.l2tp.codec.pcap;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reads UDP datagrams from a capture file: classic libpcap (microsecond or nanosecond, either byte order) or pcapng
 * (several sections of either byte order, several interfaces with their own link types and timestamp resolutions;
 * Enhanced, Simple and Obsolete Packet Blocks), told apart by their magic number. Link types: Ethernet and Linux
 * cooked (v1 and v2), through any number of 802.1Q / QinQ tags and PPPoE session frames, PPP, raw IP and BSD
 * loopback; IPv4 or IPv6. Frames that are not unfragmented UDP (or that come from an interface of a link type we
 * do not know, in pcapng) are counted but not returned. A file that is not a capture, or a record or block that is
 * cut short or malformed, throws {@link PcapFormatException}.
 */
public final class PcapReader implements AutoCloseable {
    public static final int LINKTYPE_NULL = 0;
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int LINKTYPE_PPP = 9;
    public static final int LINKTYPE_RAW = 101;
    public static final int LINKTYPE_LOOP = 108;
    public static final int LINKTYPE_LINUX_SLL = 113;
    public static final int LINKTYPE_IPV4 = 228;
    public static final int LINKTYPE_IPV6 = 229;
    public static final int LINKTYPE_LINUX_SLL2 = 276;
    static final int MAX_SNAPLEN = 262_144;

    /** One captured frame before the link layer is looked into. */
    record Packet(int linkType, long timestampMicros, byte[] data) {
    }

    /** Where the frames come from: classic records or pcapng blocks. Null at the end of the file. */
    interface Source {
        Packet next() throws IOException;
    }

    private final DataInputStream in;
    private final Source source;
    private final int linkType;
    private final Set<Integer> linkTypes = new LinkedHashSet<>();
    private int number;

    public PcapReader(InputStream in) throws IOException {
        this.in = new DataInputStream(in);
        int magic;
        try {
            magic = this.in.readInt();
        } catch (EOFException e) {
            throw new PcapFormatException("shorter than 4 octets: not a pcap capture (nor pcapng)");
        }
        boolean swapped;
        boolean nanos;
        switch (magic) {
            case 0xa1b2c3d4 -> { swapped = false; nanos = false; }
            case 0xd4c3b2a1 -> { swapped = true; nanos = false; }
            case 0xa1b23c4d -> { swapped = false; nanos = true; }
            case 0x4d3cb2a1 -> { swapped = true; nanos = true; }
            case PcapngReader.SECTION_HEADER -> {
                PcapngReader ng = new PcapngReader(this.in, linkTypes::add);
                source = ng;
                linkType = -1;
                return;
            }
            default -> throw new PcapFormatException("not a pcap capture (nor pcapng): magic 0x"
                    + Integer.toHexString(magic));
        }
        Classic classic = new Classic(this.in, swapped, nanos);
        source = classic;
        linkType = classic.linkType;
        linkTypes.add(linkType);
    }

    /** The link type of a classic pcap file; -1 for pcapng, whose interfaces each have theirs ({@link #linkTypes}). */
    public int linkType() {
        return linkType;
    }

    /** The link types of the file (classic pcap) or of the interfaces read so far (pcapng), in order of appearance. */
    public Set<Integer> linkTypes() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(linkTypes));
    }

    /** How many frames (records, packet blocks) have been read so far, UDP or not. */
    public int frameCount() {
        return number;
    }

    /** The LINKTYPE_ name of a link type without its prefix ("ETHERNET", "LINUX_SLL2"), or its number. */
    public static String linkTypeName(int linkType) {
        return LinkLayer.name(linkType);
    }

    /** The next UDP datagram, or null at the end of the file. Throws on a record or block cut short or malformed. */
    public PcapFrame next() throws IOException {
        Packet p;
        while ((p = source.next()) != null) {
            number++;
            if (p.data() != null && LinkLayer.supported(p.linkType())) {
                PcapFrame f = LinkLayer.udp(p.linkType(), p.data(), number, p.timestampMicros());
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Classic libpcap: a 24-octet file header, then 16-octet record headers each followed by the frame. */
    private static final class Classic implements Source {
        private final DataInputStream in;
        private final boolean swapped;
        private final boolean nanos;
        final int linkType;
        private int records;

        Classic(DataInputStream in, boolean swapped, boolean nanos) throws IOException {
            this.in = in;
            this.swapped = swapped;
            this.nanos = nanos;
            try {
                in.skipNBytes(16); // version, thiszone, sigfigs, snaplen
                linkType = readInt() & 0x0FFFFFFF; // the upper bits may say how many FCS octets frames end with
            } catch (EOFException e) {
                throw new PcapFormatException("pcap file header cut short by the end of the file");
            }
            if (!LinkLayer.supported(linkType)) {
                throw new PcapFormatException("unsupported pcap link type " + linkType);
            }
        }

        @Override
        public Packet next() throws IOException {
            int first = in.read();
            if (first < 0) {
                return null;
            }
            int record = records + 1;
            byte[] header = new byte[16];
            header[0] = (byte) first;
            try {
                in.readFully(header, 1, 15);
            } catch (EOFException e) {
                throw new PcapFormatException("record " + record + " header is cut short by the end of the file");
            }
            long sec = int32(header, 0) & 0xFFFFFFFFL;
            long frac = int32(header, 4) & 0xFFFFFFFFL;
            int incl = int32(header, 8);
            if (incl < 0 || incl > MAX_SNAPLEN) {
                throw new PcapFormatException("record " + record + " claims " + (incl & 0xFFFFFFFFL) + " octets");
            }
            byte[] data = new byte[incl];
            try {
                in.readFully(data);
            } catch (EOFException e) {
                throw new PcapFormatException("record " + record + " is cut short by the end of the file");
            }
            records = record;
            return new Packet(linkType, sec * 1_000_000L + (nanos ? frac / 1000 : frac), data);
        }

        private int int32(byte[] b, int i) {
            int v = (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
            return swapped ? Integer.reverseBytes(v) : v;
        }

        private int readInt() throws IOException {
            int v = in.readInt();
            return swapped ? Integer.reverseBytes(v) : v;
        }
    }
}
