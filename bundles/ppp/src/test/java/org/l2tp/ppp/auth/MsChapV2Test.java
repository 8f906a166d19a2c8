package org.l2tp.ppp.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** RFC 2759 section 9.2, every intermediate value. */
class MsChapV2Test {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();
    static final String USER = "User";
    static final String PASSWORD = "clientPass";
    static final byte[] AUTH_CHALLENGE = HEX.parseHex("5B5D7C7D7B3F2F3E3C2C602132262628");
    static final byte[] PEER_CHALLENGE = HEX.parseHex("21402324255E262A28295F2B3A337C7E");
    static final byte[] CHALLENGE = HEX.parseHex("D02E4386BCE91226");
    static final byte[] PASSWORD_HASH = HEX.parseHex("44EBBA8D5312B8D611474411F56989AE");
    static final byte[] PASSWORD_HASH_HASH = HEX.parseHex("41C00C584BD2D91C4017A2A12FA59F3F");
    static final byte[] NT_RESPONSE = HEX.parseHex("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF");
    static final String AUTHENTICATOR_RESPONSE = "S=407A5589115FD0D6209F510FE9C04566932CDA56";

    @Test
    void challengeHash() {
        assertArrayEquals(CHALLENGE, MsChapV2.challengeHash(PEER_CHALLENGE, AUTH_CHALLENGE, USER));
    }

    @Test
    void ntPasswordHash() {
        assertArrayEquals(PASSWORD_HASH, MsChapV2.ntPasswordHash(PASSWORD));
    }

    @Test
    void hashNtPasswordHash() {
        assertArrayEquals(PASSWORD_HASH_HASH, MsChapV2.hashNtPasswordHash(PASSWORD_HASH));
    }

    @Test
    void challengeResponse() {
        assertArrayEquals(NT_RESPONSE, MsChapV2.challengeResponse(CHALLENGE, PASSWORD_HASH));
    }

    @Test
    void generateNtResponse() {
        assertArrayEquals(NT_RESPONSE, MsChapV2.generateNtResponse(AUTH_CHALLENGE, PEER_CHALLENGE, USER, PASSWORD));
        assertArrayEquals(NT_RESPONSE,
                MsChapV2.generateNtResponseFromHash(AUTH_CHALLENGE, PEER_CHALLENGE, USER, PASSWORD_HASH));
    }

    @Test
    void generateAuthenticatorResponse() {
        assertEquals(AUTHENTICATOR_RESPONSE, MsChapV2.generateAuthenticatorResponse(PASSWORD, NT_RESPONSE,
                PEER_CHALLENGE, AUTH_CHALLENGE, USER));
        assertEquals(AUTHENTICATOR_RESPONSE, MsChapV2.generateAuthenticatorResponseFromHash(PASSWORD_HASH,
                NT_RESPONSE, PEER_CHALLENGE, AUTH_CHALLENGE, USER));
    }

    @Test
    void checkAuthenticatorResponse() {
        assertTrue(MsChapV2.checkAuthenticatorResponse(PASSWORD, NT_RESPONSE, PEER_CHALLENGE, AUTH_CHALLENGE, USER,
                AUTHENTICATOR_RESPONSE));
        assertTrue(MsChapV2.checkAuthenticatorResponse(PASSWORD, NT_RESPONSE, PEER_CHALLENGE, AUTH_CHALLENGE, USER,
                "S=407a5589115fd0d6209f510fe9c04566932cda56"));
        assertFalse(MsChapV2.checkAuthenticatorResponse("serverPass", NT_RESPONSE, PEER_CHALLENGE, AUTH_CHALLENGE,
                USER, AUTHENTICATOR_RESPONSE));
        assertFalse(MsChapV2.checkAuthenticatorResponse(PASSWORD, NT_RESPONSE, PEER_CHALLENGE, AUTH_CHALLENGE, USER,
                "S=407A5589115FD0D6209F510FE9C04566932CDA57"));
        assertFalse(MsChapV2.checkAuthenticatorResponse(PASSWORD, NT_RESPONSE, PEER_CHALLENGE, AUTH_CHALLENGE, USER,
                "S=407A"));
        assertFalse(MsChapV2.checkAuthenticatorResponse(PASSWORD, NT_RESPONSE, PEER_CHALLENGE, AUTH_CHALLENGE, USER,
                null));
    }

    @Test
    void theDomainIsNotHashed() {
        assertEquals("User", MsChapV2.userName("BIGCO\\User"));
        assertEquals("User", MsChapV2.userName("User"));
        assertArrayEquals(NT_RESPONSE, MsChapV2.generateNtResponse(AUTH_CHALLENGE, PEER_CHALLENGE,
                MsChapV2.userName("BIGCO\\User"), PASSWORD));
    }

    @Test
    void desKeyTakesSevenBitsPerByteWithOddParity() {
        byte[] key = MsChapV2.desKey(HEX.parseHex("FFFFFFFFFFFFFF"), 0);
        assertArrayEquals(HEX.parseHex("FEFEFEFEFEFEFEFE"), key);
        key = MsChapV2.desKey(HEX.parseHex("00000000000000"), 0);
        assertArrayEquals(HEX.parseHex("0101010101010101"), key);
        // 0x80 then zeros: the top bit lands in the first byte's top bit.
        assertArrayEquals(HEX.parseHex("8001010101010101"), MsChapV2.desKey(HEX.parseHex("80000000000000"), 0));
    }
}
