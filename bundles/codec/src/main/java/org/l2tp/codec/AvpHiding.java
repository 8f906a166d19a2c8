package org.l2tp.codec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Hiding of AVP values (RFC 2661 section 4.3). The hidden sub-format is Original Length (2 octets), the original
 * value, then optional padding; it is XORed, 16 octets at a time, with b(1) = MD5(attribute type || secret ||
 * random vector) and b(i) = MD5(secret || c(i-1)), where c is the ciphertext of the previous block.
 */
final class AvpHiding {
    private static final int BLOCK = 16;

    private AvpHiding() {
    }

    /**
     * Hides {@code plain} in place in {@code buf[off, off + len)}, which already holds the sub-format (original
     * length, value, padding).
     */
    static void hide(int attributeType, byte[] secret, byte[] randomVector, byte[] buf, int off, int len) {
        MessageDigest md5 = md5();
        byte[] b = firstBlockKey(md5, attributeType, secret, randomVector);
        for (int pos = 0; pos < len; pos += BLOCK) {
            int n = Math.min(BLOCK, len - pos);
            for (int i = 0; i < n; i++) {
                buf[off + pos + i] ^= b[i];
            }
            if (pos + BLOCK < len) {
                md5.update(secret);
                md5.update(buf, off + pos, BLOCK);
                b = md5.digest();
            }
        }
    }

    /** Reveals the hidden sub-format of {@code cipher[off, off + len)} into a new array of {@code len} octets. */
    static byte[] reveal(int attributeType, byte[] secret, byte[] randomVector, byte[] cipher, int off, int len) {
        MessageDigest md5 = md5();
        byte[] plain = new byte[len];
        byte[] b = firstBlockKey(md5, attributeType, secret, randomVector);
        for (int pos = 0; pos < len; pos += BLOCK) {
            int n = Math.min(BLOCK, len - pos);
            for (int i = 0; i < n; i++) {
                plain[pos + i] = (byte) (cipher[off + pos + i] ^ b[i]);
            }
            if (pos + BLOCK < len) {
                md5.update(secret);
                md5.update(cipher, off + pos, BLOCK);
                b = md5.digest();
            }
        }
        return plain;
    }

    private static byte[] firstBlockKey(MessageDigest md5, int attributeType, byte[] secret, byte[] randomVector) {
        md5.update((byte) (attributeType >>> 8));
        md5.update((byte) attributeType);
        md5.update(secret);
        md5.update(randomVector);
        return md5.digest();
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
    }
}
