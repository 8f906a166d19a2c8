package org.l2tp.radius.acct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.aaa4j.radius.core.attribute.TextData;
import org.aaa4j.radius.core.attribute.attributes.NasIdentifier;
import org.aaa4j.radius.core.packet.packets.AccountingResponse;
import org.junit.jupiter.api.Test;
import org.l2tp.api.SessionInfo;
import org.l2tp.api.SessionState;
import org.l2tp.api.TunnelInfo;
import org.l2tp.api.TunnelState;
import org.l2tp.api.aaa.SessionContext;
import org.l2tp.api.dataplane.DataCounters;
import org.l2tp.api.ppp.PppEnd;
import org.l2tp.radius.AcceptedSessions;
import org.l2tp.radius.client.RadiusTimeoutException;

/** Accounting's timing and content on a virtual clock, against a fake transport. */
class AccountingTest {
    // RFC 2866 section 5 attribute types
    static final int USER_NAME = 1, FRAMED_IP = 8, CLASS = 25, NAS_IDENTIFIER = 32, STATUS = 40, DELAY = 41,
            IN_OCTETS = 42, OUT_OCTETS = 43, SESSION_ID = 44, AUTHENTIC = 45, SESSION_TIME = 46, IN_PACKETS = 47,
            OUT_PACKETS = 48, TERMINATE_CAUSE = 49, IN_GIGAWORDS = 52, OUT_GIGAWORDS = 53, EVENT_TIMESTAMP = 55,
            TUNNEL_CONNECTION = 68;

    final Instant epoch = Instant.parse("2026-01-01T00:00:00Z");
    final VirtualScheduler clock = new VirtualScheduler(epoch);
    final FakeTransport transport = new FakeTransport();
    final AcceptedSessions accepts = new AcceptedSessions();
    boolean l2tpPresent = true;
    final Accounting acct = new Accounting(transport, accepts, s -> List.of(new NasIdentifier(new TextData("lns1"))),
            () -> l2tpPresent, clock, new AccountingSettings(0, 60, 100));

    /** What RadiusAuthenticator keeps from an Access-Accept. */
    void accepted(SessionContext call, List<byte[]> classes, int interimS) {
        accepts.put(new AcceptedSessions.Accept(call.port(), "alice", classes, interimS));
    }

    FakeAaaSession session(int t, int s) {
        return new FakeAaaSession(t, s, "alice", "10.1.2.3", clock.now());
    }

    /** Accounting-On sent and acknowledged, and forgotten: the tests look at what follows. */
    void online() {
        acct.start();
        clock.runPending();
        transport.sent.clear();
    }

    List<Acct> of(String status) {
        return transport.requests().stream().filter(r -> status.equals(r.status())).toList();
    }

    @Test
    void startCarriesTheSessionTheNasTheClassAndTheTunnel() {
        FakeAaaSession s = session(7, 9);
        accepted(s.context(), List.of("gold".getBytes(StandardCharsets.US_ASCII),
                "plan=2".getBytes(StandardCharsets.US_ASCII)), 0);
        acct.sessionStarted(s);
        clock.runPending();

        Acct start = transport.last();
        assertEquals("1", start.status());
        assertEquals(16, start.sessionId().length(), start.toString());
        assertEquals("alice", start.get(USER_NAME));
        assertEquals("10.1.2.3", start.get(FRAMED_IP));
        assertEquals(List.of("gold", "plan=2"), start.all(CLASS));
        assertEquals("lns1", start.get(NAS_IDENTIFIER));
        assertEquals("1", start.get(AUTHENTIC));
        assertEquals("1009", start.get(TUNNEL_CONNECTION), "RFC 2867: the call serial number");
        assertEquals(epoch.getEpochSecond(), start.number(EVENT_TIMESTAMP));
        assertNull(start.get(IN_OCTETS), "no counters in a Start");
        assertNull(start.get(DELAY), "sent at once: no Acct-Delay-Time");
        assertEquals(List.of(new AccountedSession(start.sessionId(), s)), List.copyOf(acct.accounted()));
    }

    @Test
    void acctSessionIdsDifferAndTheClassBelongsToItsCallOnly() {
        FakeAaaSession a = session(1, 1);
        FakeAaaSession b = session(1, 2);
        accepted(a.context(), List.of(new byte[] {1, 2}), 0);
        acct.sessionStarted(a);
        acct.sessionStarted(b);
        clock.runPending();
        List<Acct> starts = of("1");
        assertEquals(2, starts.size());
        assertTrue(!starts.get(0).sessionId().equals(starts.get(1).sessionId()));
        assertEquals(1, starts.get(0).all(CLASS).size());
        assertEquals(0, starts.get(1).all(CLASS).size());
    }

