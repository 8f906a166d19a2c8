package org.l2tp.ppp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.l2tp.api.PeerText;

/** A peer's text in our logs: no forged lines, a bounded length (org.l2tp.api.PeerText, as Wire uses it). */
class PeerTextTest {
    @Test
    void controlCharactersAreQuestionMarksAndLongTextIsCut() {
        assertEquals("alice?INFO forged", PeerText.printable("alice\nINFO forged", 64));
        assertEquals("abc...", PeerText.printable("abcdef", 3));
        assertEquals("abc", PeerText.printable("abc", 3));
        assertEquals("é?", PeerText.printable("é\r", 64), "other characters stay");
    }

    @Test
    void wireCutsAPeersOctetsAtAHundredCharacters() {
        byte[] b = ("x".repeat(150) + "\n").getBytes(StandardCharsets.UTF_8);
        assertEquals("x".repeat(100) + "...", Wire.printable(b, 0, b.length));
        assertEquals("ok?", Wire.printable("ok\u0000"));
    }
}
