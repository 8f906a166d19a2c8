package org.l2tp.codec.pcap;

import static org.l2tp.codec.pcap.CaptureBuilder.ethernet;
import static org.l2tp.codec.pcap.CaptureBuilder.pppoe;
import static org.l2tp.codec.pcap.CaptureBuilder.sll;
import static org.l2tp.codec.pcap.CaptureBuilder.sll2;

import java.nio.ByteBuffer;
import java.util.function.UnaryOperator;

/** The ways a UDP datagram of a real capture is wrapped again for the tests: VLAN tags, PPPoE, cooked headers. */
enum Encapsulation {
    VLAN(PcapReader.LINKTYPE_ETHERNET, false, ip -> ethernet(0x0800, ip, 0x8100, 100)),
    QINQ(PcapReader.LINKTYPE_ETHERNET, false, ip -> ethernet(0x0800, ip, 0x88a8, 10, 0x8100, 20)),
    THREE_8100_TAGS(PcapReader.LINKTYPE_ETHERNET, false, ip -> ethernet(0x0800, ip, 0x8100, 1, 0x8100, 2, 0x8100, 3)),
    PPPOE(PcapReader.LINKTYPE_ETHERNET, false, ip -> ethernet(0x8864, pppoe(0x0101, 0x0021, ip))),
    QINQ_PPPOE(PcapReader.LINKTYPE_ETHERNET, false,
            ip -> ethernet(0x8864, pppoe(0x0102, 0x0021, ip), 0x88a8, 10, 0x8100, 20)),
    VLAN_PPPOE_IPV6(PcapReader.LINKTYPE_ETHERNET, true, ip -> ethernet(0x8864, pppoe(0x0103, 0x0057, ip), 0x8100, 7)),
    SLL_PPPOE(PcapReader.LINKTYPE_LINUX_SLL, false, ip -> sll(0x8864, pppoe(0x0104, 0x0021, ip))),
    SLL2_VLAN(PcapReader.LINKTYPE_LINUX_SLL2, false, ip -> sll2(0x8100, tag(30, 0x0800, ip))),
    SLL2_PPPOE_IPV6(PcapReader.LINKTYPE_LINUX_SLL2, true, ip -> sll2(0x8864, pppoe(0x0105, 0x0057, ip))),
    PPP(PcapReader.LINKTYPE_PPP, false, ip -> ByteBuffer.allocate(4 + ip.length).putInt(0xff030021).put(ip).array()),
    RAW_IPV6(PcapReader.LINKTYPE_RAW, true, ip -> ip);

    final int linkType;
    final boolean ipv6;
    private final UnaryOperator<byte[]> wrap;

    Encapsulation(int linkType, boolean ipv6, UnaryOperator<byte[]> wrap) {
        this.linkType = linkType;
        this.ipv6 = ipv6;
        this.wrap = wrap;
    }

    /** The frame that carries {@code f}'s datagram; IPv4 addresses a.b.c.d become fd00::d with IPv6. */
    byte[] frame(PcapFrame f, int ipId) {
        byte[] ip = ipv6
                ? CaptureBuilder.ipv6Udp(v6(f.source()), f.sourcePort(), v6(f.destination()), f.destinationPort(),
                        f.payload())
                : CaptureBuilder.ipv4Udp(f.source(), f.sourcePort(), f.destination(), f.destinationPort(),
                        f.payload(), ipId);
        return wrap.apply(ip);
    }

    static String v6(String ipv4) {
        return "fd00::" + ipv4.substring(ipv4.lastIndexOf('.') + 1);
    }

    /** How l2tp-decode writes the IPv6 address of {@link #v6} (Java's uncompressed form, in brackets). */
    static String v6Printed(String ipv4) {
        try {
            return "[" + java.net.InetAddress.getByName(v6(ipv4)).getHostAddress() + "]";
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(ipv4, e);
        }
    }

    /** A VLAN tag after a header whose protocol field said 0x8100: TCI, then the next type. */
    private static byte[] tag(int vid, int type, byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putShort((short) vid).putShort((short) type).put(payload)
                .array();
    }
}
