package org.l2tp.ppp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class ChapMd5Test {
    @Test
    void md5OfIdentifierSecretChallenge() {
        // python3 -c "import hashlib; print(hashlib.md5(b'\x01'+b'secret'+bytes(range(16))).hexdigest())"
        byte[] challenge = new byte[16];
        for (int i = 0; i < 16; i++) {
            challenge[i] = (byte) i;
        }
        assertEquals("740e86463bda3a4d7017d6e0fba0699d",
                HexFormat.of().formatHex(ChapMd5.response(1, "secret", challenge)));
    }

    @Test
    void identifierIsOneOctetAndSecretIsUtf8() {
        // printf '\xc8p\xc3\xa4ss\xaa\xbb\xcc' | openssl md5  -> id 200, secret "päss", challenge AA BB CC
        byte[] challenge = HexFormat.of().parseHex("aabbcc");
        assertEquals("2e992d8171b0f94fca3a95f77bdad59a",
                HexFormat.of().formatHex(ChapMd5.response(200, "p\u00e4ss", challenge)));
    }
}
