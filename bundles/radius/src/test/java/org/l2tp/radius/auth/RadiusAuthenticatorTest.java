package org.l2tp.radius.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.aaa4j.radius.core.attribute.Attribute;
import org.aaa4j.radius.core.attribute.VsaData;
import org.aaa4j.radius.core.attribute.attributes.VendorSpecific;
import org.aaa4j.radius.core.packet.Packet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2tp.api.aaa.AuthMethod;
import org.l2tp.api.aaa.AuthRequest;
import org.l2tp.api.aaa.AuthResult;
import org.l2tp.api.aaa.SessionContext;
import org.l2tp.radius.AcceptedSessions;
import org.l2tp.radius.FakeRadiusServer;
import org.l2tp.radius.FreeRadius;
import org.l2tp.radius.NasSettings;
import org.l2tp.radius.client.RadiusServer;
import org.l2tp.radius.client.UdpTransport;

/**
 * PAP, CHAP and MS-CHAPv2 against FreeRADIUS's users file (its pap, chap and mschap modules decide), the reply
 * mapped to an AuthResult, Class and Acct-Interim-Interval kept for accounting; the request's attributes as
 * FreeRADIUS and a fake server read them.
 */
class RadiusAuthenticatorTest {
    private static final long WAIT_MS = 20_000;
    private static final SessionContext CALL = new SessionContext(7, 9, 42, "0123", "4567", "192.0.2.1",
            "192.0.2.2", "default", "lac1", "lns1");
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path dir;
    static FreeRadius fr;

    private UdpTransport transport;
    private final AcceptedSessions accepted = new AcceptedSessions();
    private NasSettings nas = NasSettings.from(Map.of("nas.identifier", "lns-test"));

    @BeforeAll
    static void start() throws Exception {
        fr = FreeRadius.in(dir.resolve("fr")).name("auth")
                .user("alice", "secret", "Framed-IP-Address = 10.1.2.3", "Session-Timeout = 3600",
                        "Idle-Timeout = 600", "Framed-MTU = 1400", "Framed-Pool = \"gold\"", "Class += \"c1\"",
                        "Class += \"c2\"", "Acct-Interim-Interval = 300", "Reply-Message = \"Welcome\"",
                        "Framed-Interface-Id = 0:0:0:1", "Framed-IPv6-Prefix = 2001:db8:1::/64",
                        "Cisco-AVPair = \"ignored=yes\"", "Filter-Id = \"ignored\"")
                .user("pool", "pw", "Framed-IP-Address = 255.255.255.254")
                .user("anyaddr", "pw", "Framed-IP-Address = 255.255.255.255")
                .user("User", "clientPass")
                .user("bob", "b0b pässword", "Framed-IP-Address = 10.9.9.9")
                .user("chal", "pw", "Reply-Message = \"more?\"")
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        fr.close();
    }

    @AfterEach
    void closeTransport() {
        if (transport != null) {
            transport.close();
        }
    }

    private RadiusAuthenticator authenticator(RadiusServer... servers) throws Exception {
        transport = new UdpTransport();
        transport.configure(List.of(servers), null);
        return new RadiusAuthenticator(transport, () -> nas, accepted);
    }

    private RadiusAuthenticator freeRadius() throws Exception {
        return authenticator(new RadiusServer("fr", FreeRadius.ADDRESS, fr.authPort(), fr.acctPort(),
                FreeRadius.SECRET, 1, 2000, 2, 30));
    }

    private static AuthResult get(RadiusAuthenticator a, AuthRequest r) throws Exception {
        return a.authenticate(r).toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
    }

    static AuthRequest pap(String user, String password) {
        return new AuthRequest(AuthMethod.PAP, user, 0, new byte[0], password.getBytes(StandardCharsets.UTF_8),
                CALL);
    }

    static AuthRequest chap(String user, String password, int id) throws Exception {
        byte[] challenge = new byte[23];
        RANDOM.nextBytes(challenge);
        MessageDigest md5 = MessageDigest.getInstance("MD5"); // RFC 1994 4.1: MD5(Identifier, secret, challenge)
        md5.update((byte) id);
        md5.update(password.getBytes(StandardCharsets.UTF_8));
        md5.update(challenge);
        return new AuthRequest(AuthMethod.CHAP_MD5, user, id, challenge, md5.digest(), CALL);
    }

