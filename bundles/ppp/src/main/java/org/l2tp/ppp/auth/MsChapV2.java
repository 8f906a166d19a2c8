package org.l2tp.ppp.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * The MS-CHAPv2 functions of RFC 2759 section 8, with its names. User names are the account name without a
 * Windows domain (see {@link #userName}); passwords are Java strings, hashed as UTF-16LE ("Unicode", RFC 2759 8.3).
 */
public final class MsChapV2 {
    /** The CHAP algorithm number of MS-CHAPv2 in the LCP Authentication-Protocol option (RFC 2759 section 2). */
    public static final int CHAP_ALGORITHM = 0x81;
    /** Length of the authenticator and peer challenges. */
    public static final int CHALLENGE_LENGTH = 16;
    /** Length of the Response packet's Value: Peer-Challenge 16, Reserved 8, NT-Response 24, Flags 1 (section 4). */
    public static final int RESPONSE_LENGTH = 49;
    /** Length of the NT-Response. */
    public static final int NT_RESPONSE_LENGTH = 24;
    /** Offset of the NT-Response in the Response Value. */
    public static final int NT_RESPONSE_OFFSET = 24;

    // RFC 2759 8.7: the two constants of GenerateAuthenticatorResponse, as ASCII.
    private static final byte[] MAGIC1 = "Magic server to client signing constant".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MAGIC2 = "Pad to make it do more than one iteration"
            .getBytes(StandardCharsets.US_ASCII);

    private MsChapV2() {
    }

    /**
     * The account name used in the hashes: the Name field without a "DOMAIN\" prefix (RFC 2759 section 4: "only the
     * user name is used, without any associated Windows NT domain name").
     */
    public static String userName(String name) {
        int i = name.lastIndexOf('\\');
        return i < 0 ? name : name.substring(i + 1);
    }

    /** RFC 2759 8.2: the first 8 bytes of SHA1(PeerChallenge | AuthenticatorChallenge | UserName). */
    public static byte[] challengeHash(byte[] peerChallenge, byte[] authenticatorChallenge, String userName) {
        MessageDigest sha = sha1();
        sha.update(peerChallenge);
        sha.update(authenticatorChallenge);
        sha.update(userName.getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(sha.digest(), 8);
    }

    /** RFC 2759 8.3: MD4 of the password in UTF-16LE. */
    public static byte[] ntPasswordHash(String password) {
        return Md4.digest(password.getBytes(StandardCharsets.UTF_16LE));
    }

    /** RFC 2759 8.4: MD4 of the password hash. */
    public static byte[] hashNtPasswordHash(byte[] passwordHash) {
        return Md4.digest(passwordHash);
    }

    /** RFC 2759 8.1: the 24-byte NT-Response. */
    public static byte[] generateNtResponse(byte[] authenticatorChallenge, byte[] peerChallenge, String userName,
                                            String password) {
        return generateNtResponseFromHash(authenticatorChallenge, peerChallenge, userName, ntPasswordHash(password));
    }

    /** RFC 2759 8.1 from the NT password hash instead of the password. */
    public static byte[] generateNtResponseFromHash(byte[] authenticatorChallenge, byte[] peerChallenge,
                                                    String userName, byte[] passwordHash) {
        return challengeResponse(challengeHash(peerChallenge, authenticatorChallenge, userName), passwordHash);
    }

    /**
     * RFC 2759 8.5: the 8-byte challenge encrypted with DES under the three 7-byte thirds of the password hash
     * padded with zeros to 21 bytes.
     */
    public static byte[] challengeResponse(byte[] challenge, byte[] passwordHash) {
        byte[] zPasswordHash = Arrays.copyOf(passwordHash, 21);
        byte[] response = new byte[NT_RESPONSE_LENGTH];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(desEncrypt(challenge, zPasswordHash, 7 * i), 0, response, 8 * i, 8);
        }
        Arrays.fill(zPasswordHash, (byte) 0);
        return response;
    }

    /**
     * RFC 2759 8.7: "S=" and the 20-byte authenticator response as 40 uppercase hexadecimal digits (section 5 wants
     * A-F uppercase).
     */
    public static String generateAuthenticatorResponse(String password, byte[] ntResponse, byte[] peerChallenge,
                                                       byte[] authenticatorChallenge, String userName) {
        return generateAuthenticatorResponseFromHash(ntPasswordHash(password), ntResponse, peerChallenge,
                authenticatorChallenge, userName);
    }

    /** RFC 2759 8.7 from the NT password hash instead of the password. */
    public static String generateAuthenticatorResponseFromHash(byte[] passwordHash, byte[] ntResponse,
                                                               byte[] peerChallenge, byte[] authenticatorChallenge,
                                                               String userName) {
        byte[] passwordHashHash = hashNtPasswordHash(passwordHash);
        MessageDigest sha = sha1();
        sha.update(passwordHashHash);
        sha.update(ntResponse);
        sha.update(MAGIC1);
        byte[] digest = sha.digest();
        sha.update(digest);
        sha.update(challengeHash(peerChallenge, authenticatorChallenge, userName));
        sha.update(MAGIC2);
        digest = sha.digest();
        return "S=" + HexFormat.of().withUpperCase().formatHex(digest);
    }

    /**
     * RFC 2759 8.8: whether {@code receivedResponse} (the "S=..." of a Success message) is the one the authenticator
     * computes only if it knows our password. Compared in constant time; hex digits in either case are accepted.
     */
    public static boolean checkAuthenticatorResponse(String password, byte[] ntResponse, byte[] peerChallenge,
                                                     byte[] authenticatorChallenge, String userName,
                                                     String receivedResponse) {
        if (receivedResponse == null) {
            return false;
        }
        String expected = generateAuthenticatorResponse(password, ntResponse, peerChallenge, authenticatorChallenge,
                userName);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                receivedResponse.toUpperCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** RFC 2759 8.6: DES-encrypts 8 bytes with the 7-byte key at {@code key[off]}. */
    private static byte[] desEncrypt(byte[] clear, byte[] key, int off) {
        try {
            Cipher des = Cipher.getInstance("DES/ECB/NoPadding");
            des.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(desKey(key, off), "DES"));
            return des.doFinal(clear, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("DES is not available", e);
        }
    }

    /**
     * Spreads 56 key bits over 8 bytes, 7 bits each in the high bits, with odd parity in the low bit (the DES key
     * layout of FIPS 46; DES ignores the parity bits).
     */
    static byte[] desKey(byte[] k, int off) {
        long bits = 0;
        for (int i = 0; i < 7; i++) {
            bits = bits << 8 | k[off + i] & 0xff;
        }
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            int seven = (int) (bits >>> 49 - 7 * i) & 0x7f;
            int b = seven << 1;
            out[i] = (byte) (Integer.bitCount(b) % 2 == 0 ? b | 1 : b);
        }
        return out;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }
}
