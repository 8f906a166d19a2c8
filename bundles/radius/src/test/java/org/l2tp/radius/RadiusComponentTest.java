package org.l2tp.radius;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2tp.api.aaa.AuthMethod;
import org.l2tp.api.aaa.AuthRequest;
import org.l2tp.api.aaa.AuthResult;
import org.l2tp.api.aaa.RadiusServerInfo;
import org.l2tp.api.aaa.SessionContext;
import org.l2tp.radius.client.RadiusServer;

/** The component without a framework: configurations in, Authenticator and RadiusStatus out, changes live. */
class RadiusComponentTest {
    private static final SessionContext CALL = new SessionContext(1, 2, 3, null, null, "192.0.2.1", "192.0.2.2",
            "default");

    private static AuthResult pap(RadiusComponent c, String user, String password) throws Exception {
        return c.authenticate(new AuthRequest(AuthMethod.PAP, user, 0, new byte[0],
                password.getBytes(StandardCharsets.UTF_8), CALL)).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    private static Map<String, Object> server(String pid, FreeRadius fr, Object... more) {
        Map<String, Object> p = new HashMap<>(Map.of("service.pid", pid, "host", "127.0.0.1",
                "auth.port", fr.authPort(), "acct.port", String.valueOf(fr.acctPort()), "secret", FreeRadius.SECRET,
                "timeout.ms", 200, "retries", 0));
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    @Test
    void serversComeAndGoLive(@TempDir Path dir) throws Exception {
        try (FreeRadius fr = FreeRadius.in(dir).name("component").user("alice", "secret").start()) {
            RadiusComponent c = new RadiusComponent();
            c.activate(Map.of("nas.identifier", "nas-1"));
            try {
                assertEquals(List.of(), c.servers());
                AuthResult none = pap(c, "alice", "secret");
                assertFalse(none.accepted());

                c.putServer("org.l2tp.radius~main", RadiusServerConfig.from(server("org.l2tp.radius~main", fr)));
                assertTrue(pap(c, "alice", "secret").accepted());
                assertFalse(pap(c, "alice", "nope").accepted());
                RadiusServerInfo i = c.servers().get(0);
                assertEquals("main", i.name());
                assertEquals(fr.authPort(), i.authPort());
                assertEquals(1, i.accepts());
                assertEquals(1, i.rejects());
                assertEquals("up", i.state());

                c.modified(Map.of("nas.identifier", "nas-2", "max.in.flight", 5));
                assertTrue(pap(c, "alice", "secret").accepted());

                c.removeServer("org.l2tp.radius~main");
                assertEquals(List.of(), c.servers());
                assertFalse(pap(c, "alice", "secret").accepted());
                assertEquals(0, c.accountingQueued());
                assertNull(c.das().listening());
            } finally {
                c.deactivate();
            }
            assertFalse(pap(c, "alice", "secret").accepted(), "stopped");
        }
    }

    @Test
    void serverConfigurationsAreCheckedAndNeverShowTheSecret() {
        Map<String, Object> p = new HashMap<>(Map.of("service.pid", "org.l2tp.radius.4f2a",
                "felix.fileinstall.filename", "file:/opt/l2tpd/etc/org.l2tp.radius-backup.cfg", "host", "radius2",
                "secret", "hunter2"));
        RadiusServer s = RadiusServerConfig.from(p);
        assertEquals("backup", s.name());
        assertEquals(1812, s.authPort());
        assertEquals(1813, s.acctPort());
        assertEquals(1, s.priority());
        assertEquals(3000, s.timeoutMs());
        assertEquals(2, s.retries());
        assertEquals(30, s.deadTimeS());
        assertFalse(s.toString().contains("hunter2"), s::toString);
        assertEquals("named", RadiusServerConfig.from(Map.of("service.pid", "org.l2tp.radius~x", "name", "named",
                "host", "h", "secret", "s")).name());
        assertEquals("x", RadiusServerConfig.from(Map.of("service.pid", "org.l2tp.radius~x", "host", "h",
                "secret", "s")).name());

        String noSecret = assertThrows(IllegalArgumentException.class, () -> RadiusServerConfig.from(
                Map.of("service.pid", "org.l2tp.radius~x", "host", "h"))).getMessage();
        assertEquals("RADIUS server x has no secret", noSecret);
        assertEquals("RADIUS server x has no host", assertThrows(IllegalArgumentException.class,
                () -> RadiusServerConfig.from(Map.of("service.pid", "org.l2tp.radius~x", "secret", "s")))
                .getMessage());
        String badPort = assertThrows(IllegalArgumentException.class, () -> RadiusServerConfig.from(
                Map.of("service.pid", "org.l2tp.radius~x", "host", "h", "secret", "hunter2", "auth.port", 70000)))
                .getMessage();
        assertEquals("RADIUS server x: auth.port 70000 is not in 0..65535", badPort);
        assertThrows(IllegalArgumentException.class, () -> RadiusServerConfig.from(Map.of("service.pid",
                "org.l2tp.radius~x", "host", "h", "secret", "s", "auth.port", 0, "acct.port", 0)));

        DasClient d = DasClient.from("coa", Map.of("address", "192.0.2.9", "secret", "hunter2"));
        assertFalse(d.toString().contains("hunter2"));
        assertThrows(IllegalArgumentException.class, () -> DasClient.from("coa", Map.of("address", "coa.example",
                "secret", "s")));
    }

    @Test
    void nasSettings() {
        NasSettings d = NasSettings.defaults();
        assertEquals(256, d.maxInFlight());
        assertEquals(0, d.interimIntervalS());
        assertEquals(60, d.interimMinimumS());
        assertEquals(10_000, d.acctQueue());
        assertNull(d.dasAddress());
        assertEquals(3799, d.dasPort());
        assertNull(d.address());
        assertFalse(d.identifier().isBlank());
        NasSettings n = NasSettings.from(Map.of("nas.address", "2001:db8::7", "das.address", "0.0.0.0",
                "interim.interval.s", "300"));
        assertEquals("2001:db8::7", Addresses.text(n.address()));
        assertEquals(300, n.interimIntervalS());
        assertEquals("nas.address \"radius.example\" is not an IP address", assertThrows(
                IllegalArgumentException.class, () -> NasSettings.from(Map.of("nas.address", "radius.example")))
                .getMessage());
    }

    @Test
    void acceptedSessionsAreForgottenWhenTheirSessionNeverStarts() throws Exception {
        AcceptedSessions a = new AcceptedSessions(50);
        a.put(new AcceptedSessions.Accept(1, "u", List.of("c".getBytes(StandardCharsets.UTF_8)), 0));
        assertEquals(1, a.size());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (a.size() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertNull(a.take(1));
    }
}
