package org.l2tp.codec.pcap;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * The blocks of a pcapng file (draft-ietf-opsawg-pcapng): Section Header Blocks of either byte order (a file may
 * hold several sections, each with its own byte order and interfaces), Interface Description Blocks (link type,
 * snap length, if_tsresol and if_tsoffset options), Enhanced, Simple and obsolete Packet Blocks. Other blocks are
 * skipped by their length; a systemd Journal Export Block counts as a frame, as Wireshark numbers it, with nothing
 * to decode. Every block is checked: a total length that is not a multiple of 4, below 12 or above 16 MiB, a
 * trailing length that differs from the leading one, a field that runs past its block, a packet of an interface
 * not described, or the end of the file inside a block throw {@link PcapFormatException} naming the block and its
 * offset. Each block moves the reader on by at least 12 octets, so a file of any content ends.
 */
final class PcapngReader implements PcapReader.Source {
    /** The block type of a Section Header Block, the same in both byte orders: the file's magic number. */
    static final int SECTION_HEADER = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION = 1;
    static final int PACKET = 2;
    static final int SIMPLE_PACKET = 3;
    static final int ENHANCED_PACKET = 6;
    static final int SYSTEMD_JOURNAL_EXPORT = 9;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int OPT_ENDOFOPT = 0;
    static final int OPT_IF_TSRESOL = 9;
    static final int OPT_IF_TSOFFSET = 14;
    static final int MAX_BLOCK = 16 * 1024 * 1024;
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    /** One Interface Description Block: link type, snap length (0: none) and timestamp units. */
    private record Interface(int linkType, long snapLength, boolean binary, int resolution, long offsetSeconds) {

        /** Microseconds since the epoch of a timestamp counted in this interface's units. */
        long micros(long units) {
            long base = offsetSeconds * 1_000_000L;
            if (!binary && resolution == 6) {
                return base + units;
            }
            if (!binary && resolution > 6 && resolution - 6 < POW10.length) {
                return base + Long.divideUnsigned(units, POW10[resolution - 6]);
            }
            if (!binary && resolution < 6) {
                return base + units * POW10[6 - resolution];
            }
            BigInteger u = new BigInteger(Long.toUnsignedString(units)).multiply(BigInteger.valueOf(1_000_000L));
            u = binary ? u.shiftRight(resolution) : u.divide(BigInteger.TEN.pow(resolution));
            return base + u.longValue();
        }
    }

    private final DataInputStream in;
    private final IntConsumer linkTypeSeen;
    private final List<Interface> interfaces = new ArrayList<>();
    private boolean littleEndian;
    private long position;
    private long blockOffset;
    private String block;

    /** Reads the first Section Header Block, whose block type (the magic number) has been read already. */
    PcapngReader(DataInputStream in, IntConsumer linkTypeSeen) throws IOException {
        this.in = in;
        this.linkTypeSeen = linkTypeSeen;
        position = 4;
        blockOffset = 0;
        sectionHeader();
    }

    @Override
    public PcapReader.Packet next() throws IOException {
        while (true) {
            blockOffset = position;
            block = "block";
            int first = in.read();
            if (first < 0) {
                return null;
            }
            position++;
            byte[] t = new byte[4];
            t[0] = (byte) first;
            readFully(t, 1, 3);
            int type = int32(t, 0, false);
            if (type == SECTION_HEADER) {
                sectionHeader();
                continue;
            }
            type = littleEndian ? Integer.reverseBytes(type) : type;
            block = name(type);
            int length = checkLength(readInt32());
            switch (type) {
                case INTERFACE_DESCRIPTION -> interfaceDescription(body(length));
                case ENHANCED_PACKET -> {
                    return enhancedPacket(body(length));
                }
                case SIMPLE_PACKET -> {
                    return simplePacket(body(length));
                }
                case PACKET -> {
                    return obsoletePacket(body(length));
                }
                case SYSTEMD_JOURNAL_EXPORT -> {
                    body(length);
                    return new PcapReader.Packet(-1, 0, null);
                }
                default -> {
                    try {
                        in.skipNBytes(length - 12L);
                    } catch (EOFException e) {
                        throw cutShort();
                    }
                    position += length - 12L;
                    trailer(length);
                }
            }
        }
    }

