package org.l2tp.ppp.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.l2tp.api.aaa.AuthMethod;
import org.l2tp.api.aaa.AuthRequest;
import org.l2tp.api.aaa.AuthResult;
import org.l2tp.ppp.auth.ChapMd5;

class LocalUsersTest {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private static AuthResult ask(LocalUsers u, AuthMethod m, String user, int id, byte[] challenge, byte[] response) {
        return u.authenticate(new AuthRequest(m, user, id, challenge, response, null)).toCompletableFuture().join();
    }

    private static AuthResult pap(LocalUsers u, String user, String password) {
        return ask(u, AuthMethod.PAP, user, 0, new byte[0], password.getBytes(StandardCharsets.UTF_8));
    }

    private static LocalUsers rfc2759User() {
        LocalUsers u = new LocalUsers();
        u.update(List.of(new User("User", "clientPass", "192.0.2.9")));
        return u;
    }

    /** The Response value of RFC 2759 9.2: Peer-Challenge, 8 zeros, NT-Response, flags 0. */
    private static byte[] rfc2759Response() {
        byte[] r = new byte[49];
        System.arraycopy(HEX.parseHex("21402324255E262A28295F2B3A337C7E"), 0, r, 0, 16);
        System.arraycopy(HEX.parseHex("82309ECD8D708B5EA08FAA3981CD83544233114A3D85D6DF"), 0, r, 24, 24);
        return r;
    }

    private static final byte[] RFC2759_CHALLENGE = HEX.parseHex("5B5D7C7D7B3F2F3E3C2C602132262628");

    @Test
    void mschapV2WithTheRfc2759Vector() {
        AuthResult r = ask(rfc2759User(), AuthMethod.MSCHAP_V2, "User", 7, RFC2759_CHALLENGE, rfc2759Response());
        assertTrue(r.accepted());
        assertEquals("S=407A5589115FD0D6209F510FE9C04566932CDA56", r.mschapSuccess());
        assertEquals("192.0.2.9", r.address());
        AuthResult domain = ask(rfc2759User(), AuthMethod.MSCHAP_V2, "BIGCO\\User", 7, RFC2759_CHALLENGE,
                rfc2759Response());
        assertTrue(domain.accepted());
        assertEquals("S=407A5589115FD0D6209F510FE9C04566932CDA56", domain.mschapSuccess());
        byte[] tampered = rfc2759Response();
        tampered[30] ^= 1;
        AuthResult bad = ask(rfc2759User(), AuthMethod.MSCHAP_V2, "User", 7, RFC2759_CHALLENGE, tampered);
        assertFalse(bad.accepted());
        assertNull(bad.mschapSuccess());
        assertFalse(ask(rfc2759User(), AuthMethod.MSCHAP_V2, "User", 7, new byte[8], rfc2759Response()).accepted());
        assertFalse(ask(rfc2759User(), AuthMethod.MSCHAP_V2, "User", 7, RFC2759_CHALLENGE, new byte[48]).accepted());
    }

    @Test
    void chapMd5() {
        LocalUsers u = rfc2759User();
        byte[] challenge = HEX.parseHex("00112233445566778899AABBCCDDEEFF00");
        assertTrue(ask(u, AuthMethod.CHAP_MD5, "User", 42, challenge, ChapMd5.response(42, "clientPass", challenge))
                .accepted());
        assertFalse(ask(u, AuthMethod.CHAP_MD5, "User", 43, challenge, ChapMd5.response(42, "clientPass", challenge))
                .accepted(), "the Identifier is part of the hash");
        assertFalse(ask(u, AuthMethod.CHAP_MD5, "User", 42, challenge, new byte[3]).accepted());
    }

    @Test
    void papAndTheSameWordsForEveryRefusal() {
        LocalUsers u = rfc2759User();
        AuthResult ok = pap(u, "User", "clientPass");
        assertTrue(ok.accepted());
        assertEquals("192.0.2.9", ok.address());
        AuthResult wrong = pap(u, "User", "clientPasS");
        AuthResult unknown = pap(u, "Nobody", "clientPass");
        AuthResult prefix = pap(u, "User", "clientPas");
        assertFalse(wrong.accepted() || unknown.accepted() || prefix.accepted());
        assertEquals("authentication failed", wrong.message());
        assertEquals(wrong, unknown);
        assertEquals(wrong, prefix);
    }

