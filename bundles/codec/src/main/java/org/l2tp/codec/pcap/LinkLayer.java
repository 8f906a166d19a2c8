package org.l2tp.codec.pcap;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Finds the UDP datagram in one captured frame, whatever the link type: Ethernet and Linux cooked (v1, v2) through
 * any number of 802.1Q / 802.1ad (QinQ) tags and PPPoE session frames; PPP; raw IP; BSD loopback. Returns null for
 * anything that is not an unfragmented UDP datagram over IPv4 or IPv6. Never throws, whatever the bytes.
 */
final class LinkLayer {
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_QINQ = 0x88A8;
    static final int ETHERTYPE_PPPOE_SESSION = 0x8864;
    static final int PPP_IPV4 = 0x0021;
    static final int PPP_IPV6 = 0x0057;

    private LinkLayer() {
    }

    /** Whether {@link #udp} knows the link type. */
    static boolean supported(int linkType) {
        return switch (linkType) {
            case PcapReader.LINKTYPE_NULL, PcapReader.LINKTYPE_ETHERNET, PcapReader.LINKTYPE_PPP,
                    PcapReader.LINKTYPE_RAW, 12, 14, PcapReader.LINKTYPE_LOOP, PcapReader.LINKTYPE_LINUX_SLL,
                    PcapReader.LINKTYPE_IPV4, PcapReader.LINKTYPE_IPV6, PcapReader.LINKTYPE_LINUX_SLL2 -> true;
            default -> false;
        };
    }

    /** The LINKTYPE_ name without its prefix ("ETHERNET"), or the number for the ones we do not know. */
    static String name(int linkType) {
        return switch (linkType) {
            case PcapReader.LINKTYPE_NULL -> "NULL";
            case PcapReader.LINKTYPE_ETHERNET -> "ETHERNET";
            case PcapReader.LINKTYPE_PPP -> "PPP";
            case PcapReader.LINKTYPE_RAW, 12, 14 -> "RAW";
            case PcapReader.LINKTYPE_LOOP -> "LOOP";
            case PcapReader.LINKTYPE_LINUX_SLL -> "LINUX_SLL";
            case PcapReader.LINKTYPE_IPV4 -> "IPV4";
            case PcapReader.LINKTYPE_IPV6 -> "IPV6";
            case PcapReader.LINKTYPE_LINUX_SLL2 -> "LINUX_SLL2";
            default -> String.valueOf(linkType);
        };
    }

    static PcapFrame udp(int linkType, byte[] d, int number, long micros) {
        Frame f = new Frame(d, number, micros);
        return switch (linkType) {
            case PcapReader.LINKTYPE_ETHERNET -> d.length < 14 ? null : f.ethertype(u16(d, 12), 14, d.length);
            case PcapReader.LINKTYPE_LINUX_SLL -> d.length < 16 ? null : f.ethertype(u16(d, 14), 16, d.length);
            case PcapReader.LINKTYPE_LINUX_SLL2 -> d.length < 20 ? null : f.ethertype(u16(d, 0), 20, d.length);
            case PcapReader.LINKTYPE_NULL, PcapReader.LINKTYPE_LOOP -> {
                if (d.length < 4) {
                    yield null;
                }
                // Host order (NULL) or network order (LOOP): one of the ends is zero either way.
                int family = (d[0] & 0xFF) | (d[3] & 0xFF);
                yield f.ethertype(family == 2 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6, 4, d.length);
            }
            case PcapReader.LINKTYPE_PPP -> f.ppp(0, d.length);
            default -> d.length < 1 ? null
                    : f.ethertype((d[0] & 0xF0) == 0x60 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4, 0, d.length);
        };
    }

    static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    /** One frame's octets; every method takes the offset of its header and the end of its enclosing payload. */
    private record Frame(byte[] d, int number, long micros) {

