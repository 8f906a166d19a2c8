package org.l2tp.control;

import static org.junit.jupiter.api.Assertions.*;
import static org.l2tp.control.TestDaemons.await;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.l2tp.api.SessionInfo;
import org.l2tp.api.TunnelInfo;
import org.l2tp.api.TunnelState;

/**
 * Interoperability with Debian's xl2tpd 1.3.x on loopback, both roles, with and without tunnel authentication, and
 * every way a tunnel ends. xl2tpd's pppd cannot start on a kernel without PPP, so xl2tpd ends each call with a CDN
 * right after it is connected (as in the shared captures): the call still comes up first, which is what is tested.
 */
class Xl2tpdInteropTest {
    private ControlPlane ours;
    private Xl2tpd peer;
    private final TestDaemons.Events events = new TestDaemons.Events();

    @AfterEach
    void stop() throws Exception {
        if (peer != null) {
            peer.close();
        }
        TestDaemons.stopAll(ours);
    }

    private ControlPlane lns(String... kv) throws Exception {
        String[] all = new String[kv.length + 2];
        all[0] = "hello.interval";
        all[1] = "2";
        System.arraycopy(kv, 0, all, 2, kv.length);
        return TestDaemons.start("our-lns", events, all);
    }

    private void assertNoStateLeft() throws InterruptedException {
        await("no state left on our side", 10_000, () -> {
            ControlPlane.Counts c = ours.counts();
            return c.tunnels() == 0 && c.sessions() == 0 && c.halfOpenTunnels() == 0;
        });
    }

    // ---------------------------------------------------------------- xl2tpd LAC -> our LNS

    @Test
    void xl2tpdLacToOurLns() throws Exception {
        ours = lns();
        peer = Xl2tpd.lac("lac-plain", ours.listenAddress().getPort(), null);
        peer.control("c ours");
        await("tunnel from xl2tpd", 10_000, () -> events.count("tunnel-up") == 1);
        await("call from xl2tpd", 10_000, () -> events.count("session-up") == 1);
        TunnelInfo t = ours.tunnels().get(0);
        assertEquals("xl2tpd-lac", t.peerHostName());
        assertEquals(4, t.counters().sendWindow(), "xl2tpd advertises a window of 4");
        peer.awaitLog("Call established", 10_000);
        // xl2tpd's pppd fails here and it clears the call with a CDN: the session ends, the tunnel stays.
        await("CDN from xl2tpd", 10_000, () -> events.count("session-down") == 1);
        assertEquals(TunnelState.ESTABLISHED, ours.tunnels().get(0).state());
        // xl2tpd's StopCCN (d NAME) tears the tunnel down.
        peer.control("d ours");
        await("StopCCN from xl2tpd", 10_000, () -> events.count("tunnel-down") == 1);
        assertNoStateLeft();
    }

    @Test
    void xl2tpdLacToOurLnsWithAuthentication() throws Exception {
        ours = lns("secret", "sharedsecret");
        peer = Xl2tpd.lac("lac-auth", ours.listenAddress().getPort(), "sharedsecret");
        peer.control("c ours");
        await("authenticated tunnel", 10_000, () -> events.count("tunnel-up") == 1);
        await("call", 10_000, () -> events.count("session-up") == 1);
        // Our StopCCN: xl2tpd acknowledges and logs it.
        int id = ours.tunnels().get(0).localId();
        ours.closeTunnel(id, 1, "operator says bye").toCompletableFuture().get(10, TimeUnit.SECONDS);
        peer.awaitLog("operator says bye", 10_000);
        assertNoStateLeft();
    }

    @Test
    void xl2tpdLacWithAWrongSecretIsRefusedByXl2tpd() throws Exception {
        ours = lns("secret", "sharedsecret");
        peer = Xl2tpd.lac("lac-wrong", ours.listenAddress().getPort(), "not-the-secret");
        peer.control("c ours");
        // xl2tpd challenged us; our SCCRP's response (made with our secret) fails its check.
        peer.awaitLog("Invalid challenge authentication", 10_000);
        // Once our half-open tunnel is gone, it can no longer come up.
        assertNoStateLeft();
        assertEquals(0, events.count("tunnel-up"));
    }

    @Test
    void xl2tpdLacWithAWrongSecretIsRefusedByUs() throws Exception {
        ours = lns("secret", "sharedsecret");
        peer = Xl2tpd.lac("lac-wrong-us", ours.listenAddress().getPort(), "not-the-secret", false);
        peer.control("c ours");
        // Only we challenge: xl2tpd's SCCCN answers with its wrong secret and our StopCCN refuses it (result 4).
        peer.awaitLog("challenge response missing or wrong", 10_000);
        assertEquals(0, events.count("tunnel-up"));
        assertNoStateLeft();
    }

