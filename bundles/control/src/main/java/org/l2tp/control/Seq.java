package org.l2tp.control;

/** Ns/Nr arithmetic modulo 2^16 (RFC 2661 section 5.8). */
final class Seq {
    private Seq() {
    }

    /** a - b as a signed distance in (-32768, 32767]. */
    static int diff(int a, int b) {
        return (short) (a - b);
    }

    static boolean before(int a, int b) {
        return diff(a, b) < 0;
    }

    static int next(int a) {
        return (a + 1) & 0xFFFF;
    }
}
