package org.l2tp.radius.das;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.l2tp.radius.AcceptedSessions;
import org.l2tp.radius.FreeRadius;
import org.l2tp.radius.acct.Accounting;
import org.l2tp.radius.acct.AccountingSettings;
import org.l2tp.radius.acct.ExecutorScheduler;
import org.l2tp.radius.acct.FakeAaaSession;
import org.l2tp.radius.acct.FakeTransport;
import org.l2tp.api.ppp.PppEnd;

/**
 * The DAS against FreeRADIUS's own client: {@code radclient} sends Disconnect-Request and CoA-Request (RFC 5176) to
 * our socket, as a billing system would. Sessions: alice, accepted by RADIUS and accounted (an AaaSession), and
 * bob, a pppd session the daemon knows.
 */
class RadclientDasTest {
    static final String SECRET = "das-secret";
    static final Duration TRY = Duration.ofSeconds(3);
    static final int TERMINATE_CAUSE = 49;

    final FakeTransport transport = new FakeTransport();
    final RecordingL2tpService l2tp = new RecordingL2tpService().session(20, 21, "bob", "10.9.9.9");
    ExecutorScheduler thread;
    Accounting accounting;
    DynamicAuthorization das;
    InetSocketAddress at;
    FakeAaaSession alice;
    String aliceId;

    @BeforeAll
    static void radclientInstalled() {
        FreeRadius.radclientBinary(); // fails with what to install
    }

