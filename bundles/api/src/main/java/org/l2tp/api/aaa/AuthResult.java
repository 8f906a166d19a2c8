package org.l2tp.api.aaa;

/**
 * The answer to an {@link AuthRequest}.
 *
 * @param accepted         whether the peer may connect
 * @param message          a text for the peer (PAP/CHAP message) and the log; never a secret; may be null
 * @param mschapSuccess    MS-CHAPv2 only: the 42-character "S=..." authenticator response (RFC 2759 section 5),
 *                         else null
 * @param address          a fixed IPv4 address for the peer (text), or null to take one from the pool
 * @param pool             a pool name to take the address from, or null for the profile's
 * @param sessionTimeoutS  seconds after which the session ends, or 0 for none
 * @param idleTimeoutS     seconds without traffic after which the session ends, or 0 for none
 * @param mtu              the largest MTU for the session's interface (RADIUS Framed-MTU), or 0 for the profile's
 * @param interfaceId      the peer's IPv6 interface identifier (RADIUS Framed-Interface-Id), or 0 for none
 * @param ipv6Prefix       an IPv6 prefix for the peer ("2001:db8:1::/64", RADIUS Framed-IPv6-Prefix), or null
 */
public record AuthResult(boolean accepted, String message, String mschapSuccess, String address, String pool,
                         int sessionTimeoutS, int idleTimeoutS, int mtu, long interfaceId, String ipv6Prefix) {

    /**
     * {@link #address} meaning "the peer may ask for any address" (RFC 2865 section 5.8, Framed-IP-Address
     * 255.255.255.255). Framed-IP-Address 255.255.255.254 ("the NAS assigns") is a null address: the pool's. The
     * in-process engine serves this one as the pool's too (a peer's own choice could take a server's or another
     * subscriber's address).
     */
    public static final String PEER_CHOOSES = "255.255.255.255";

    /** 0.1.0's shape: no MTU, interface identifier or prefix. */
    public AuthResult(boolean accepted, String message, String mschapSuccess, String address, String pool,
                      int sessionTimeoutS, int idleTimeoutS) {
        this(accepted, message, mschapSuccess, address, pool, sessionTimeoutS, idleTimeoutS, 0, 0, null);
    }

    public static AuthResult reject(String message) {
        return new AuthResult(false, message, null, null, null, 0, 0);
    }

    public static AuthResult accept(String message) {
        return new AuthResult(true, message, null, null, null, 0, 0);
    }

    public AuthResult withMschapSuccess(String s) {
        return new AuthResult(accepted, message, s, address, pool, sessionTimeoutS, idleTimeoutS, mtu, interfaceId,
                ipv6Prefix);
    }

    public AuthResult withAddress(String a) {
        return new AuthResult(accepted, message, mschapSuccess, a, pool, sessionTimeoutS, idleTimeoutS, mtu,
                interfaceId, ipv6Prefix);
    }
}
