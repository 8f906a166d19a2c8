package org.l2tp.control;

import static org.junit.jupiter.api.Assertions.*;
import static org.l2tp.control.TestDaemons.await;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.l2tp.api.SessionInfo;
import org.l2tp.api.TunnelInfo;

/** The LAC keeps its configured tunnel and calls up, as xl2tpd's autodial/redial does. */
class LacDialerTest {
    private ControlPlane lac;
    private ControlPlane lns;

    @AfterEach
    void stop() throws Exception {
        TestDaemons.stopAll(lac, lns);
    }

    @Test
    void connectAtStartPlacesTheCallsAndRedialsWhatDrops() throws Exception {
        TestDaemons.Events lnsEvents = new TestDaemons.Events();
        lns = TestDaemons.start("lns", lnsEvents);
        lac = TestDaemons.start("lac", new TestDaemons.Events());
        lac.putPeer(TestDaemons.peer(lns, lac, "lns", "connect", "true", "sessions", "3", "redial.min", "1",
                "redial.max", "2"));
        await("tunnel and 3 calls", 10_000, () -> lns.counts().establishedSessions() == 3);

        // The LNS clears one call: the LAC places it again after its back-off.
        TunnelInfo lnsTunnel = lns.tunnels().get(0);
        SessionInfo victim = lns.sessions(0).get(0);
        lns.closeSession(lnsTunnel.localId(), victim.localId(), 3, "test").toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        await("call re-placed", 10_000, () -> lnsEvents.count("session-up") == 4 && lns.counts().establishedSessions() == 3);

        // The LNS tears the tunnel down: the LAC redials it and its calls.
        lns.closeTunnel(lnsTunnel.localId(), 1, "test").toCompletableFuture().get(10, TimeUnit.SECONDS);
        await("tunnel redialled", 10_000, () -> lnsEvents.count("tunnel-up") == 2 && lns.counts().establishedSessions() == 3);

        // Removing the peer configuration sends a StopCCN and stops redialling.
        lac.removePeer("lns");
        await("tunnel gone on both sides", 10_000, () -> lac.counts().tunnels() == 0 && lns.counts().tunnels() == 0);
        assertFalse(lac.dialer.redialPending("lns"), "no redial is scheduled after the peer was removed");
        assertEquals(0, lac.counts().tunnels(), "and none is being dialled");
        assertEquals(0, lns.counts().tunnels(), "no redial after the peer was removed");
    }

    @Test
    void hiddenAvpsBetweenOurOwnDaemons() throws Exception {
        lns = TestDaemons.start("lns", new TestDaemons.Events(), "secret", "s3cret");
        lac = TestDaemons.start("lac", new TestDaemons.Events());
        lac.putPeer(TestDaemons.peer(lns, lac, "lns", "secret", "s3cret", "hidden.avps", "true"));
        TunnelInfo t = lac.openTunnel("lns").toCompletableFuture().get(10, TimeUnit.SECONDS);
        SessionInfo s = lac.openSession(t.localId(), null).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await("LNS has the call", 10_000, () -> lns.counts().establishedSessions() == 1);
        assertEquals(s.localId(), lns.sessions(0).get(0).peerId(), "the hidden Assigned Session ID was revealed");
    }
}