    /** The block type has been read: total length, byte-order magic, version, section length, options. */
    private void sectionHeader() throws IOException {
        block = "Section Header Block";
        byte[] h = new byte[8];
        readFully(h, 0, 8);
        int magic = int32(h, 4, false);
        if (magic == BYTE_ORDER_MAGIC) {
            littleEndian = false;
        } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            littleEndian = true;
        } else {
            throw malformed("byte-order magic 0x" + Integer.toHexString(magic) + " is neither 0x1a2b3c4d "
                    + "nor 0x4d3c2b1a");
        }
        int length = checkLength(int32(h, 0, littleEndian));
        if (length < 28) {
            throw malformed("total length " + length + " is below the 28 octets of its fixed fields");
        }
        byte[] rest = new byte[length - 12]; // version, section length, options, trailing total length
        readFully(rest, 0, rest.length);
        int major = u16(rest, 0);
        int minor = u16(rest, 2);
        if (major != 1) {
            throw malformed("pcapng version " + major + "." + minor + " is not supported (1.x is)");
        }
        int trailing = int32(rest, rest.length - 4, littleEndian);
        if (trailing != length) {
            throw malformed("trailing total length " + Integer.toUnsignedString(trailing)
                    + " differs from the leading " + length);
        }
        interfaces.clear(); // interface ids start again at 0 in every section
    }

    private void interfaceDescription(byte[] b) throws IOException {
        need(b, 8, "link type and snap length");
        int linkType = u16(b, 0);
        long snap = int32(b, 4, littleEndian) & 0xFFFFFFFFL;
        boolean binary = false;
        int resolution = 6;
        long offsetSeconds = 0;
        int p = 8;
        while (p < b.length) {
            if (b.length < p + 4) {
                throw malformed("option header at octet " + p + " of the block body runs past the block");
            }
            int code = u16(b, p);
            int len = u16(b, p + 2);
            if (code == OPT_ENDOFOPT) {
                break;
            }
            if (b.length < p + 4 + len) {
                throw malformed("option " + code + " of " + len + " octets runs past the block");
            }
            if (code == OPT_IF_TSRESOL) {
                if (len != 1) {
                    throw malformed("if_tsresol option of " + len + " octets instead of 1");
                }
                binary = (b[p + 4] & 0x80) != 0;
                resolution = b[p + 4] & 0x7F;
            } else if (code == OPT_IF_TSOFFSET) {
                if (len != 8) {
                    throw malformed("if_tsoffset option of " + len + " octets instead of 8");
                }
                offsetSeconds = int64(b, p + 4);
            }
            p += 4 + ((len + 3) & ~3);
        }
        interfaces.add(new Interface(linkType, snap, binary, resolution, offsetSeconds));
        linkTypeSeen.accept(linkType);
    }

    private PcapReader.Packet enhancedPacket(byte[] b) throws IOException {
        need(b, 20, "interface id, timestamp and lengths");
        Interface i = iface(int32(b, 0, littleEndian) & 0xFFFFFFFFL);
        long units = (int32(b, 4, littleEndian) & 0xFFFFFFFFL) << 32 | (int32(b, 8, littleEndian) & 0xFFFFFFFFL);
        return packet(i, i.micros(units), b, 20, int32(b, 12, littleEndian) & 0xFFFFFFFFL);
    }

    private PcapReader.Packet obsoletePacket(byte[] b) throws IOException {
        need(b, 20, "interface id, drops count, timestamp and lengths");
        Interface i = iface(u16(b, 0));
        long units = (int32(b, 4, littleEndian) & 0xFFFFFFFFL) << 32 | (int32(b, 8, littleEndian) & 0xFFFFFFFFL);
        return packet(i, i.micros(units), b, 20, int32(b, 12, littleEndian) & 0xFFFFFFFFL);
    }

    /** No interface id (always the first), no timestamp, no captured length: the snap length or the block says. */
    private PcapReader.Packet simplePacket(byte[] b) throws IOException {
        need(b, 4, "original length");
        if (interfaces.isEmpty()) {
            throw malformed("comes before any Interface Description Block of its section");
        }
        Interface i = interfaces.get(0);
        long captured = Math.min(int32(b, 0, littleEndian) & 0xFFFFFFFFL, b.length - 4L);
        if (i.snapLength() > 0) {
            captured = Math.min(captured, i.snapLength());
        }
        return packet(i, 0, b, 4, captured);
    }

    private PcapReader.Packet packet(Interface i, long micros, byte[] b, int at, long captured)
            throws PcapFormatException {
        if (captured > b.length - at) {
            throw malformed("captured length " + captured + " runs past the block (" + (b.length - at)
                    + " octets of packet data at most)");
        }
        byte[] data = new byte[(int) captured];
        System.arraycopy(b, at, data, 0, data.length);
        return new PcapReader.Packet(i.linkType(), micros, data);
    }

    private Interface iface(long id) throws PcapFormatException {
        if (id >= interfaces.size()) {
            throw malformed("refers to interface " + id + " of a section that describes " + interfaces.size()
                    + (interfaces.size() == 1 ? " interface" : " interfaces"));
        }
        return interfaces.get((int) id);
    }

    private int checkLength(int length) throws PcapFormatException {
        if (length < 12 || length > MAX_BLOCK || (length & 3) != 0) {
            throw malformed("total length " + Integer.toUnsignedString(length)
                    + " is not a multiple of 4 between 12 and " + MAX_BLOCK);
        }
        return length;
    }

    /** Reads the body of a block whose type and length have been read, and checks its trailing length. */
    private byte[] body(int length) throws IOException {
        byte[] b = new byte[length - 12];
        readFully(b, 0, b.length);
        trailer(length);
        return b;
    }

    private void trailer(int length) throws IOException {
        int trailing = readInt32();
        if (trailing != length) {
            throw malformed("trailing total length " + Integer.toUnsignedString(trailing)
                    + " differs from the leading " + length);
        }
    }

    private void need(byte[] b, int n, String what) throws PcapFormatException {
        if (b.length < n) {
            throw malformed("body of " + b.length + " octets is too short for its " + what);
        }
    }

    private int readInt32() throws IOException {
        byte[] b = new byte[4];
        readFully(b, 0, 4);
        return int32(b, 0, littleEndian);
    }

    private void readFully(byte[] b, int off, int len) throws IOException {
        try {
            in.readFully(b, off, len);
        } catch (EOFException e) {
            throw cutShort();
        }
        position += len;
    }

    private PcapFormatException cutShort() {
        return new PcapFormatException("pcapng " + block + " at offset " + blockOffset
                + " is cut short by the end of the file");
    }

    private PcapFormatException malformed(String what) {
        return new PcapFormatException("pcapng " + block + " at offset " + blockOffset + ": " + what);
    }

    private static String name(int type) {
        return switch (type) {
            case INTERFACE_DESCRIPTION -> "Interface Description Block";
            case PACKET -> "Packet Block";
            case SIMPLE_PACKET -> "Simple Packet Block";
            case 4 -> "Name Resolution Block";
            case 5 -> "Interface Statistics Block";
            case ENHANCED_PACKET -> "Enhanced Packet Block";
            case SYSTEMD_JOURNAL_EXPORT -> "systemd Journal Export Block";
            case 10 -> "Decryption Secrets Block";
            default -> "block of type 0x" + Integer.toHexString(type);
        };
    }

    private int u16(byte[] b, int i) {
        int v = (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
        return littleEndian ? Integer.reverseBytes(v) >>> 16 : v;
    }

    private static int int32(byte[] b, int i, boolean little) {
        int v = (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
        return little ? Integer.reverseBytes(v) : v;
    }

    private long int64(byte[] b, int i) {
        long v = 0;
        for (int k = 0; k < 8; k++) {
            v = v << 8 | (b[i + k] & 0xFF);
        }
        return littleEndian ? Long.reverseBytes(v) : v;
    }
}