    @BeforeEach
    void start() throws Exception {
        thread = new ExecutorScheduler("test-accounting");
        accounting = new Accounting(transport, new AcceptedSessions(), s -> List.of(), () -> true, thread,
                AccountingSettings.DEFAULTS);
        alice = new FakeAaaSession(10, 11, "alice", "10.1.2.3", Instant.now());
        accounting.sessionStarted(alice);
        await(() -> accounting.accounted().size() == 1, "alice accounted");
        aliceId = accounting.accounted().iterator().next().acctSessionId();
        das = new DynamicAuthorization(new L2tpSessionDirectory(accounting, () -> l2tp));
        das.configure(new DasHandler.Config(Map.of(InetAddress.getLoopbackAddress(),
                SECRET.getBytes(StandardCharsets.UTF_8)), "lns1", null),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        at = das.listening();
    }

    @AfterEach
    void stop() {
        das.close();
        thread.close();
    }

    FreeRadius.RadclientResult send(String command, String secret, String... attributes)
            throws IOException, InterruptedException {
        return FreeRadius.radclient(at, command, secret, TRY, 0, attributes);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void disconnectByUserNameEndsTheSessionWithACdnAndItsStopSaysAdminReset() throws Exception {
        FreeRadius.RadclientResult r = send("disconnect", SECRET, "User-Name = alice");
        assertEquals("Disconnect-ACK", r.reply(), r.output());
        assertEquals(List.of(new RecordingL2tpService.Close(10, 11, 3, "RADIUS Disconnect-Request")), l2tp.closed);
        assertEquals(1, das.counters().requests());
        assertEquals(1, das.counters().acks());

        accounting.sessionEnded(alice, null, "the L2TP call ended"); // what the engine then says
        await(() -> transport.requests().stream().anyMatch(a -> "2".equals(a.status())), "a Stop");
        assertEquals(6, transport.last().number(TERMINATE_CAUSE), "Admin-Reset");
    }

    @Test
    void disconnectByAcctSessionIdAndBySessionsAccountingNeverSaw() throws Exception {
        FreeRadius.RadclientResult r = send("disconnect", SECRET, "Acct-Session-Id = \"" + aliceId + "\"");
        assertEquals("Disconnect-ACK", r.reply(), r.output());
        r = send("disconnect", SECRET, "Framed-IP-Address = 10.9.9.9");
        assertEquals("Disconnect-ACK", r.reply(), r.output());
        assertEquals(List.of(new RecordingL2tpService.Close(10, 11, 3, "RADIUS Disconnect-Request"),
                new RecordingL2tpService.Close(20, 21, 3, "RADIUS Disconnect-Request")), l2tp.closed);
    }

    @Test
    void everyGivenAttributeMustMatch() throws Exception {
        FreeRadius.RadclientResult r = send("disconnect", SECRET, "User-Name = alice",
                "Framed-IP-Address = 10.9.9.9");
        assertEquals("Disconnect-NAK", r.reply(), r.output());
        assertEquals("Session-Context-Not-Found", r.attribute("Error-Cause"));
        assertEquals(List.of(), l2tp.closed);
    }

    @Test
    void unknownSessionIsNakedWithSessionContextNotFound() throws Exception {
        FreeRadius.RadclientResult r = send("disconnect", SECRET, "User-Name = mallory");
        assertEquals("Disconnect-NAK", r.reply(), r.output());
        assertEquals("Session-Context-Not-Found", r.attribute("Error-Cause"), r.output());
        assertEquals(1, das.counters().naks());
        assertEquals(List.of(), l2tp.closed);
    }

    @Test
    void wrongSecretIsNotAnsweredAndCountedAsDropped() throws Exception {
        FreeRadius.RadclientResult r = FreeRadius.radclient(at, "disconnect", "not-the-secret",
                Duration.ofSeconds(1), 0, "User-Name = alice");
        assertNull(r.reply(), r.output());
        assertNotEquals(0, r.exit());
        assertTrue(das.counters().dropped() >= 1, das.counters().toString());
        assertEquals(0, das.counters().requests());
        assertEquals(List.of(), l2tp.closed);
    }

    @Test
    void anUnconfiguredClientIsNotHeard() throws Exception {
        das.configure(new DasHandler.Config(Map.of(InetAddress.getByName("192.0.2.99"),
                SECRET.getBytes(StandardCharsets.UTF_8)), "lns1", null), new InetSocketAddress(at.getAddress(),
                at.getPort()));
        assertEquals(at, das.listening(), "same address: not rebound");
        FreeRadius.RadclientResult r = FreeRadius.radclient(at, "disconnect", SECRET, Duration.ofSeconds(1), 0,
                "User-Name = alice");
        assertNull(r.reply(), r.output());
        assertTrue(das.counters().dropped() >= 1);
    }

    @Test
    void messageAuthenticatorIsVerifiedAndAnswered() throws Exception {
        FreeRadius.RadclientResult r = send("disconnect", SECRET, "User-Name = bob",
                "Message-Authenticator = 0x00");
        assertEquals("Disconnect-ACK", r.reply(), r.output());
        assertTrue(r.output().contains("Message-Authenticator"), r.output());
        assertEquals(1, l2tp.closed.size());
    }

    @Test
    void coaSessionTimeoutIsAppliedLive() throws Exception {
        FreeRadius.RadclientResult r = send("coa", SECRET, "User-Name = alice", "Session-Timeout = 600",
                "Idle-Timeout = 120");
        assertEquals("CoA-ACK", r.reply(), r.output());
        assertEquals(1, alice.timeoutChanges.size());
        assertEquals(600, alice.timeoutChanges.get(0)[0]);
        assertEquals(120, alice.timeoutChanges.get(0)[1]);
        r = send("coa", SECRET, "Acct-Session-Id = \"" + aliceId + "\"", "Session-Timeout = 0");
        assertEquals("CoA-ACK", r.reply(), r.output());
        assertEquals(0, alice.sessionTimeoutS(), "0 removes it");
        assertEquals(120, alice.idleTimeoutS(), "absent: left as it is");
        assertEquals(List.of(), l2tp.closed);
    }

    @Test
    void coaWithAnyOtherAttributeIsNakedAndChangesNothing() throws Exception {
        FreeRadius.RadclientResult r = send("coa", SECRET, "User-Name = alice", "Session-Timeout = 600",
                "Filter-Id = \"gold\"");
        assertEquals("CoA-NAK", r.reply(), r.output());
        assertEquals("Unsupported-Attribute", r.attribute("Error-Cause"), r.output());
        r = send("coa", SECRET, "User-Name = alice", "Service-Type = Authorize-Only");
        assertEquals("CoA-NAK", r.reply(), r.output());
        assertEquals("Unsupported-Service", r.attribute("Error-Cause"), r.output());
        assertEquals(0, alice.timeoutChanges.size());
        assertEquals(2, das.counters().naks());
    }

    @Test
    void coaOnlyForSessionsRadiusAccepted() throws Exception {
        FreeRadius.RadclientResult r = send("coa", SECRET, "User-Name = bob", "Session-Timeout = 600");
        assertEquals("CoA-NAK", r.reply(), r.output());
        assertEquals("Session-Context-Not-Found", r.attribute("Error-Cause"), r.output());
    }

    @Test
    void anotherNasIdentifierIsNakedAndNothingIsNotAllowed() throws Exception {
        FreeRadius.RadclientResult r = send("disconnect", SECRET, "User-Name = alice", "NAS-Identifier = lns2");
        assertEquals("Disconnect-NAK", r.reply(), r.output());
        assertEquals("NAS-Identification-Mismatch", r.attribute("Error-Cause"), r.output());
        r = send("disconnect", SECRET, "NAS-Identifier = lns1");
        assertEquals("Disconnect-NAK", r.reply(), r.output());
        assertEquals("Missing-Attribute", r.attribute("Error-Cause"), r.output());
        r = send("disconnect", SECRET, "User-Name = alice", "NAS-Identifier = lns1", "NAS-IP-Address = 127.0.0.1");
        assertEquals("Disconnect-ACK", r.reply(), r.output());
        assertEquals(1, l2tp.closed.size());
    }

    @Test
    void withoutTheDaemonNothingCanBeClosed() throws Exception {
        DynamicAuthorization alone = new DynamicAuthorization(new L2tpSessionDirectory(accounting, () -> null));
        try {
            alone.configure(new DasHandler.Config(Map.of(InetAddress.getLoopbackAddress(),
                    SECRET.getBytes(StandardCharsets.UTF_8)), "lns1", null),
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            FreeRadius.RadclientResult r = FreeRadius.radclient(alone.listening(), "disconnect", SECRET, TRY, 0,
                    "User-Name = alice");
            assertEquals("Disconnect-NAK", r.reply(), r.output());
            assertEquals("Resources-Unavailable", r.attribute("Error-Cause"), r.output());
        } finally {
            alone.close();
        }
        accounting.sessionEnded(alice, PppEnd.USER_REQUEST, "bye");
    }
}
