package org.l2tp.codec.pcap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds captures for tests: frames (IPv4 or IPv6 UDP, Ethernet with VLAN tags, PPPoE session, Linux cooked v1 and
 * v2) and files (classic pcap of any link type, byte order and resolution; pcapng block by block).
 */
final class CaptureBuilder {
    static final int LINKTYPE_USER0 = 147;

    private CaptureBuilder() {
    }

    static byte[] ipv4Udp(String src, int sport, String dst, int dport, byte[] payload, int id) {
        byte[] udp = udp(sport, dport, payload, null, null);
        ByteBuffer ip = ByteBuffer.allocate(20 + udp.length);
        ip.put((byte) 0x45).put((byte) 0).putShort((short) (20 + udp.length)).putShort((short) id)
                .putShort((short) 0x4000).put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(address(src)).put(address(dst));
        ip.putShort(10, (short) ~checksum(ip.array(), 0, 20, 0));
        return ip.put(udp).array();
    }

    static byte[] ipv6Udp(String src, int sport, String dst, int dport, byte[] payload) {
        byte[] s = address(src);
        byte[] d = address(dst);
        byte[] udp = udp(sport, dport, payload, s, d);
        return ByteBuffer.allocate(40 + udp.length).putInt(0x60000000).putShort((short) udp.length)
                .put((byte) 17).put((byte) 64).put(s).put(d).put(udp).array();
    }

    /** A UDP header and payload; with IPv6 addresses, the checksum IPv6 requires. */
    private static byte[] udp(int sport, int dport, byte[] payload, byte[] src6, byte[] dst6) {
        ByteBuffer u = ByteBuffer.allocate(8 + payload.length);
        u.putShort((short) sport).putShort((short) dport).putShort((short) (8 + payload.length)).putShort((short) 0)
                .put(payload);
        if (src6 != null) {
            int sum = checksum(src6, 0, 16, 0);
            sum = checksum(dst6, 0, 16, sum);
            sum += u.capacity() + 17;
            int c = ~checksum(u.array(), 0, u.capacity(), sum) & 0xFFFF;
            u.putShort(6, (short) (c == 0 ? 0xFFFF : c));
        }
        return u.array();
    }