    @Test
    void accountingOnFirstThenOffLastWithStopsForOpenSessions() {
        acct.start();
        clock.runPending();
        assertEquals("7", transport.last().status());
        assertEquals("lns1", transport.last().get(NAS_IDENTIFIER));

        FakeAaaSession s = session(1, 1).traffic(5000, 6000);
        acct.sessionStarted(s);
        clock.advance(30_000);
        CompletableFuture<Void> stopped = acct.stop();
        clock.runPending();
        assertTrue(stopped.isDone(), "everything acknowledged");
        List<Acct> all = transport.requests();
        Acct stop = all.get(all.size() - 2);
        assertEquals("2", stop.status());
        assertEquals(TerminateCause.NAS_REBOOT.value(), stop.number(TERMINATE_CAUSE));
        assertEquals(30, stop.number(SESSION_TIME));
        assertEquals("8", all.get(all.size() - 1).status());
        assertEquals(1, of("7").size(), "one Accounting-On");
    }

    @Test
    void noAccountingServerNoRequestsButSessionsStillKnown() {
        transport.servers = false;
        acct.start();
        FakeAaaSession s = session(1, 1);
        acct.sessionStarted(s);
        clock.runPending();
        assertEquals(0, transport.sent.size());
        assertEquals(1, acct.accounted().size(), "dynamic authorization still finds it");
        transport.servers = true;
        acct.serversChanged();
        clock.runPending();
        assertEquals(List.of("7"), transport.requests().stream().map(Acct::status).toList());
    }

    @Test
    void interimFromTheReplyEveryIntervalFromTheStartWithGrowingCounters() {
        FakeAaaSession s = session(1, 1);
        accepted(s.context(), List.of(), 120);
        acct.sessionStarted(s);
        clock.advance(119_999);
        assertEquals(0, of("3").size());
        s.traffic(1000, 2000);
        clock.advance(1);
        assertEquals(1, of("3").size());
        Acct first = of("3").get(0);
        assertEquals(120, first.number(SESSION_TIME));
        assertEquals(1000, first.number(IN_OCTETS));
        assertEquals(2000, first.number(OUT_OCTETS));
        assertEquals(1, first.number(IN_PACKETS));
        assertEquals(2, first.number(OUT_PACKETS));
        assertEquals(0, first.number(IN_GIGAWORDS));
        s.traffic(3000, 4000);
        clock.advance(120_000);
        assertEquals(2, of("3").size());
        assertEquals(240, of("3").get(1).number(SESSION_TIME));
        assertEquals(3000, of("3").get(1).number(IN_OCTETS));
        assertEquals(of("1").get(0).sessionId(), of("3").get(1).sessionId());

        acct.sessionEnded(s, PppEnd.IDLE, "idle");
        clock.advance(1000);
        assertEquals(0, clock.pendingTimers(), "the interim timer went with the session");
        clock.advance(600_000);
        assertEquals(2, of("3").size());
    }

    @Test
    void intervalNeverBelowTheMinimumAndTheConfiguredOneWithoutAReply() {
        acct.configure(new AccountingSettings(300, 60, 100));
        FakeAaaSession a = session(1, 1);
        FakeAaaSession b = session(1, 2);
        accepted(a.context(), List.of(), 10); // RFC 2869 5.16: not below 60 s
        acct.sessionStarted(a);
        acct.sessionStarted(b);
        clock.advance(300_000);
        List<String> interims = of("3").stream().map(Acct::sessionId).toList();
        String ida = of("1").get(0).sessionId();
        String idb = of("1").get(1).sessionId();
        assertEquals(5, interims.stream().filter(ida::equals).count(), "every 60 s");
        assertEquals(1, interims.stream().filter(idb::equals).count(), "every 300 s");
    }

    @Test
    void noIntervalNoInterim() {
        acct.sessionStarted(session(1, 1));
        clock.advance(3_600_000);
        assertEquals(0, of("3").size());
        assertEquals(0, clock.pendingTimers());
    }

