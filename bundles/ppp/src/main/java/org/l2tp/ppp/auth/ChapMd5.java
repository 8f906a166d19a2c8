package org.l2tp.ppp.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The CHAP response with MD5 (RFC 1994 section 4.1, algorithm 5 in the LCP option of section 3). */
public final class ChapMd5 {
    /** The CHAP algorithm number of MD5 in the LCP Authentication-Protocol option. */
    public static final int CHAP_ALGORITHM = 5;
    /** Length of the response value. */
    public static final int VALUE_LENGTH = 16;

    private ChapMd5() {
    }

    /** MD5(Identifier | secret | Challenge), the secret as UTF-8. */
    public static byte[] response(int id, String secret, byte[] challenge) {
        return response(id, secret.getBytes(StandardCharsets.UTF_8), challenge);
    }

    /** MD5(Identifier | secret | Challenge). */
    public static byte[] response(int id, byte[] secret, byte[] challenge) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update((byte) id);
            md5.update(secret);
            md5.update(challenge);
            return md5.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }
}