    private static int checksum(byte[] b, int off, int len, int sum) {
        for (int i = 0; i < len; i += 2) {
            sum += (b[off + i] & 0xFF) << 8 | (i + 1 < len ? b[off + i + 1] & 0xFF : 0);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return sum;
    }

    static byte[] address(String a) {
        try {
            return InetAddress.getByName(a).getAddress();
        } catch (IOException e) {
            throw new AssertionError(a, e);
        }
    }

    /**
     * An Ethernet frame padded to the 60-octet minimum; {@code tags} are (TPID, TCI) pairs, outermost first, each
     * written before {@code ethertype}.
     */
    static byte[] ethernet(int ethertype, byte[] payload, int... tags) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(60, 14 + tags.length * 2 + payload.length));
        b.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1});
        for (int i = 0; i < tags.length; i += 2) {
            b.putShort((short) tags[i]).putShort((short) tags[i + 1]);
        }
        return b.putShort((short) ethertype).put(payload).array();
    }

    /** A PPPoE session-stage frame (RFC 2516) carrying one PPP packet of {@code pppProtocol}. */
    static byte[] pppoe(int sessionId, int pppProtocol, byte[] packet) {
        return ByteBuffer.allocate(8 + packet.length).put((byte) 0x11).put((byte) 0).putShort((short) sessionId)
                .putShort((short) (2 + packet.length)).putShort((short) pppProtocol).put(packet).array();
    }

    /** Linux cooked v1: packet type, ARPHRD_ETHER, address length and address, then {@code protocol}. */
    static byte[] sll(int protocol, byte[] payload) {
        return ByteBuffer.allocate(16 + payload.length).putShort((short) 0).putShort((short) 1).putShort((short) 6)
                .put(new byte[] {2, 0, 0, 0, 0, 1, 0, 0}).putShort((short) protocol).put(payload).array();
    }

    /** Linux cooked v2: protocol, reserved, interface index, ARPHRD_ETHER, packet type, address. */
    static byte[] sll2(int protocol, byte[] payload) {
        return ByteBuffer.allocate(20 + payload.length).putShort((short) protocol).putShort((short) 0).putInt(3)
                .putShort((short) 1).put((byte) 4).put((byte) 6).put(new byte[] {2, 0, 0, 0, 0, 1, 0, 0})
                .put(payload).array();
    }

    static Path write(Path file, byte[] content) throws IOException {
        Files.write(file, content);
        return file;
    }

    /** A classic pcap file. */
    static final class Pcap {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteOrder order;
        private final boolean nanos;

        Pcap(int linkType, ByteOrder order, boolean nanos) {
            this.order = order;
            this.nanos = nanos;
            put(ByteBuffer.allocate(24).order(order).putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2)
                    .putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(linkType));
        }

        Pcap(int linkType) {
            this(linkType, ByteOrder.BIG_ENDIAN, false);
        }

        Pcap add(long micros, byte[] frame) {
            long frac = nanos ? micros % 1_000_000 * 1000 : micros % 1_000_000;
            put(ByteBuffer.allocate(16).order(order).putInt((int) (micros / 1_000_000)).putInt((int) frac)
                    .putInt(frame.length).putInt(frame.length));
            out.writeBytes(frame);
            return this;
        }

        private void put(ByteBuffer b) {
            out.writeBytes(b.array());
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** A pcapng file, block by block; each section has its own byte order. */
    static final class Pcapng {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

        /** A Section Header Block (version 1.0, section length unknown) with a shb_userappl option. */
        Pcapng section(ByteOrder order) {
            this.order = order;
            ByteBuffer b = body(16).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1);
            option(b, 4, "l2tp tests".getBytes());
            return block(0x0A0D0D0A, b);
        }

        /** An Interface Description Block; {@code tsresol} and {@code tsoffset} as options when not null. */
        Pcapng iface(int linkType, int snapLength, Integer tsresol, Long tsoffset) {
            ByteBuffer b = body(8).putShort((short) linkType).putShort((short) 0).putInt(snapLength);
            option(b, 2, "eth-test".getBytes());
            if (tsresol != null) {
                option(b, 9, new byte[] {(byte) (int) tsresol});
            }
            if (tsoffset != null) {
                option(b, 14, ByteBuffer.allocate(8).order(order).putLong(tsoffset).array());
            }
            b.putInt(0); // opt_endofopt
            return block(1, b);
        }

        Pcapng enhanced(int iface, long units, byte[] frame) {
            ByteBuffer b = body(20 + pad(frame.length)).putInt(iface).putInt((int) (units >>> 32)).putInt((int) units)
                    .putInt(frame.length).putInt(frame.length).put(frame);
            return block(6, b);
        }

        Pcapng simple(byte[] frame) {
            return block(3, body(4 + pad(frame.length)).putInt(frame.length).put(frame));
        }

        Pcapng obsolete(int iface, long units, byte[] frame) {
            ByteBuffer b = body(20 + pad(frame.length)).putShort((short) iface).putShort((short) 0)
                    .putInt((int) (units >>> 32)).putInt((int) units).putInt(frame.length).putInt(frame.length)
                    .put(frame);
            return block(2, b);
        }

        /** Any block, e.g. a Name Resolution (4), Interface Statistics (5) or custom (0xBAD) block. */
        Pcapng other(int type, byte[] body) {
            return block(type, body(pad(body.length)).put(body));
        }

        private ByteBuffer body(int capacity) {
            return ByteBuffer.allocate(capacity + 64).order(order); // room for options; block() uses the position
        }

        private static void option(ByteBuffer b, int code, byte[] value) {
            b.putShort((short) code).putShort((short) value.length).put(value);
            b.position(b.position() + pad(value.length) - value.length);
        }

        private Pcapng block(int type, ByteBuffer body) {
            int length = 12 + pad(body.position());
            ByteBuffer b = ByteBuffer.allocate(length).order(order).putInt(type).putInt(length)
                    .put(body.array(), 0, body.position());
            b.putInt(length - 4, length);
            out.writeBytes(b.array());
            return this;
        }

        private static int pad(int n) {
            return (n + 3) & ~3;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