    @Test
    void stopWithGigawordsAndTheEndsCause() {
        FakeAaaSession s = session(1, 1);
        acct.sessionStarted(s);
        clock.advance(3_723_000);
        long in = 5L * (1L << 32) + 7;
        long out = (1L << 32) - 1;
        s.traffic(in, out);
        acct.sessionEnded(s, PppEnd.CONNECT_TIME, "session timeout");
        clock.runPending();
        Acct stop = transport.last();
        assertEquals("2", stop.status());
        assertEquals(TerminateCause.SESSION_TIMEOUT.value(), stop.number(TERMINATE_CAUSE));
        assertEquals(3723, stop.number(SESSION_TIME));
        assertEquals(7, stop.number(IN_OCTETS));
        assertEquals(5, stop.number(IN_GIGAWORDS));
        assertEquals(0xFFFF_FFFFL, stop.number(OUT_OCTETS));
        assertEquals(0, stop.number(OUT_GIGAWORDS));
        assertEquals(in / 1000, stop.number(IN_PACKETS));
        assertEquals(0, acct.accounted().size());
    }

    // ------------------------------------------------------------------------------- stopped from outside PPP

    static SessionInfo info(int t, int s) {
        return new SessionInfo(t, s, 99, SessionState.IDLE, false, false, 0, null, null, null, Instant.EPOCH,
                DataCounters.ZERO, null);
    }

    static TunnelInfo tunnel(int t) {
        return new TunnelInfo(t, 5, TunnelState.IDLE, false, null, null, null, null, 0, Instant.EPOCH, null, null);
    }

    Acct endFromOutside(Runnable l2tpBefore, Runnable l2tpAfter, long waitMs) {
        FakeAaaSession s = session(3, 4);
        acct.sessionStarted(s);
        clock.advance(1000);
        l2tpBefore.run();
        acct.sessionEnded(s, null, "L2TP call ended");
        clock.runPending();
        l2tpAfter.run();
        clock.advance(waitMs);
        List<Acct> stops = of("2");
        assertEquals(1, stops.size(), "one Stop after " + waitMs + " ms");
        return stops.get(0);
    }

    long cause(Acct stop) {
        return stop.number(TERMINATE_CAUSE);
    }

    @Test
    void peersCdnBeforeTheEnd() {
        Acct stop = endFromOutside(() -> acct.sessionDown(info(3, 4), 1, "carrier"), () -> { }, 0);
        assertEquals(TerminateCause.LOST_CARRIER.value(), cause(stop));
    }

    @Test
    void cdnAfterTheEndIsWaitedFor() {
        Acct stop = endFromOutside(() -> { }, () -> {
            assertEquals(0, of("2").size(), "waiting for the L2TP side");
            acct.sessionDown(info(3, 4), 3, "bye");
        }, 0);
        assertEquals(TerminateCause.USER_REQUEST.value(), cause(stop));
    }

    @Test
    void tunnelDownIsLostService() {
        Acct stop = endFromOutside(() -> acct.sessionDown(info(3, 4), 2, "tunnel closed"), () -> {
            assertEquals(0, of("2").size(), "a general error waits for the tunnel's event");
            acct.tunnelDown(tunnel(3), 6, "shutting down");
        }, 0);
        assertEquals(TerminateCause.LOST_SERVICE.value(), cause(stop));
    }

    @Test
    void generalErrorWithoutTunnelDownIsNasError() {
        Acct stop = endFromOutside(() -> acct.sessionDown(info(3, 4), 2, "data plane"), () -> { },
                Accounting.CAUSE_WAIT_MS);
        assertEquals(TerminateCause.NAS_ERROR.value(), cause(stop));
    }

    @Test
    void ourDisconnectIsAdminResetWhateverTheCdnSays() {
        Acct stop = endFromOutside(() -> {
            acct.disconnecting(3, 4);
            acct.sessionDown(info(3, 4), 3, "RADIUS Disconnect-Request");
        }, () -> { }, 0);
        assertEquals(TerminateCause.ADMIN_RESET.value(), cause(stop));
    }

    @Test
    void whoEndedTheCallDecidesAtOnce() {
        Acct local = endFromOutside(() -> acct.sessionDown(info(3, 4), 3, "operator",
                org.l2tp.api.SessionEnd.LOCAL), () -> { }, 0);
        assertEquals(TerminateCause.ADMIN_RESET.value(), cause(local), "an operator's close");
    }

    @Test
    void thePeersCdnIsItsResult() {
        Acct peer = endFromOutside(() -> acct.sessionDown(info(3, 4), 3, "bye",
                org.l2tp.api.SessionEnd.PEER), () -> { }, 0);
        assertEquals(TerminateCause.USER_REQUEST.value(), cause(peer));
    }

