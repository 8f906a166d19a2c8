package org.l2tp.codec.pcap;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Reads UDP datagrams from a classic libpcap file (microsecond or nanosecond, either byte order) with Ethernet
 * (802.1Q tags skipped), Linux cooked (v1 and v2), raw IP or BSD loopback link types, over IPv4 or IPv6. Frames
 * that are not unfragmented UDP are counted but not returned.
 */
public final class PcapReader implements AutoCloseable {
    public static final int LINKTYPE_NULL = 0;
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int LINKTYPE_RAW = 101;
    public static final int LINKTYPE_LINUX_SLL = 113;
    public static final int LINKTYPE_IPV4 = 228;
    public static final int LINKTYPE_IPV6 = 229;
    public static final int LINKTYPE_LINUX_SLL2 = 276;
    private static final int MAX_SNAPLEN = 262_144;

    private final DataInputStream in;
    private final boolean swapped;
    private final boolean nanos;
    private final int linkType;
    private int number;

    public PcapReader(InputStream in) throws IOException {
        this.in = new DataInputStream(in);
        int magic;
        try {
            magic = this.in.readInt();
        } catch (EOFException e) {
            throw new IOException("empty file: not a pcap capture");
        }
        switch (magic) {
            case 0xa1b2c3d4 -> { swapped = false; nanos = false; }
            case 0xd4c3b2a1 -> { swapped = true; nanos = false; }
            case 0xa1b23c4d -> { swapped = false; nanos = true; }
            case 0x4d3cb2a1 -> { swapped = true; nanos = true; }
            case 0x0a0d0d0a -> throw new IOException("pcapng file: convert it first with `editcap -F pcap IN OUT`");
            default -> throw new IOException("not a pcap capture (magic 0x" + Integer.toHexString(magic) + ")");
        }
        this.in.skipNBytes(16); // version, thiszone, sigfigs, snaplen
        linkType = readInt() & 0x0FFFFFFF;
        switch (linkType) {
            case LINKTYPE_NULL, LINKTYPE_ETHERNET, LINKTYPE_RAW, 12, 14, LINKTYPE_LINUX_SLL, LINKTYPE_IPV4,
                    LINKTYPE_IPV6, LINKTYPE_LINUX_SLL2 -> { }
            default -> throw new IOException("unsupported pcap link type " + linkType);
        }
    }

    public int linkType() {
        return linkType;
    }

    /** The next UDP datagram, or null at the end of the file. Throws on a record cut short. */
    public PcapFrame next() throws IOException {
        while (true) {
            int sec;
            try {
                sec = readInt();
            } catch (EOFException e) {
                return null;
            }
            int frac = readInt();
            int incl = readInt();
            readInt(); // original length
            if (incl < 0 || incl > MAX_SNAPLEN) {
                throw new IOException("record " + (number + 1) + " claims " + (incl & 0xFFFFFFFFL) + " octets");
            }
            byte[] data = new byte[incl];
            try {
                in.readFully(data);
            } catch (EOFException e) {
                throw new IOException("record " + (number + 1) + " is cut short by the end of the file");
            }
            number++;
            long micros = (sec & 0xFFFFFFFFL) * 1_000_000L + (nanos ? (frac & 0xFFFFFFFFL) / 1000 : frac & 0xFFFFFFFFL);
            PcapFrame f = udp(data, micros);
            if (f != null) {
                return f;
            }
        }
    }

    private PcapFrame udp(byte[] d, long micros) {
        int p;
        int proto;
        switch (linkType) {
            case LINKTYPE_ETHERNET -> {
                if (d.length < 14) {
                    return null;
                }
                p = 12;
                proto = u16(d, p);
                while ((proto == 0x8100 || proto == 0x88a8) && d.length >= p + 6) {
                    p += 4;
                    proto = u16(d, p);
                }
                p += 2;
            }
            case LINKTYPE_LINUX_SLL -> {
                if (d.length < 16) {
                    return null;
                }
                proto = u16(d, 14);
                p = 16;
            }
            case LINKTYPE_LINUX_SLL2 -> {
                if (d.length < 20) {
                    return null;
                }
                proto = u16(d, 0);
                p = 20;
            }
            case LINKTYPE_NULL -> {
                if (d.length < 4) {
                    return null;
                }
                int family = (d[0] & 0xFF) | (d[3] & 0xFF); // host order, one of the ends is zero
                proto = family == 2 ? 0x0800 : 0x86DD;
                p = 4;
            }
            default -> {
                if (d.length < 1) {
                    return null;
                }
                proto = (d[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800;
                p = 0;
            }
        }
        return proto == 0x0800 ? ipv4(d, p, micros) : proto == 0x86DD ? ipv6(d, p, micros) : null;
    }

    private PcapFrame ipv4(byte[] d, int p, long micros) {
        if (d.length < p + 20 || (d[p] & 0xF0) != 0x40) {
            return null;
        }
        int ihl = (d[p] & 0x0F) * 4;
        int total = u16(d, p + 2);
        int frag = u16(d, p + 6);
        if (d[p + 9] != 17 || (frag & 0x3FFF) != 0 || ihl < 20 || total < ihl || d.length < p + ihl + 8) {
            return null;
        }
        String src = address(d, p + 12, 4);
        String dst = address(d, p + 16, 4);
        int end = Math.min(d.length, p + total);
        return udpPayload(d, p + ihl, end, src, dst, micros);
    }

    private PcapFrame ipv6(byte[] d, int p, long micros) {
        if (d.length < p + 40 || (d[p] & 0xF0) != 0x60) {
            return null;
        }
        int next = d[p + 6] & 0xFF;
        int end = Math.min(d.length, p + 40 + u16(d, p + 4));
        String src = "[" + address(d, p + 8, 16) + "]";
        String dst = "[" + address(d, p + 24, 16) + "]";
        int q = p + 40;
        // Hop-by-hop, routing and destination options headers; a fragment header ends the search.
        while ((next == 0 || next == 43 || next == 60) && q + 8 <= end) {
            next = d[q] & 0xFF;
            q += 8 + (d[q + 1] & 0xFF) * 8;
        }
        if (next != 17) {
            return null;
        }
        return udpPayload(d, q, end, src, dst, micros);
    }

    private PcapFrame udpPayload(byte[] d, int p, int end, String src, String dst, long micros) {
        if (end < p + 8) {
            return null;
        }
        int udpLen = u16(d, p + 4);
        int payloadEnd = udpLen >= 8 ? Math.min(end, p + udpLen) : end;
        byte[] payload = new byte[payloadEnd - p - 8];
        System.arraycopy(d, p + 8, payload, 0, payload.length);
        return new PcapFrame(number, micros, src, u16(d, p), dst, u16(d, p + 2), payload);
    }

    private static String address(byte[] d, int off, int len) {
        byte[] a = new byte[len];
        System.arraycopy(d, off, a, 0, len);
        try {
            return InetAddress.getByAddress(a).getHostAddress();
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 octets are always an address", e);
        }
    }

    private int readInt() throws IOException {
        int v = in.readInt();
        return swapped ? Integer.reverseBytes(v) : v;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
