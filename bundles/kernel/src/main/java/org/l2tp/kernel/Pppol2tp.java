package org.l2tp.kernel;

/**
 * The kernel's PPPoL2TP ABI (linux/if_pppox.h, linux/if_pppol2tp.h, linux/ppp-ioctl.h; SOL_PPPOL2TP from glibc).
 * A test compiles a C program against the real headers and compares every value here.
 */
final class Pppol2tp {
    static final int AF_PPPOX = 24;
    static final int PX_PROTO_OL2TP = 1;
    static final int SOCK_DGRAM = 2;
    static final int SOL_PPPOL2TP = 273;
    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;

    /** setsockopt options; only DEBUG is accepted on the tunnel management socket. */
    static final int PPPOL2TP_SO_DEBUG = 1;
    static final int PPPOL2TP_SO_RECVSEQ = 2;
    static final int PPPOL2TP_SO_SENDSEQ = 3;
    static final int PPPOL2TP_SO_LNSMODE = 4;
    static final int PPPOL2TP_SO_REORDERTO = 5;

    /** _IOR('t', 54, struct pppol2tp_ioc_stats) on x86_64 and arm64. */
    static final int PPPIOCGL2TPSTATS = 0x80487436;

    /** struct sockaddr_pppol2tp (IPv4, L2TPv2): packed, 38 octets; the kernel picks the form by length. */
    static final int SOCKADDR_V4_SIZE = 38;
    static final int OFF_FAMILY = 0;
    static final int OFF_PROTOCOL = 2;
    static final int OFF_PID = 6;
    static final int OFF_FD = 10;
    static final int OFF_ADDR = 14;
    static final int OFF_S_TUNNEL = 30;
    static final int OFF_S_SESSION = 32;
    static final int OFF_D_TUNNEL = 34;
    static final int OFF_D_SESSION = 36;

    /** struct sockaddr_pppol2tpin6 (IPv6, L2TPv2): packed, 50 octets; ids come before the address. */
    static final int SOCKADDR_V6_SIZE = 50;
    static final int OFF6_S_TUNNEL = 14;
    static final int OFF6_S_SESSION = 16;
    static final int OFF6_D_TUNNEL = 18;
    static final int OFF6_D_SESSION = 20;
    static final int OFF6_ADDR = 22;

    /** struct pppol2tp_ioc_stats: 72 octets, eight u64 counters from offset 8. */
    static final int STATS_SIZE = 72;
    static final int STATS_COUNTERS = 8;

    /** errno values that mean "this kernel has no PPPoL2TP". */
    static final int EAFNOSUPPORT = 97;
    static final int EPROTONOSUPPORT = 93;
    static final int ESOCKTNOSUPPORT = 94;

    private Pppol2tp() {
    }
}
