package org.l2tp.api.aaa;

/**
 * What a peer presented, as it arrived, so that a RADIUS client can forward it unchanged (RFC 2865 User-Password
 * and CHAP-Password, RFC 2548 MS-CHAP-Challenge and MS-CHAP2-Response).
 *
 * @param method    the protocol
 * @param user      the name the peer gave (PAP Peer-ID, CHAP/MS-CHAPv2 Name)
 * @param id        the CHAP/MS-CHAPv2 Identifier (0 for PAP)
 * @param challenge our challenge: 16 bytes for MS-CHAPv2, any length for CHAP, empty for PAP
 * @param response  PAP: the password; CHAP: the 16-byte MD5 value; MS-CHAPv2: the 49-byte Response field
 *                  (Peer-Challenge 16, reserved 8, NT-Response 24, Flags 1; RFC 2759 section 4)
 * @param session   the call this is for
 */
public record AuthRequest(AuthMethod method, String user, int id, byte[] challenge, byte[] response,
                          SessionContext session) {
    public AuthRequest {
        challenge = challenge.clone();
        response = response.clone();
    }

    @Override
    public byte[] challenge() {
        return challenge.clone();
    }

    @Override
    public byte[] response() {
        return response.clone();
    }

    /**
     * Never shows the response (a PAP response is a password); the peer's name with control characters as '?' and
     * at most 64 characters, so that it cannot forge log lines.
     */
    @Override
    public String toString() {
        return "AuthRequest[" + method.key() + " user " + org.l2tp.api.PeerText.printable(user == null ? "" : user, 64)
                + "]";
    }
}
