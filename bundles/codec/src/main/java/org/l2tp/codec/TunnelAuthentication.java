package org.l2tp.codec;

import java.security.MessageDigest;

/**
 * Tunnel authentication (RFC 2661 section 4.2, after CHAP): the Challenge Response is MD5 over the message type of
 * the message carrying the response as one octet (2 in an SCCRP, 3 in an SCCCN), the shared secret, and the
 * challenge the peer sent.
 */
public final class TunnelAuthentication {
    /** The length of a Challenge Response value. */
    public static final int RESPONSE_LENGTH = 16;

    private TunnelAuthentication() {
    }

    /** The Challenge Response to put in a message of type {@code carrier}. */
    public static byte[] response(MessageType carrier, byte[] secret, byte[] challenge) {
        MessageDigest md5 = AvpHiding.md5();
        md5.update((byte) carrier.code());
        md5.update(secret);
        md5.update(challenge);
        return md5.digest();
    }

    /** Whether {@code received} is the right response, compared in constant time. */
    public static boolean verify(MessageType carrier, byte[] secret, byte[] challenge, byte[] received) {
        return received != null && MessageDigest.isEqual(response(carrier, secret, challenge), received);
    }
}