        PcapFrame ethertype(int type, int p, int end) {
            while (true) {
                switch (type) {
                    case ETHERTYPE_IPV4 -> {
                        return ipv4(p, end);
                    }
                    case ETHERTYPE_IPV6 -> {
                        return ipv6(p, end);
                    }
                    case ETHERTYPE_VLAN, ETHERTYPE_QINQ, 0x9100, 0x9200 -> {
                        // Tag control information, then the next type; every tag moves p on, so this ends.
                        if (end < p + 4) {
                            return null;
                        }
                        type = u16(d, p + 2);
                        p += 4;
                    }
                    case ETHERTYPE_PPPOE_SESSION -> {
                        return pppoe(p, end);
                    }
                    default -> {
                        return null;
                    }
                }
            }
        }

        /** RFC 2516 session stage: version 1, type 1, code 0, session id, length, then the PPP protocol field. */
        private PcapFrame pppoe(int p, int end) {
            if (end < p + 6 || d[p] != 0x11 || d[p + 1] != 0) {
                return null;
            }
            return ppp(p + 6, Math.min(end, p + 6 + u16(d, p + 4)));
        }

        /** A PPP frame, with or without address and control (ff 03) and with a one- or two-octet protocol. */
        PcapFrame ppp(int p, int end) {
            if (end >= p + 2 && (d[p] & 0xFF) == 0xFF && d[p + 1] == 0x03) {
                p += 2;
            }
            if (end < p + 1) {
                return null;
            }
            int protocol;
            if ((d[p] & 1) == 1) { // protocol field compression: the high octet 00 is left out
                protocol = d[p] & 0xFF;
                p += 1;
            } else {
                if (end < p + 2) {
                    return null;
                }
                protocol = u16(d, p);
                p += 2;
            }
            return protocol == PPP_IPV4 ? ipv4(p, end) : protocol == PPP_IPV6 ? ipv6(p, end) : null;
        }

        private PcapFrame ipv4(int p, int end) {
            if (end < p + 20 || (d[p] & 0xF0) != 0x40) {
                return null;
            }
            int ihl = (d[p] & 0x0F) * 4;
            int total = u16(d, p + 2);
            int frag = u16(d, p + 6);
            if (d[p + 9] != 17 || (frag & 0x3FFF) != 0 || ihl < 20 || total < ihl || end < p + ihl + 8) {
                return null;
            }
            return udp(p + ihl, Math.min(end, p + total), address(p + 12, 4), address(p + 16, 4));
        }

        private PcapFrame ipv6(int p, int end) {
            if (end < p + 40 || (d[p] & 0xF0) != 0x60) {
                return null;
            }
            int next = d[p + 6] & 0xFF;
            end = Math.min(end, p + 40 + u16(d, p + 4));
            String src = "[" + address(p + 8, 16) + "]";
            String dst = "[" + address(p + 24, 16) + "]";
            int q = p + 40;
            // Hop-by-hop, routing and destination options headers; a fragment header ends the search.
            while ((next == 0 || next == 43 || next == 60) && q + 8 <= end) {
                next = d[q] & 0xFF;
                q += 8 + (d[q + 1] & 0xFF) * 8;
            }
            return next == 17 ? udp(q, end, src, dst) : null;
        }

        private PcapFrame udp(int p, int end, String src, String dst) {
            if (end < p + 8) {
                return null;
            }
            int udpLen = u16(d, p + 4);
            int payloadEnd = udpLen >= 8 ? Math.min(end, p + udpLen) : end;
            byte[] payload = new byte[payloadEnd - p - 8];
            System.arraycopy(d, p + 8, payload, 0, payload.length);
            return new PcapFrame(number, micros, src, u16(d, p), dst, u16(d, p + 2), payload);
        }

        private String address(int off, int len) {
            byte[] a = new byte[len];
            System.arraycopy(d, off, a, 0, len);
            try {
                return InetAddress.getByAddress(a).getHostAddress();
            } catch (UnknownHostException e) {
                throw new AssertionError("4 or 16 octets are always an address", e);
            }
        }
    }
}
