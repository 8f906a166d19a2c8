package org.l2tp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SessionRefTest {

    @Test
    void parsesAndPrintsTunnelSlashSession() {
        SessionRef r = SessionRef.parse("12/7");
        assertEquals(new SessionRef(12, 7), r);
        assertEquals("12/7", r.toString());
        assertEquals(r, SessionRef.parse(r.toString()));
        assertEquals(new SessionRef(65535, 1), SessionRef.parse("65535/1"));
        assertEquals(new SessionRef(1, 2), SessionRef.parse("001/0002"));
    }

    @Test
    void refusesEverythingElse() {
        for (String bad : new String[] {"", "/", "12", "12/", "/7", "12/7/1", "a/7", "12/b", "0/7", "12/0",
            "65536/1", "1/65536", "-1/7", "+1/7", "12 /7", "1e3/7", "99999999999/1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionRef.parse(bad),
                    bad);
            assertEquals("\"" + bad + "\" is not TUNNEL/SESSION such as 12/7", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new SessionRef(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SessionRef(1, 70000));
    }

    @Test
    void matchesItsSession() {
        FakeL2tpService l2tp = new FakeL2tpService();
        assertTrue(new SessionRef(5, 7).matches(l2tp.session(5, 7, 1)));
        assertFalse(new SessionRef(5, 7).matches(l2tp.session(6, 7, 1)));
        assertEquals(new SessionRef(6, 7), SessionRef.of(l2tp.sessions.get(1)));
    }

    @Test
    void numbers() {
        assertEquals(42, Numbers.parse("42", 0, 255));
        assertEquals(0, Numbers.parse("0", 0, 255));
        assertEquals(-1, Numbers.parse("256", 0, 255));
        assertEquals(-1, Numbers.parse("", 0, 255));
        assertEquals(-1, Numbers.parse(null, 0, 255));
        assertEquals(-1, Numbers.parse("\u0661", 0, 255), "ASCII digits only");
        assertEquals(-1, Numbers.id("0"));
        assertEquals(65535, Numbers.id("65535"));
    }
}