    @Test
    void aTunnelEndingUnderTheCallIsLostServiceWithoutWaiting() {
        Acct tunnel = endFromOutside(() -> acct.sessionDown(info(3, 4), 2, "StopCCN",
                org.l2tp.api.SessionEnd.TUNNEL), () -> { }, 0);
        assertEquals(TerminateCause.LOST_SERVICE.value(), cause(tunnel));
    }

    @Test
    void daemonGoneIsNasReboot() {
        Acct stop = endFromOutside(() -> l2tpPresent = false, () -> { }, 0);
        assertEquals(TerminateCause.NAS_REBOOT.value(), cause(stop));
    }

    @Test
    void nothingHeardWithinASecondIsNasRequest() {
        Acct stop = endFromOutside(() -> { }, () -> { }, Accounting.CAUSE_WAIT_MS);
        assertEquals(TerminateCause.NAS_REQUEST.value(), cause(stop));
    }

    @Test
    void anEarlierCallsCdnWithTheSameIdsDoesNotCount() {
        acct.sessionDown(info(3, 4), 1, "the previous call");
        clock.advance(5000);
        Acct stop = endFromOutside(() -> { }, () -> { }, Accounting.CAUSE_WAIT_MS);
        assertEquals(TerminateCause.NAS_REQUEST.value(), cause(stop));
    }

    // ----------------------------------------------------------------------------------------- queue and retry

    @Test
    void undeliveredRecordsWaitInOrderAndGoWithAcctDelayTimeWhenAServerAnswers() {
        online();
        transport.mode = FakeTransport.Mode.DOWN;
        FakeAaaSession s = session(1, 1);
        acct.sessionStarted(s);
        clock.runPending();
        assertEquals(1, acct.queued());
        clock.advance(5000);
        s.traffic(100, 200);
        acct.sessionEnded(s, PppEnd.USER_REQUEST, "bye");
        clock.runPending();
        assertEquals(2, acct.queued());
        int tries = transport.sent.size();
        assertEquals(1, tries, "while nothing answers, the Stop waits behind the Start without a try of its own");

        clock.advance(Accounting.RETRY_MS);
        assertEquals(2, transport.sent.size(), "one probe per retry interval");
        assertEquals(2, acct.queued());

        transport.mode = FakeTransport.Mode.ACK;
        clock.advance(Accounting.RETRY_MS);
        assertEquals(0, acct.queued());
        assertEquals(0, acct.dropped());
        List<Acct> delivered = transport.requests().subList(transport.sent.size() - 2, transport.sent.size());
        assertEquals("1", delivered.get(0).status());
        assertEquals("2", delivered.get(1).status());
        assertEquals(20, delivered.get(0).number(DELAY), "seconds since the Start happened (probes at 10 s, 20 s)");
        assertEquals(15, delivered.get(1).number(DELAY), "seconds since the Stop happened");
        assertEquals(delivered.get(0).sessionId(), delivered.get(1).sessionId());
    }

    @Test
    void aWaitingInterimIsReplacedByTheNextOne() {
        online();
        FakeAaaSession s = session(1, 1);
        accepted(s.context(), List.of(), 60);
        acct.sessionStarted(s);
        clock.runPending();
        transport.mode = FakeTransport.Mode.DOWN;
        for (int i = 1; i <= 5; i++) {
            s.traffic(i * 100L, 0);
            clock.advance(60_000);
        }
        assertEquals(1, acct.queued(), "only the newest Interim-Update waits");
        s.traffic(999, 0);
        acct.sessionEnded(s, PppEnd.IDLE, "idle");
        clock.runPending();
        assertEquals(1, acct.queued(), "the Stop says all the interim did");
        transport.mode = FakeTransport.Mode.ACK;
        clock.advance(Accounting.RETRY_MS);
        Acct last = transport.last();
        assertEquals("2", last.status());
        assertEquals(999, last.number(IN_OCTETS));
        assertEquals(0, acct.dropped());
    }