    @Test
    void xl2tpdKilledWithoutStopCcnIsDetected() throws Exception {
        ours = lns("retransmit.initial.ms", "200", "retransmit.max.ms", "400", "retransmit.retries", "3");
        peer = Xl2tpd.lac("lac-killed", ours.listenAddress().getPort(), null);
        peer.control("c ours");
        await("tunnel", 10_000, () -> events.count("tunnel-up") == 1);
        // SIGTERM: xl2tpd exits without a StopCCN, as if it crashed.
        peer.signal("TERM");
        assertTrue(peer.waitExit(10_000));
        await("dead peer detected by HELLO", 15_000, () -> events.count("tunnel-down") == 1);
        assertNoStateLeft();
    }

    @Test
    void xl2tpdSigintSendsServerClosing() throws Exception {
        ours = lns();
        peer = Xl2tpd.lac("lac-sigint", ours.listenAddress().getPort(), null);
        peer.control("c ours");
        await("tunnel", 10_000, () -> events.count("tunnel-up") == 1);
        peer.signal("INT");
        await("StopCCN Server closing", 10_000, () -> events.count("tunnel-down") == 1);
        assertNoStateLeft();
    }

    // ---------------------------------------------------------------- our LAC -> xl2tpd LNS

    private TunnelInfo dial(String secret) throws Exception {
        ours = TestDaemons.start("our-lac", events, "hello.interval", "2");
        PeerConfig p = PeerConfig.from(secret == null
                ? java.util.Map.of("name", "xl2tpd", "address", Xl2tpd.ADDRESS + ":" + peer.port)
                : java.util.Map.of("name", "xl2tpd", "address", Xl2tpd.ADDRESS + ":" + peer.port, "secret", secret),
                ours.config());
        ours.putPeer(p);
        return ours.openTunnel("xl2tpd").toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void ourLacToXl2tpdLns() throws Exception {
        peer = Xl2tpd.lns("lns-plain", null);
        TunnelInfo t = dial(null);
        assertEquals("xl2tpd-lns", t.peerHostName());
        SessionInfo s = ours.openSession(t.localId(), null).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(s.peerId() > 0);
        peer.awaitLog("Call established", 10_000);
        await("xl2tpd clears the call (its pppd cannot start)", 10_000, () -> events.count("session-down") == 1);
        // Our StopCCN.
        ours.closeTunnel(t.localId(), 1, "done").toCompletableFuture().get(10, TimeUnit.SECONDS);
        peer.awaitLog("done", 10_000);
        assertNoStateLeft();
    }

    @Test
    void ourLacToXl2tpdLnsWithAuthentication() throws Exception {
        peer = Xl2tpd.lns("lns-auth", "sharedsecret");
        TunnelInfo t = dial("sharedsecret");
        assertEquals(TunnelState.ESTABLISHED, t.state());
        ours.openSession(t.localId(), null).toCompletableFuture().get(10, TimeUnit.SECONDS);
        // xl2tpd's StopCCN on SIGINT.
        peer.signal("INT");
        await("StopCCN from xl2tpd", 10_000, () -> events.count("tunnel-down") == 1);
        assertNoStateLeft();
    }

    @Test
    void xl2tpdRevealsTheAvpsWeHide() throws Exception {
        peer = Xl2tpd.lns("lns-hidden", "sharedsecret");
        ours = TestDaemons.start("our-lac", events, "hello.interval", "2");
        ours.putPeer(PeerConfig.from(java.util.Map.of("name", "xl2tpd", "address", Xl2tpd.ADDRESS + ":" + peer.port,
                "secret", "sharedsecret", "hidden.avps", "true"), ours.config()));
        TunnelInfo t = ours.openTunnel("xl2tpd").toCompletableFuture().get(10, TimeUnit.SECONDS);
        SessionInfo s = ours.openSession(t.localId(), null).toCompletableFuture().get(10, TimeUnit.SECONDS);
        // xl2tpd could only answer our ICRQ after revealing its hidden Assigned Session ID.
        peer.awaitLog("Call established", 10_000);
        assertTrue(peer.log().contains("Remote: " + s.localId()), "xl2tpd logged our session id " + s.localId());
    }

    @Test
    void ourLacWithAWrongSecretIsRefusedByUsAndByXl2tpd() throws Exception {
        peer = Xl2tpd.lns("lns-wrong", "sharedsecret");
        Exception e = assertThrows(Exception.class, () -> dial("wrong-secret"));
        assertTrue(e.getMessage().contains("challenge response"), e.getMessage());
        assertNoStateLeft();
    }

    @Test
    void ourLacSeesXl2tpdLnsDieWithoutStopCcn() throws Exception {
        peer = Xl2tpd.lns("lns-killed", null);
        TunnelInfo t = dial(null);
        assertEquals(TunnelState.ESTABLISHED, t.state());
        peer.signal("TERM");
        assertTrue(peer.waitExit(10_000));
        await("dead peer detected", 20_000, () -> events.count("tunnel-down") == 1);
        assertNoStateLeft();
    }
}
