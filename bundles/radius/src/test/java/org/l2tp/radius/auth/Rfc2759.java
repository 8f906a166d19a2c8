package org.l2tp.radius.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The peer's and the authenticator's side of MS-CHAPv2 as RFC 2759 section 8 writes them, for tests only (written
 * here from the RFC; the ppp bundle's code is not used, so the two check each other). MD4 (RFC 1320) included: the
 * JDK has none.
 */
final class Rfc2759 {
    private Rfc2759() {
    }

    /** 8.1 GenerateNTResponse. */
    static byte[] ntResponse(byte[] authChallenge, byte[] peerChallenge, String user, String password)
            throws Exception {
        byte[] challenge = challengeHash(peerChallenge, authChallenge, user);
        return challengeResponse(challenge, ntPasswordHash(password));
    }

    /** 8.2 ChallengeHash: the first 8 octets of SHA1(PeerChallenge, AuthenticatorChallenge, UserName). */
    static byte[] challengeHash(byte[] peerChallenge, byte[] authChallenge, String user) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-1");
        sha.update(peerChallenge);
        sha.update(authChallenge);
        sha.update(user.getBytes(StandardCharsets.US_ASCII));
        return Arrays.copyOf(sha.digest(), 8);
    }

    /** 8.3 NtPasswordHash: MD4 of the Unicode (UTF-16LE) password. */
    static byte[] ntPasswordHash(String password) {
        return md4(password.getBytes(StandardCharsets.UTF_16LE));
    }

    /** 8.5 ChallengeResponse: three DES encryptions of the challenge with the 21-octet zero-padded hash. */
    static byte[] challengeResponse(byte[] challenge, byte[] passwordHash) throws Exception {
        byte[] z = Arrays.copyOf(passwordHash, 21);
        byte[] out = new byte[24];
        for (int i = 0; i < 3; i++) {
            Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
            des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(desKey(Arrays.copyOfRange(z, 7 * i, 7 * i + 7)), "DES"));
            System.arraycopy(des.doFinal(challenge), 0, out, 8 * i, 8);
        }
        return out;
    }

    /** 56 key bits into 8 octets (parity bits left 0: DES ignores them). */
    private static byte[] desKey(byte[] k7) {
        long bits = 0;
        for (byte b : k7) {
            bits = bits << 8 | (b & 0xff);
        }
        byte[] k = new byte[8];
        for (int i = 0; i < 8; i++) {
            k[i] = (byte) (((bits >>> (49 - 7 * i)) & 0x7f) << 1);
        }
        return k;
    }

    private static final byte[] MAGIC1 = ascii("Magic server to client signing constant");
    private static final byte[] MAGIC2 = ascii("Pad to make it do more than one iteration");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** 8.7 GenerateAuthenticatorResponse: "S=" and 40 upper-case hex digits. */
    static String authenticatorResponse(String password, byte[] ntResponse, byte[] peerChallenge,
                                        byte[] authChallenge, String user) throws Exception {
        byte[] hashHash = md4(ntPasswordHash(password));
        MessageDigest sha = MessageDigest.getInstance("SHA-1");
        sha.update(hashHash);
        sha.update(ntResponse);
        sha.update(MAGIC1);
        byte[] digest = sha.digest();
        sha.update(digest);
        sha.update(challengeHash(peerChallenge, authChallenge, user));
        sha.update(MAGIC2);
        return "S=" + HexFormat.of().withUpperCase().formatHex(sha.digest());
    }

    /** RFC 1320 MD4. */
    static byte[] md4(byte[] message) {
        int n = ((message.length + 8) / 64 + 1) * 64;
        byte[] m = Arrays.copyOf(message, n);
        m[message.length] = (byte) 0x80;
        long bits = (long) message.length * 8;
        for (int i = 0; i < 8; i++) {
            m[n - 8 + i] = (byte) (bits >>> (8 * i));
        }
        int a = 0x67452301;
        int b = 0xefcdab89;
        int c = 0x98badcfe;
        int d = 0x10325476;
        int[] x = new int[16];
        for (int off = 0; off < n; off += 64) {
            for (int i = 0; i < 16; i++) {
                int p = off + 4 * i;
                x[i] = (m[p] & 0xff) | (m[p + 1] & 0xff) << 8 | (m[p + 2] & 0xff) << 16 | (m[p + 3] & 0xff) << 24;
            }
            int aa = a;
            int bb = b;
            int cc = c;
            int dd = d;
            int[] s1 = {3, 7, 11, 19};
            for (int i = 0; i < 16; i++) {
                int f = (b & c) | (~b & d);
                int t = Integer.rotateLeft(a + f + x[i], s1[i % 4]);
                a = d;
                d = c;
                c = b;
                b = t;
            }
            int[] s2 = {3, 5, 9, 13};
            int[] o2 = {0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15};
            for (int i = 0; i < 16; i++) {
                int g = (b & c) | (b & d) | (c & d);
                int t = Integer.rotateLeft(a + g + x[o2[i]] + 0x5a827999, s2[i % 4]);
                a = d;
                d = c;
                c = b;
                b = t;
            }
            int[] s3 = {3, 9, 11, 15};
            int[] o3 = {0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15};
            for (int i = 0; i < 16; i++) {
                int h = b ^ c ^ d;
                int t = Integer.rotateLeft(a + h + x[o3[i]] + 0x6ed9eba1, s3[i % 4]);
                a = d;
                d = c;
                c = b;
                b = t;
            }
            a += aa;
            b += bb;
            c += cc;
            d += dd;
        }
        byte[] out = new byte[16];
        int[] abcd = {a, b, c, d};
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                out[4 * i + j] = (byte) (abcd[i] >>> (8 * j));
            }
        }
        return out;
    }
}