    @Test
    void updateReplacesEverythingAtOnceAndTheLaterDuplicateWins() {
        LocalUsers u = new LocalUsers();
        u.update(List.of(new User("a", "one", null), new User("b", "two", null), new User("a", "three", "10.1.1.1")));
        assertFalse(pap(u, "a", "one").accepted());
        assertEquals("10.1.1.1", pap(u, "a", "three").address());
        assertTrue(pap(u, "b", "two").accepted());
        u.update(List.of(new User("c", "four", null)));
        assertFalse(pap(u, "b", "two").accepted());
        assertTrue(pap(u, "c", "four").accepted());
        assertEquals(1, u.users().size());
    }

    @Test
    void userValidation() {
        assertEquals("10.0.0.1", User.from(Map.of("name", " n ", "password", "p", "address", " 10.0.0.1 ")).address());
        assertEquals("n", User.from(Map.of("name", " n ", "password", "p")).name());
        assertNull(User.from(Map.of("name", "n", "password", "p", "address", "")).address());
        for (String bad : List.of("10.0.0", "10.0.0.256", "10.0.0.01", "a.b.c.d", "::1", "10.0.0.1.2", "-1.0.0.0")) {
            assertThrows(IllegalArgumentException.class,
                    () -> User.from(Map.of("name", "n", "password", "p", "address", bad)), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> User.from(Map.of("name", "n")));
        assertThrows(IllegalArgumentException.class, () -> User.from(Map.of("password", "p")));
        assertThrows(IllegalArgumentException.class, () -> User.from(Map.of("name", "n", "password", "")));
        assertThrows(IllegalArgumentException.class, () -> User.from(Map.of("name", "x".repeat(256),
                "password", "p")));
    }

    @Test
    void componentsFeedTheTableAndInvalidOnesAreIgnored() {
        LocalUsers u = new LocalUsers();
        UserComponent alice = component(Map.of("name", "alice", "password", "pw1", "address", "10.0.0.5"));
        UserComponent broken = component(Map.of("name", "bob", "password", "pw2", "address", "not-an-address"));
        alice.bindTable(u);
        broken.bindTable(u);
        assertEquals("10.0.0.5", pap(u, "alice", "pw1").address());
        assertFalse(pap(u, "bob", "pw2").accepted());
        assertEquals(1, u.users().size());

        // a duplicate configured later wins; removing it brings the first back
        UserComponent alice2 = component(Map.of("name", "alice", "password", "pw3"));
        alice2.bindTable(u);
        assertFalse(pap(u, "alice", "pw1").accepted());
        assertTrue(pap(u, "alice", "pw3").accepted());
        alice2.deactivate();
        assertTrue(pap(u, "alice", "pw1").accepted());

        // a modification applies at once; an invalid modification keeps the last good one
        alice.configure(new HashMap<>(Map.of("name", "alice", "password", "pw4")));
        assertTrue(pap(u, "alice", "pw4").accepted());
        assertNull(pap(u, "alice", "pw4").address());
        alice.configure(new HashMap<>(Map.of("name", "alice")));
        assertTrue(pap(u, "alice", "pw4").accepted());

        // a new table (LocalUsers restarted) gets the last good user at bind; the old one is left alone
        LocalUsers restarted = new LocalUsers();
        alice.unbindTable(u);
        alice.bindTable(restarted);
        assertTrue(pap(restarted, "alice", "pw4").accepted());
        alice.configure(new HashMap<>(Map.of("name", "alice", "password", "pw5")));
        assertTrue(pap(restarted, "alice", "pw5").accepted());
        assertTrue(pap(u, "alice", "pw4").accepted(), "an unbound table hears no more");

        alice.deactivate();
        assertFalse(pap(restarted, "alice", "pw5").accepted());
        assertTrue(restarted.users().isEmpty());
        assertFalse(alice.toString().contains("pw5"));
    }

    @Test
    void aComponentBoundBeforeActivationIsAddedAtActivation() {
        // DS binds references before it activates the component.
        LocalUsers u = new LocalUsers();
        UserComponent c = new UserComponent();
        c.bindTable(u);
        assertTrue(u.users().isEmpty());
        c.configure(new HashMap<>(Map.of("name", "dave", "password", "pw")));
        assertTrue(pap(u, "dave", "pw").accepted());
    }

    @Test
    void anInvalidFirstConfigurationAddsNobody() {
        LocalUsers u = new LocalUsers();
        UserComponent c = component(Map.of("name", "erin"));
        c.bindTable(u);
        assertTrue(u.users().isEmpty());
        c.configure(new HashMap<>(Map.of("name", "erin", "password", "pw")));
        assertTrue(pap(u, "erin", "pw").accepted());
    }

    private static UserComponent component(Map<String, Object> props) {
        UserComponent c = new UserComponent();
        c.configure(new HashMap<>(props));
        return c;
    }
}
