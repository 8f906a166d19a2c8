package org.l2tp.ppp.frame;

/** PPP protocol numbers (RFC 1661 section 2; the assigned numbers of RFC 1332, 1334, 1994, 5072, 1962). */
public final class Protocols {
    public static final int IPV4 = 0x0021;
    public static final int IPV6 = 0x0057;
    public static final int IPCP = 0x8021;
    public static final int IPV6CP = 0x8057;
    public static final int CCP = 0x80FD;
    public static final int LCP = 0xC021;
    public static final int PAP = 0xC023;
    public static final int CHAP = 0xC223;

    private Protocols() {
    }

    /** A short name for logs: LCP, IPCP, ..., else the number in hex. */
    public static String name(int protocol) {
        return switch (protocol) {
            case IPV4 -> "IPv4";
            case IPV6 -> "IPv6";
            case IPCP -> "IPCP";
            case IPV6CP -> "IPv6CP";
            case CCP -> "CCP";
            case LCP -> "LCP";
            case PAP -> "PAP";
            case CHAP -> "CHAP";
            default -> String.format("0x%04x", protocol);
        };
    }
}