    /** RFC 2759 4's Response field: Peer-Challenge, 8 reserved, NT-Response, Flags. */
    static AuthRequest mschapv2(String user, int id, byte[] authChallenge, byte[] peerChallenge, byte[] nt) {
        byte[] response = new byte[49];
        System.arraycopy(peerChallenge, 0, response, 0, 16);
        System.arraycopy(nt, 0, response, 24, 24);
        return new AuthRequest(AuthMethod.MSCHAP_V2, user, id, authChallenge, response, CALL);
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    // ------------------------------------------------------------------------------------------------------ PAP

    @Test
    void papAcceptedWithTheReplyMappedAndClassKeptForAccounting() throws Exception {
        AuthResult r = get(freeRadius(), pap("alice", "secret"));
        assertTrue(r.accepted(), r::toString);
        assertEquals("Welcome", r.message());
        assertEquals("10.1.2.3", r.address());
        assertEquals("gold", r.pool());
        assertEquals(3600, r.sessionTimeoutS());
        assertEquals(600, r.idleTimeoutS());
        assertEquals(1400, r.mtu());
        assertEquals(1, r.interfaceId());
        assertEquals("2001:db8:1::/64", r.ipv6Prefix());
        assertNull(r.mschapSuccess());

        AcceptedSessions.Accept a = accepted.take(CALL.port());
        assertNotNull(a);
        assertEquals("alice", a.user());
        assertEquals(List.of("c1", "c2"), a.classes().stream().map(c -> new String(c, StandardCharsets.UTF_8))
                .toList());
        assertEquals(300, a.interimIntervalS());
        assertNull(accepted.take(CALL.port()), "taken once");
    }

    @Test
    void framedAddress254IsOursToPickAnd255IsThePeers() throws Exception {
        RadiusAuthenticator a = freeRadius();
        AuthResult pool = get(a, pap("pool", "pw"));
        assertTrue(pool.accepted());
        assertNull(pool.address());
        AuthResult any = get(a, pap("anyaddr", "pw"));
        assertTrue(any.accepted());
        assertEquals(AuthResult.PEER_CHOOSES, any.address());
    }

    @Test
    void wrongPasswordsAreRejected() throws Exception {
        RadiusAuthenticator a = freeRadius();
        AuthResult r = get(a, pap("alice", "wrong"));
        assertFalse(r.accepted());
        assertNull(r.address(), "a Reject's attributes are not applied");
        assertFalse(get(a, pap("nobody", "secret")).accepted());
        assertFalse(get(a, chap("bob", "wrong", 3)).accepted());
        byte[] ac = new byte[16];
        byte[] pc = new byte[16];
        RANDOM.nextBytes(ac);
        RANDOM.nextBytes(pc);
        AuthResult ms = get(a, mschapv2("bob", 4, ac, pc, Rfc2759.ntResponse(ac, pc, "bob", "wrong")));
        assertFalse(ms.accepted());
        assertNull(ms.mschapSuccess());
        assertNull(accepted.take(CALL.port()), "nothing kept for a Reject");
        fr.awaitLog("Login incorrect", Duration.ofSeconds(5));
    }

    // ----------------------------------------------------------------------------------------------------- CHAP

    @Test
    void chapAccepted() throws Exception {
        AuthResult r = get(freeRadius(), chap("bob", "b0b pässword", 200));
        assertTrue(r.accepted(), r::toString);
        assertEquals("10.9.9.9", r.address());
        fr.awaitLog("Login OK: [bob]", Duration.ofSeconds(5));
    }

    // ------------------------------------------------------------------------------------------------ MS-CHAPv2

    @Test
    void rfc2759TestVectorsOfTheTestsOwnImplementation() throws Exception {
        assertEquals("31d6cfe0d16ae931b73c59d7e0c089c0", HexFormat.of().formatHex(Rfc2759.md4(new byte[0])));
        assertEquals("a448017aaf21d8525fc10ae87aa6729d",
                HexFormat.of().formatHex(Rfc2759.md4("abc".getBytes(StandardCharsets.US_ASCII))));
        byte[] ac = hex("5B 5D 7C 7D 7B 3F 2F 3E 3C 2C 60 21 32 26 26 28");
        byte[] pc = hex("21 40 23 24 25 5E 26 2A 28 29 5F 2B 3A 33 7C 7E");
        assertArrayEquals(hex("D0 2E 43 86 BC E9 12 26"), Rfc2759.challengeHash(pc, ac, "User"));
        assertArrayEquals(hex("44 EB BA 8D 53 12 B8 D6 11 47 44 11 F5 69 89 AE"),
                Rfc2759.ntPasswordHash("clientPass"));
        byte[] nt = Rfc2759.ntResponse(ac, pc, "User", "clientPass");
        assertArrayEquals(hex("82 30 9E CD 8D 70 8B 5E A0 8F AA 39 81 CD 83 54 42 33 11 4A 3D 85 D6 DF"), nt);
        assertEquals("S=407A5589115FD0D6209F510FE9C04566932CDA56",
                Rfc2759.authenticatorResponse("clientPass", nt, pc, ac, "User"));
    }

    /** RFC 2759 9.2's vector end to end: FreeRADIUS's S= is the RFC's. */
    @Test
    void msChapV2TheRfcVectorAcceptedWithTheRfcsAuthenticatorResponse() throws Exception {
        byte[] ac = hex("5B 5D 7C 7D 7B 3F 2F 3E 3C 2C 60 21 32 26 26 28");
        byte[] pc = hex("21 40 23 24 25 5E 26 2A 28 29 5F 2B 3A 33 7C 7E");
        byte[] nt = hex("82 30 9E CD 8D 70 8B 5E A0 8F AA 39 81 CD 83 54 42 33 11 4A 3D 85 D6 DF");
        AuthResult r = get(freeRadius(), mschapv2("User", 17, ac, pc, nt));
        assertTrue(r.accepted(), r::toString);
        assertEquals("S=407A5589115FD0D6209F510FE9C04566932CDA56", r.mschapSuccess());
    }

    @Test
    void msChapV2RandomChallengesAccepted() throws Exception {
        RadiusAuthenticator a = freeRadius();
        for (int i = 0; i < 3; i++) {
            byte[] ac = new byte[16];
            byte[] pc = new byte[16];
            RANDOM.nextBytes(ac);
            RANDOM.nextBytes(pc);
            byte[] nt = Rfc2759.ntResponse(ac, pc, "bob", "b0b pässword");
            AuthResult r = get(a, mschapv2("bob", i, ac, pc, nt));
            assertTrue(r.accepted(), r::toString);
            assertEquals(Rfc2759.authenticatorResponse("b0b pässword", nt, pc, ac, "bob"), r.mschapSuccess());
            assertEquals("10.9.9.9", r.address());
        }
    }

    // ---------------------------------------------------------------------------------------- failures, others

    @Test
    void noServerConfiguredOrNoneAnsweringIsARefusalSayingSo() throws Exception {
        AuthResult none = get(authenticator(), pap("alice", "secret"));
        assertFalse(none.accepted());
        assertEquals(RadiusAuthenticator.NOT_CONFIGURED, none.message());
        transport.close();
        try (FakeRadiusServer silent = new FakeRadiusServer("s", (srv, r) -> { })) {
            AuthResult r = get(authenticator(new RadiusServer("silent", "127.0.0.1", silent.port(), 0, "s", 1, 100,
                    1, 30)), pap("alice", "secret"));
            assertFalse(r.accepted());
            assertEquals(RadiusAuthenticator.NO_SERVER, r.message());
            assertEquals(2, silent.requests().size());
        }
    }

    @Test
    void accessChallengeIsARefusalAndAnAcceptWithoutMsChap2SuccessToo() throws Exception {
        try (FakeRadiusServer f = new FakeRadiusServer("s", (srv, r) -> srv.answer(r,
                "challenge".equals(r.packet().getAttribute(org.aaa4j.radius.core.attribute.attributes.UserName.class)
                        .orElseThrow().getData().getValue()) ? 11 : 2, List.of()))) {
            RadiusAuthenticator a = authenticator(new RadiusServer("f", "127.0.0.1", f.port(), 0, "s", 1, 2000, 0,
                    30));
            AuthResult c = get(a, pap("challenge", "x"));
            assertFalse(c.accepted());
            assertTrue(c.message().contains("Challenge"), c.message());
            byte[] ac = new byte[16];
            AuthResult m = get(a, mschapv2("bob", 1, ac, ac, new byte[24]));
            assertFalse(m.accepted(), "RFC 2759 5: without S= the peer would hang up anyway");
            assertTrue(get(a, pap("plain", "x")).accepted());
        }
    }

    /** What the Access-Request carries, byte for byte where it matters (RFC 2865, 2868, 2548, 3579). */
    @Test
    void theAccessRequestsAttributes() throws Exception {
        nas = NasSettings.from(Map.of("nas.identifier", "lns-test", "nas.address", "198.51.100.7"));
        try (FakeRadiusServer f = new FakeRadiusServer("s", (srv, r) -> srv.answer(r, 3, List.of()))) {
            RadiusAuthenticator a = authenticator(new RadiusServer("f", "127.0.0.1", f.port(), 0, "s", 1, 2000, 0,
                    30));
            byte[] ac = new byte[16];
            byte[] pc = new byte[16];
            RANDOM.nextBytes(ac);
            RANDOM.nextBytes(pc);
            byte[] nt = new byte[24];
            RANDOM.nextBytes(nt);
            get(a, mschapv2("DOMAIN\\bob", 0x5a, ac, pc, nt));
            Packet p = f.requests().get(0).packet();
            Map<String, String> text = Map.ofEntries(
                    Map.entry("User-Name", "DOMAIN\\bob"), Map.entry("NAS-Identifier", "lns-test"),
                    Map.entry("Calling-Station-Id", "0123"), Map.entry("Called-Station-Id", "4567"),
                    Map.entry("Tunnel-Client-Endpoint", "192.0.2.1"),
                    Map.entry("Tunnel-Server-Endpoint", "192.0.2.2"),
                    Map.entry("Tunnel-Client-Auth-ID", "lac1"), Map.entry("Tunnel-Server-Auth-ID", "lns1"),
                    Map.entry("Tunnel-Assignment-ID", "7"));
            for (Map.Entry<String, String> e : text.entrySet()) {
                assertEquals(e.getValue(), textOf(p, e.getKey()), e.getKey());
            }
            byte[] raw = f.requests().get(0).bytes();
            assertArrayEquals(new byte[] {(byte) 198, 51, 100, 7}, attribute(raw, 4), "NAS-IP-Address");
            assertArrayEquals(new byte[] {0, 7, 0, 9}, attribute(raw, 5), "NAS-Port: tunnel 7, session 9");
            assertArrayEquals(new byte[] {0, 0, 0, 5}, attribute(raw, 61), "NAS-Port-Type Virtual");
            assertArrayEquals(new byte[] {0, 0, 0, 2}, attribute(raw, 6), "Service-Type Framed");
            assertArrayEquals(new byte[] {0, 0, 0, 1}, attribute(raw, 7), "Framed-Protocol PPP");
            assertArrayEquals(new byte[] {0, 0, 0, 3}, attribute(raw, 64), "Tunnel-Type: tag 0, L2TP");
            assertArrayEquals(new byte[] {0, 0, 0, 1}, attribute(raw, 65), "Tunnel-Medium-Type: tag 0, IPv4");
            assertEquals(80, raw[20] & 0xff, "Message-Authenticator first");

            byte[] challenge = null;
            byte[] response = null;
            for (Attribute<?> at : p.getAttributes()) {
                if (at instanceof VendorSpecific v && v.getData().getVendorId() == 311) {
                    VsaData d = v.getData();
                    if (d.getVendorType() == 11) {
                        challenge = d.getVsaData();
                    } else if (d.getVendorType() == 25) {
                        response = d.getVsaData();
                    }
                }
            }
            assertArrayEquals(ac, challenge, "MS-CHAP-Challenge");
            assertNotNull(response);
            assertEquals(50, response.length);
            assertEquals(0x5a, response[0] & 0xff, "Ident");
            assertEquals(0, response[1], "Flags");
            assertArrayEquals(pc, Arrays.copyOfRange(response, 2, 18), "Peer-Challenge");
            assertArrayEquals(new byte[8], Arrays.copyOfRange(response, 18, 26), "Reserved");
            assertArrayEquals(nt, Arrays.copyOfRange(response, 26, 50), "NT-Response");

            // CHAP: CHAP-Password = Identifier + 16 octets, CHAP-Challenge as given.
            AuthRequest c = chap("bob", "x", 0x33);
            get(a, c);
            byte[] raw2 = f.requests().get(1).bytes();
            byte[] chapPassword = attribute(raw2, 3);
            assertEquals(17, chapPassword.length);
            assertEquals(0x33, chapPassword[0]);
            assertArrayEquals(c.response(), Arrays.copyOfRange(chapPassword, 1, 17));
            assertArrayEquals(c.challenge(), attribute(raw2, 60));
        }
    }

    /** FreeRADIUS's own reading of our Access-Request (its debug output), IPv6 tunnel endpoints included. */
    @Test
    void freeRadiusReadsTheNasAndTunnelAttributes(@TempDir Path own) throws Exception {
        try (FreeRadius debug = FreeRadius.in(own).name("auth-debug").debug(true).user("alice", "secret").start()) {
            transport = new UdpTransport();
            transport.configure(List.of(new RadiusServer("d", FreeRadius.ADDRESS, debug.authPort(), 0,
                    FreeRadius.SECRET, 1, 2000, 2, 30)), null);
            SessionContext v6 = new SessionContext(300, 4, 1, null, null, "2001:db8::1", "2001:db8::2", "default",
                    null, null);
            RadiusAuthenticator a = new RadiusAuthenticator(transport, () -> nas, accepted);
            AuthResult r = a.authenticate(new AuthRequest(AuthMethod.PAP, "alice", 0, new byte[0],
                    "secret".getBytes(StandardCharsets.UTF_8), v6)).toCompletableFuture()
                    .get(WAIT_MS, TimeUnit.MILLISECONDS);
            assertTrue(r.accepted());
            debug.awaitLog("Login OK: [alice]", Duration.ofSeconds(10));
            String log = debug.log();
            for (String expected : List.of("NAS-Identifier = \"lns-test\"", "NAS-IPv6-Address = 2001:db8::2",
                    "NAS-Port = 19660804", "NAS-Port-Type = Virtual", "Service-Type = Framed-User",
                    "Framed-Protocol = PPP", "Tunnel-Type:0 = L2TP", "Tunnel-Medium-Type:0 = IPv6",
                    "Tunnel-Client-Endpoint:0 = \"2001:db8::1\"", "Tunnel-Server-Endpoint:0 = \"2001:db8::2\"",
                    "Tunnel-Assignment-Id:0 = \"300\"")) {
                assertTrue(log.contains(expected), () -> expected + " not in\n" + log);
            }
        }
    }

    private static String textOf(Packet p, String name) {
        for (Attribute<?> a : p.getAttributes()) {
            String n = attributeName(a);
            if (name.equals(n) && a.getData() instanceof org.aaa4j.radius.core.attribute.TextData t) {
                return t.getValue();
            }
        }
        return null;
    }

    private static String attributeName(Attribute<?> a) {
        try {
            return (String) a.getClass().getField("NAME").get(null);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** The value of the first attribute of {@code type} in an encoded packet. */
    private static byte[] attribute(byte[] packet, int type) {
        for (int p = 20; p < packet.length; p += packet[p + 1] & 0xff) {
            if ((packet[p] & 0xff) == type) {
                return Arrays.copyOfRange(packet, p + 2, p + (packet[p + 1] & 0xff));
            }
        }
        return null;
    }
}
