package org.l2tp.radius.acct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2tp.api.ppp.PppEnd;
import org.l2tp.radius.AcceptedSessions;
import org.l2tp.radius.FreeRadius;
import org.l2tp.radius.NasSettings;
import org.l2tp.radius.RadiusParts;
import org.l2tp.radius.client.RadiusServer;
import org.l2tp.radius.client.UdpTransport;

/**
 * Accounting as the component runs it ({@link Accounting#of}: the real UDP transport, NAS attributes, its own
 * thread) against a real FreeRADIUS: what arrives in its detail file.
 */
class AccountingFreeRadiusTest {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    FreeRadius fr;
    UdpTransport transport;
    Accounting acct;
    final AcceptedSessions accepted = new AcceptedSessions();

    void start(FreeRadius server) throws Exception {
        fr = server;
        transport = new UdpTransport();
        // Short tries: the queue test stops the server.
        transport.configure(List.of(new RadiusServer("fr", FreeRadius.ADDRESS, fr.authPort(), fr.acctPort(),
                FreeRadius.SECRET, 1, 500, 1, 1)), null);
        NasSettings nas = NasSettings.from(Map.of("nas.identifier", "lns-test", "interim.minimum.s", "1"));
        acct = Accounting.of(new RadiusParts(transport, accepted, () -> nas, () -> null));
    }

    @AfterEach
    void stop() throws Exception {
        if (acct != null) {
            acct.close();
        }
        if (transport != null) {
            transport.close();
        }
        if (fr != null) {
            fr.close();
        }
    }

    FreeRadius.Detail await(Predicate<FreeRadius.Detail> match) throws Exception {
        return fr.awaitDetail(match, WAIT);
    }

    static Predicate<FreeRadius.Detail> status(String status, String sessionId) {
        return d -> status.equals(d.get("Acct-Status-Type")) && (sessionId == null
                || sessionId.equals(d.get("Acct-Session-Id")));
    }

    static String hex(String s) {
        return "0x" + HexFormat.of().formatHex(s.getBytes(StandardCharsets.US_ASCII));
    }

    static void awaitCondition(BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void onStartInterimStopOffArriveWithSessionUserAddressClassCountersAndCause() throws Exception {
        start(FreeRadius.in(dir).name("acct").start());
        FreeRadius.Detail on = await(status("Accounting-On", null));
        assertEquals("lns-test", on.get("NAS-Identifier"));

        FakeAaaSession alice = new FakeAaaSession(5, 6, "alice", "10.1.2.3", Instant.now().minusSeconds(100));
        accepted.put(new AcceptedSessions.Accept(alice.context().port(), "alice",
                List.of("gold".getBytes(StandardCharsets.US_ASCII), "plan=7".getBytes(StandardCharsets.US_ASCII)),
                1));
        acct.sessionStarted(alice);
        awaitCondition(() -> acct.accounted().size() == 1, "the session accounted");
        String id = acct.accounted().iterator().next().acctSessionId();

        FreeRadius.Detail start = await(status("Start", id));
        assertEquals("alice", start.get("User-Name"));
        assertEquals("10.1.2.3", start.get("Framed-IP-Address"));
        assertEquals(List.of(hex("gold"), hex("plan=7")), start.all("Class"));
        assertEquals("lns-test", start.get("NAS-Identifier"));
        assertEquals(String.valueOf(alice.context().port()), start.get("NAS-Port"));
        assertEquals("1006", start.get("Acct-Tunnel-Connection"), "RFC 2867: the call serial number");
        assertEquals("RADIUS", start.get("Acct-Authentic"));
        assertNotNull(start.get("Event-Timestamp"));

        alice.traffic(1500, 2500); // the data flows
        FreeRadius.Detail interim = await(status("Interim-Update", id).and(d -> "1500".equals(
                d.get("Acct-Input-Octets"))));
        assertEquals("2500", interim.get("Acct-Output-Octets"));
        assertEquals("1", interim.get("Acct-Input-Packets"));
        assertEquals(List.of(hex("gold"), hex("plan=7")), interim.all("Class"));
        assertTrue(Long.parseLong(interim.get("Acct-Session-Time")) >= 100, interim.toString());

        long input = 5L * (1L << 32) + 7; // beyond 2^32: Acct-Input-Gigawords (RFC 2869 5.1)
        long output = 3L * (1L << 32) + 1_000_000;
        alice.traffic(input, output);
        acct.sessionEnded(alice, PppEnd.USER_REQUEST, "the peer's Terminate-Request");
        FreeRadius.Detail stop = await(status("Stop", id));
        assertEquals("User-Request", stop.get("Acct-Terminate-Cause"));
        assertEquals("7", stop.get("Acct-Input-Octets"));
        assertEquals("5", stop.get("Acct-Input-Gigawords"));
        assertEquals("1000000", stop.get("Acct-Output-Octets"));
        assertEquals("3", stop.get("Acct-Output-Gigawords"));
        assertEquals(String.valueOf(input / 1000 & 0xFFFF_FFFFL), stop.get("Acct-Input-Packets"));
        assertEquals("alice", stop.get("User-Name"));
        assertEquals("10.1.2.3", stop.get("Framed-IP-Address"));
        assertEquals(List.of(hex("gold"), hex("plan=7")), stop.all("Class"));
        assertTrue(Long.parseLong(stop.get("Acct-Session-Time")) >= 100, stop.toString());

        acct.close();
        FreeRadius.Detail off = await(status("Accounting-Off", null));
        assertEquals("lns-test", off.get("NAS-Identifier"));
        assertEquals(0, acct.dropped());
        acct = null;
    }

    @Test
    void accountingWaitsWhileFreeRadiusIsDownAndArrivesWithAcctDelayTime() throws Exception {
        start(FreeRadius.in(dir).name("acct-queue").start());
        await(status("Accounting-On", null));
        fr.stop();

        FakeAaaSession bob = new FakeAaaSession(8, 9, "bob", "10.4.4.4", Instant.now());
        acct.sessionStarted(bob);
        awaitCondition(() -> acct.accounted().size() == 1, "the session accounted");
        String id = acct.accounted().iterator().next().acctSessionId();
        bob.traffic(4000, 8000);
        acct.sessionEnded(bob, PppEnd.IDLE, "idle");
        awaitCondition(() -> acct.queued() == 2, "Start and Stop waiting");

        fr.start();
        FreeRadius.Detail stop = await(status("Stop", id));
        FreeRadius.Detail start = await(status("Start", id));
        assertEquals("Idle-Timeout", stop.get("Acct-Terminate-Cause"));
        assertEquals("4000", stop.get("Acct-Input-Octets"));
        assertNotNull(start.get("Acct-Delay-Time"), start.toString());
        assertTrue(Long.parseLong(start.get("Acct-Delay-Time")) >= 1, start.toString());
        assertTrue(Long.parseLong(stop.get("Acct-Delay-Time")) >= 1, stop.toString());
        List<FreeRadius.Detail> all = fr.details();
        assertTrue(all.indexOf(start) < all.indexOf(stop), "in order");
        awaitCondition(() -> acct.queued() == 0, "queue drained");
        assertEquals(0, acct.dropped());
    }
}
