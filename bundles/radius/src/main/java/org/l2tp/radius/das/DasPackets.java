package org.l2tp.radius.das;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The checks on a Disconnect-Request or CoA-Request that aaa4j does not make for these codes. All comparisons in
 * constant time.
 */
final class DasPackets {
    static final int HEADER = 20;
    static final int MESSAGE_AUTHENTICATOR = 80;
    /** No attribute. */
    static final int ABSENT = -1;
    /** The attributes do not add up to the packet's length. */
    static final int MALFORMED = -2;

    private DasPackets() {
    }

    /**
     * RFC 5176 section 2.3: the Request Authenticator is computed as for an Accounting-Request (RFC 2866 section
     * 3): MD5(Code + Identifier + Length + 16 zero octets + Attributes + Secret).
     */
    static boolean requestAuthenticatorValid(byte[] packet, byte[] secret) {
        byte[] copy = packet.clone();
        Arrays.fill(copy, 4, HEADER, (byte) 0);
        MessageDigest md5 = md5();
        md5.update(copy);
        md5.update(secret);
        return MessageDigest.isEqual(md5.digest(), Arrays.copyOfRange(packet, 4, HEADER));
    }

    /**
     * Where the Message-Authenticator attribute starts, {@link #ABSENT}, or {@link #MALFORMED} when the attributes
     * do not fit the packet (or a Message-Authenticator is not 16 octets long).
     */
    static int messageAuthenticatorOffset(byte[] packet) {
        int found = ABSENT;
        int p = HEADER;
        while (p < packet.length) {
            if (p + 2 > packet.length) {
                return MALFORMED;
            }
            int len = packet[p + 1] & 0xff;
            if (len < 2 || p + len > packet.length) {
                return MALFORMED;
            }
            if ((packet[p] & 0xff) == MESSAGE_AUTHENTICATOR) {
                if (len != 18 || found != ABSENT) {
                    return MALFORMED;
                }
                found = p;
            }
            p += len;
        }
        return found;
    }

    /**
     * RFC 5176 section 3.1 with RFC 3579 section 3.2: in these requests the Message-Authenticator is HMAC-MD5 over
     * the packet with the Request Authenticator and the Message-Authenticator's value both zeroed.
     */
    static boolean messageAuthenticatorValid(byte[] packet, int offset, byte[] secret) {
        byte[] copy = packet.clone();
        Arrays.fill(copy, 4, HEADER, (byte) 0);
        Arrays.fill(copy, offset + 2, offset + 18, (byte) 0);
        Mac hmac;
        try {
            hmac = Mac.getInstance("HmacMD5");
            hmac.init(new SecretKeySpec(secret, "HmacMD5"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-MD5 is not available", e);
        }
        return MessageDigest.isEqual(hmac.doFinal(copy), Arrays.copyOfRange(packet, offset + 2, offset + 18));
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }
}
