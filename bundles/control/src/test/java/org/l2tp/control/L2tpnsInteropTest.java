package org.l2tp.control;

import static org.junit.jupiter.api.Assertions.*;
import static org.l2tp.control.TestDaemons.await;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.l2tp.api.SessionInfo;
import org.l2tp.api.TunnelInfo;
import org.l2tp.api.TunnelState;

/** Our LAC against Debian's l2tpns, an LNS written independently of xl2tpd and of us. */
class L2tpnsInteropTest {

    @Test
    void ourLacBringsUpATunnelAndASessionOnL2tpns() throws Exception {
        TestDaemons.Events events = new TestDaemons.Events();
        try (L2tpns l2tpns = L2tpns.start("sharedsecret")) {
            ControlPlane lac = TestDaemons.start("our-lac", events, "listen.address", l2tpns.local);
            try {
                lac.putPeer(PeerConfig.from(Map.of("name", "l2tpns", "address", l2tpns.remote + ":1701",
                        "secret", "sharedsecret"), lac.config()));
                TunnelInfo t = lac.openTunnel("l2tpns").toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertEquals(TunnelState.ESTABLISHED, t.state());
                SessionInfo s = lac.openSession(t.localId(), null).toCompletableFuture().get(10, TimeUnit.SECONDS);
                assertTrue(s.peerId() > 0, "l2tpns assigned a session id");
                l2tpns.awaitLog("New session", 10_000);
                lac.closeTunnel(t.localId(), 1, "test over").toCompletableFuture().get(10, TimeUnit.SECONDS);
                await("no state left", 10_000, () -> lac.counts().tunnels() == 0);
            } finally {
                TestDaemons.stopAll(lac);
            }
        }
    }
}
