package org.l2tp.control;

import static org.junit.jupiter.api.Assertions.*;
import static org.l2tp.control.TestDaemons.await;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.l2tp.api.SessionInfo;
import org.l2tp.api.SessionState;
import org.l2tp.api.TunnelInfo;
import org.l2tp.api.TunnelState;

/** Our LAC against our LNS on loopback: calls both ways, authentication, tie breaker, HELLO, dead peers. */
class LacLnsTest {
    private ControlPlane lac;
    private ControlPlane lns;
    private final TestDaemons.Events lacEvents = new TestDaemons.Events();
    private final TestDaemons.Events lnsEvents = new TestDaemons.Events();

    @AfterEach
    void stop() throws Exception {
        TestDaemons.stopAll(lac, lns);
    }

    private TunnelInfo connect() throws Exception {
        return lac.openTunnel("127.0.0.1:" + lns.listenAddress().getPort()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @Test
    void incomingCallUpAndDownFromEitherSide() throws Exception {
        lns = TestDaemons.start("lns", lnsEvents);
        lac = TestDaemons.start("lac", lacEvents);
        TunnelInfo t = connect();
        assertEquals(TunnelState.ESTABLISHED, t.state());
        assertEquals("lns", t.peerHostName());
        await("LNS tunnel up", 10_000, () -> lnsEvents.count("tunnel-up") == 1);
        TunnelInfo lnsSide = lns.tunnels().get(0);
        assertEquals(t.localId(), lnsSide.peerId());
        assertEquals(t.peerId(), lnsSide.localId());
        assertEquals("lac", lnsSide.peerHostName());

        SessionInfo s = lac.openSession(t.localId(), null).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(SessionState.ESTABLISHED, s.state());
        assertTrue(s.lac());
        await("LNS session up", 10_000, () -> lnsEvents.count("session-up") == 1);
        SessionInfo lnsSession = lns.sessions(0).get(0);
        assertEquals(s.localId(), lnsSession.peerId());
        assertEquals(s.peerId(), lnsSession.localId());
        assertFalse(lnsSession.lac());

        // CDN from the LAC.
        lac.closeSession(t.localId(), s.localId(), 3, "admin").toCompletableFuture().get(10, TimeUnit.SECONDS);
        await("LNS session down", 10_000, () -> lns.sessions(0).isEmpty());
        assertEquals(1, lnsEvents.count("session-down"));

        // CDN from the LNS.
        SessionInfo s2 = lac.openSession(t.localId(), null).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await("LNS second session", 10_000, () -> lns.sessions(0).size() == 1);
        lns.closeSession(lnsSide.localId(), lns.sessions(0).get(0).localId(), 3, "admin")
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        await("LAC session gone", 10_000, () -> lac.sessions(0).isEmpty());

        // StopCCN from the LNS tears the tunnel down on both sides; nothing is left after the hold time.
        lns.closeTunnel(lnsSide.localId(), 1, "bye").toCompletableFuture().get(10, TimeUnit.SECONDS);
        await("LAC tunnel down", 10_000, () -> lacEvents.count("tunnel-down") == 1);
        await("no state left", 10_000, () -> lac.counts().tunnels() == 0 && lns.counts().tunnels() == 0);
        assertEquals(ControlPlane.Counts.NONE, lac.counts());
        assertEquals(ControlPlane.Counts.NONE, lns.counts());
    }

    @Test
    void outgoingCallPlacedByTheLns() throws Exception {
        lns = TestDaemons.start("lns", lnsEvents);
        lac = TestDaemons.start("lac", lacEvents);
        connect();
        await("LNS tunnel up", 10_000, () -> lnsEvents.count("tunnel-up") == 1);
        TunnelInfo lnsSide = lns.tunnels().get(0);
        SessionInfo s = lns.openSession(lnsSide.localId(), "5551234").toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(s.outgoing());
        assertFalse(s.lac());
        await("LAC outgoing call", 10_000, () -> lac.sessions(0).size() == 1
                && lac.sessions(0).get(0).state() == SessionState.ESTABLISHED);
        SessionInfo lacSide = lac.sessions(0).get(0);
        assertTrue(lacSide.lac());
        assertTrue(lacSide.outgoing());
        assertEquals("5551234", lacSide.calledNumber());
    }

    @Test
    void tunnelAuthenticationWithTheRightAndAWrongSecret() throws Exception {
        lns = TestDaemons.start("lns", lnsEvents, "secret", "right");
        lac = TestDaemons.start("lac", lacEvents);
        lac.putPeer(TestDaemons.peer(lns, lac, "lns", "secret", "right"));
        TunnelInfo t = lac.openTunnel("lns").toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(TunnelState.ESTABLISHED, t.state());
        lac.closeTunnel(t.localId(), 1, null);
        await("closed", 10_000, () -> lac.counts().tunnels() == 0 && lns.counts().tunnels() == 0);

        lac.putPeer(TestDaemons.peer(lns, lac, "lns", "secret", "wrong"));
        CompletionException e = assertThrows(CompletionException.class,
                () -> lac.openTunnel("lns").toCompletableFuture().join());
        assertTrue(e.getCause().getMessage().contains("challenge response"), e.getCause().getMessage());
        await("nothing left", 10_000, () -> lac.counts().tunnels() == 0 && lns.counts().tunnels() == 0);
        assertEquals(0, lnsEvents.count("tunnel-up") - 1, "only the first tunnel came up on the LNS");

        // A LAC without a secret facing an LNS that challenges is refused too.
        lac.removePeer("lns");
        Exception noSecret = assertThrows(Exception.class, this::connect);
        assertTrue(noSecret.getMessage().contains("no secret"), noSecret.getMessage());
    }

    @Test
    void crossingSccrqsAreSettledByTheTieBreaker() throws Exception {
        lns = TestDaemons.start("a", lnsEvents);
        lac = TestDaemons.start("b", lacEvents);
        // Each opens towards the other at the same moment; exactly one tunnel must survive.
        var f1 = lac.openTunnel("127.0.0.1:" + lns.listenAddress().getPort()).toCompletableFuture();
        var f2 = lns.openTunnel("127.0.0.1:" + lac.listenAddress().getPort()).toCompletableFuture();
        TunnelInfo a = f1.get(10, TimeUnit.SECONDS);
        TunnelInfo b = f2.get(10, TimeUnit.SECONDS);
        assertEquals(a.localId(), b.peerId(), "both callers got the same tunnel");
        await("one tunnel each", 10_000, () -> lac.tunnels().size() == 1 && lns.tunnels().size() == 1);
    }

    @Test
    void helloKeepsAQuietTunnelAliveAndADeadPeerIsDetected() throws Exception {
        lns = TestDaemons.start("lns", lnsEvents, "hello.interval", "1");
        lac = TestDaemons.start("lac", lacEvents, "hello.interval", "1");
        TunnelInfo t = connect();
        // The quiet tunnel stays up: the LAC's HELLO reaches the LNS and is acknowledged (nothing left in flight).
        await("a HELLO sent by the LAC, received by the LNS and acknowledged", 10_000, () -> {
            TunnelInfo ours = lac.tunnel(t.localId()).orElseThrow();
            TunnelInfo theirs = lns.tunnel(t.peerId()).orElseThrow();
            return ours.state() == TunnelState.ESTABLISHED && theirs.state() == TunnelState.ESTABLISHED
                    && ours.counters().sent().getOrDefault("HELLO", 0L) >= 1
                    && theirs.counters().received().getOrDefault("HELLO", 0L) >= 1
                    && ours.counters().queued() == 0;
        });
        TunnelInfo after = lac.tunnel(t.localId()).orElseThrow();
        assertEquals(TunnelState.ESTABLISHED, after.state());
        assertTrue(after.counters().sent().getOrDefault("HELLO", 0L) >= 1, after.counters().toString());
        // The LNS dies without a word: the LAC's HELLO goes unacknowledged and the tunnel is torn down.
        lns.loop.close();
        await("dead peer detected", 15_000, () -> lac.counts().tunnels() == 0);
        assertEquals(1, lacEvents.count("tunnel-down"));
        lns = null;
    }

    @Test
    void limitsRefuseWithTheRfcAnswer() throws Exception {
        lns = TestDaemons.start("lns", lnsEvents, "max.sessions", "2");
        lac = TestDaemons.start("lac", lacEvents);
        TunnelInfo t = connect();
        lac.openSession(t.localId(), null).toCompletableFuture().get(10, TimeUnit.SECONDS);
        lac.openSession(t.localId(), null).toCompletableFuture().get(10, TimeUnit.SECONDS);
        CompletionException e = assertThrows(CompletionException.class,
                () -> lac.openSession(t.localId(), null).toCompletableFuture().join());
        assertTrue(e.getCause().getMessage().contains("result 4"), e.getCause().getMessage());
        assertEquals(2, lns.counts().establishedSessions());
    }

    @Test
    void noDataPlaneMeansCallsAreRefusedWithAReason() throws Exception {
        lns = TestDaemons.start("lns", lnsEvents);
        lns.dataPlane(null, "kernel", "this kernel has no PPPoL2TP (modprobe l2tp_ppp)");
        lac = TestDaemons.start("lac", lacEvents);
        TunnelInfo t = connect();
        CompletionException e = assertThrows(CompletionException.class,
                () -> lac.openSession(t.localId(), null).toCompletableFuture().join());
        assertTrue(e.getCause().getMessage().contains("modprobe l2tp_ppp"), e.getCause().getMessage());
        assertEquals(List.of(), lns.sessions(0));
    }
}
