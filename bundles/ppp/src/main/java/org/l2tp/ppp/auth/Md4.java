package org.l2tp.ppp.auth;

/**
 * The MD4 message digest of RFC 1320, for the NT password hash of MS-CHAPv2 (RFC 2759 section 8.3). Written here
 * because the JDK's MD4 (sun.security.provider) is not reachable through the OSGi class loader. MD4 is broken as a
 * general hash; it is used only where RFC 2759 prescribes it.
 */
public final class Md4 {
    /** Length of a digest in bytes. */
    public static final int DIGEST_LENGTH = 16;

    private Md4() {
    }

    /** MD4 of {@code input}. */
    public static byte[] digest(byte[] input) {
        // RFC 1320 3.1-3.2: append 0x80, zeros up to 56 mod 64, then the bit length as 64 bits, low-order first.
        int padded = (input.length + 8) / 64 * 64 + 64;
        byte[] msg = new byte[padded];
        System.arraycopy(input, 0, msg, 0, input.length);
        msg[input.length] = (byte) 0x80;
        long bits = (long) input.length * 8;
        for (int i = 0; i < 8; i++) {
            msg[padded - 8 + i] = (byte) (bits >>> 8 * i);
        }
        // RFC 1320 3.3: the four-word buffer.
        int a = 0x67452301;
        int b = 0xefcdab89;
        int c = 0x98badcfe;
        int d = 0x10325476;
        int[] x = new int[16];
        for (int off = 0; off < padded; off += 64) {
            for (int i = 0; i < 16; i++) {
                int p = off + 4 * i;
                x[i] = msg[p] & 0xff | (msg[p + 1] & 0xff) << 8 | (msg[p + 2] & 0xff) << 16 | (msg[p + 3] & 0xff) << 24;
            }
            int aa = a;
            int bb = b;
            int cc = c;
            int dd = d;
            // RFC 1320 3.4 round 1: F, words in order, shifts 3 7 11 19.
            for (int i = 0; i < 16; i += 4) {
                a = Integer.rotateLeft(a + f(b, c, d) + x[i], 3);
                d = Integer.rotateLeft(d + f(a, b, c) + x[i + 1], 7);
                c = Integer.rotateLeft(c + f(d, a, b) + x[i + 2], 11);
                b = Integer.rotateLeft(b + f(c, d, a) + x[i + 3], 19);
            }
            // Round 2: G plus 0x5A827999, words by column (0 4 8 12, 1 5 9 13, ...), shifts 3 5 9 13.
            for (int i = 0; i < 4; i++) {
                a = Integer.rotateLeft(a + g(b, c, d) + x[i] + 0x5A827999, 3);
                d = Integer.rotateLeft(d + g(a, b, c) + x[i + 4] + 0x5A827999, 5);
                c = Integer.rotateLeft(c + g(d, a, b) + x[i + 8] + 0x5A827999, 9);
                b = Integer.rotateLeft(b + g(c, d, a) + x[i + 12] + 0x5A827999, 13);
            }
            // Round 3: H plus 0x6ED9EBA1, words 0 8 4 12, 2 10 6 14, 1 9 5 13, 3 11 7 15, shifts 3 9 11 15.
            for (int i : ROUND3_ROWS) {
                a = Integer.rotateLeft(a + h(b, c, d) + x[i] + 0x6ED9EBA1, 3);
                d = Integer.rotateLeft(d + h(a, b, c) + x[i + 8] + 0x6ED9EBA1, 9);
                c = Integer.rotateLeft(c + h(d, a, b) + x[i + 4] + 0x6ED9EBA1, 11);
                b = Integer.rotateLeft(b + h(c, d, a) + x[i + 12] + 0x6ED9EBA1, 15);
            }
            a += aa;
            b += bb;
            c += cc;
            d += dd;
        }
        // RFC 1320 3.5: A, B, C, D, each low-order byte first.
        byte[] out = new byte[DIGEST_LENGTH];
        int[] words = {a, b, c, d};
        for (int w = 0; w < 4; w++) {
            for (int i = 0; i < 4; i++) {
                out[4 * w + i] = (byte) (words[w] >>> 8 * i);
            }
        }
        return out;
    }

    private static final int[] ROUND3_ROWS = {0, 2, 1, 3};

    private static int f(int x, int y, int z) {
        return x & y | ~x & z;
    }

    private static int g(int x, int y, int z) {
        return x & y | x & z | y & z;
    }

    private static int h(int x, int y, int z) {
        return x ^ y ^ z;
    }
}
