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
 */
public record AuthResult(boolean accepted, String message, String mschapSuccess, String address, String pool,
                         int sessionTimeoutS, int idleTimeoutS) {

    public static AuthResult reject(String message) {
        return new AuthResult(false, message, null, null, null, 0, 0);
    }

    public static AuthResult accept(String message) {
        return new AuthResult(true, message, null, null, null, 0, 0);
    }

    public AuthResult withMschapSuccess(String s) {
        return new AuthResult(accepted, message, s, address, pool, sessionTimeoutS, idleTimeoutS);
    }

    public AuthResult withAddress(String a) {
        return new AuthResult(accepted, message, mschapSuccess, a, pool, sessionTimeoutS, idleTimeoutS);
    }
}
