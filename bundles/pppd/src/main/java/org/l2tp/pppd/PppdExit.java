package org.l2tp.pppd;

/** What a pppd exit status means for the CDN (pppd.h's EXIT_* codes, RFC 2661 CDN result codes). */
final class PppdExit {
    private PppdExit() {
    }

    /** The CDN result code for a pppd that exited with {@code code}. */
    static int cdnResult(int code) {
        return org.l2tp.api.ppp.PppEnd.cdnResultOf(code);
    }

    static String reason(int code) {
        return switch (code) {
            case 0 -> "pppd exited";
            case 1 -> "pppd: fatal error";
            case 2 -> "pppd: option error (check the PPP profile)";
            case 3 -> "pppd: not running as root";
            case 4 -> "pppd: no kernel PPP support (modprobe ppp_generic)";
            case 5 -> "pppd: stopped by a signal";
            case 7 -> "pppd: cannot open the session";
            case 10 -> "PPP negotiation failed";
            case 11 -> "PPP authentication of the peer failed";
            case 12 -> "PPP idle time-out";
            case 13 -> "PPP connect-time limit";
            case 15 -> "PPP peer not responding to LCP echo";
            case 16 -> "PPP hangup";
            case 17 -> "PPP loopback detected";
            case 18 -> "pppd: init script failed";
            case 19 -> "PPP authentication to the peer failed";
            default -> "pppd exited with status " + code;
        };
    }
}