    @Test
    void aFullQueueDropsTheOldestInterimThenRefusesAndCountsIt() {
        online();
        acct.configure(new AccountingSettings(0, 60, 3));
        transport.mode = FakeTransport.Mode.DOWN;
        FakeAaaSession a = session(1, 1);
        FakeAaaSession b = session(1, 2);
        accepted(a.context(), List.of(), 60);
        acct.sessionStarted(a); // Start a
        acct.sessionStarted(b); // Start b
        clock.advance(60_000); // Interim a: 3 waiting
        assertEquals(3, acct.queued());
        acct.sessionEnded(b, PppEnd.USER_REQUEST, "bye"); // full: the interim goes
        clock.runPending();
        assertEquals(3, acct.queued());
        assertEquals(1, acct.dropped());
        acct.sessionStarted(session(1, 3)); // full, no interim to drop: refused
        clock.runPending();
        assertEquals(2, acct.dropped());

        transport.mode = FakeTransport.Mode.ACK;
        clock.advance(Accounting.RETRY_MS);
        assertEquals(0, acct.queued());
        List<String> statuses = transport.requests().stream().skip(1).map(Acct::status).toList();
        assertEquals(List.of("1", "1", "2"), statuses.subList(statuses.size() - 3, statuses.size()));
    }

    @Test
    void aProbeThatTimesOutPutsTheRecordBackInItsPlace() {
        online();
        transport.mode = FakeTransport.Mode.DOWN;
        acct.sessionStarted(session(1, 1));
        acct.sessionStarted(session(1, 2));
        clock.runPending();
        transport.mode = FakeTransport.Mode.HOLD;
        clock.advance(Accounting.RETRY_MS);
        FakeTransport.Sent probe = transport.sent.get(transport.sent.size() - 1);
        assertEquals(2, acct.queued(), "one waiting, one in flight");
        probe.answer().completeExceptionally(new RadiusTimeoutException("none"));
        clock.runPending();
        transport.mode = FakeTransport.Mode.ACK;
        clock.advance(Accounting.RETRY_MS);
        List<Acct> all = transport.requests();
        assertEquals(all.get(0).sessionId(), all.get(all.size() - 2).sessionId(), "first still first");
        assertEquals(0, acct.queued());
    }

    @Test
    void whenTheServerIsBackTheQueueDrainsInWindows() {
        online();
        transport.mode = FakeTransport.Mode.DOWN;
        for (int i = 1; i <= 80; i++) {
            acct.sessionStarted(session(1, i));
        }
        clock.runPending();
        assertEquals(80, acct.queued());
        transport.mode = FakeTransport.Mode.HOLD;
        clock.advance(Accounting.RETRY_MS);
        int before = transport.sent.size();
        transport.sent.get(before - 1).answer().complete(new AccountingResponse());
        clock.runPending();
        assertEquals(before + Accounting.DRAIN_WINDOW, transport.sent.size(), "a window after the probe");
        for (int i = 0; i < transport.sent.size(); i++) {
            transport.sent.get(i).answer().complete(new AccountingResponse());
            clock.runPending();
        }
        assertEquals(0, acct.queued());
        assertEquals(80, transport.sent.size() - before + 1, "each sent once more, the probe included");
    }

    @Test
    void stoppingWaitsForWhatIsQueued() {
        online();
        transport.mode = FakeTransport.Mode.DOWN;
        acct.sessionStarted(session(1, 1));
        clock.runPending();
        CompletableFuture<Void> stopped = acct.stop();
        clock.advance(2000);
        assertTrue(!stopped.isDone(), "Start, Stop and Off still waiting");
        assertEquals(3, acct.queued());
        transport.mode = FakeTransport.Mode.ACK;
        clock.advance(Accounting.RETRY_MS);
        assertTrue(stopped.isDone());
        assertEquals(List.of("1", "2", "8"), transport.requests().stream().map(Acct::status).distinct().toList());
    }

    @Test
    void closingGivesUpOnWhatNoServerTakesAndCountsIt() {
        FakeTransport down = new FakeTransport();
        down.mode = FakeTransport.Mode.DOWN;
        try (ExecutorScheduler thread = new ExecutorScheduler("test-accounting")) {
            Accounting real = new Accounting(down, new AcceptedSessions(), s -> List.of(), () -> true, thread,
                    AccountingSettings.DEFAULTS);
            real.start();
            real.sessionStarted(new FakeAaaSession(1, 1, "bob", null, Instant.now()));
            long t0 = System.nanoTime();
            real.close(java.time.Duration.ofMillis(300));
            assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "bounded");
            assertEquals(4, real.dropped(), "Accounting-On, Start, Stop and Accounting-Off");
            assertEquals(0, real.queued());
        }
    }
}
