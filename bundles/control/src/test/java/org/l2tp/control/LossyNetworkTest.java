package org.l2tp.control;

import static org.junit.jupiter.api.Assertions.*;
import static org.l2tp.control.TestDaemons.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.l2tp.api.SessionInfo;
import org.l2tp.api.TunnelInfo;

/**
 * 1,000 sessions come up and go down through a relay that drops 20 % of datagrams each way, duplicates and
 * reorders others: none is lost and nothing is left behind.
 */
class LossyNetworkTest {
    private static final int TUNNELS = 20;
    private static final int SESSIONS_PER_TUNNEL = 50;

    @Test
    void aThousandSessionsThroughALossyRelay() throws Exception {
        TestDaemons.Events lacEvents = new TestDaemons.Events();
        TestDaemons.Events lnsEvents = new TestDaemons.Events();
        String[] timers = {"retransmit.initial.ms", "100", "retransmit.max.ms", "400", "retransmit.retries", "12",
            "hello.interval", "0", "session.setup.timeout", "120", "tunnel.setup.timeout", "120",
            // Every tunnel comes from the relay's one address.
            "max.halfopen.tunnels.per.peer", "1000"};
        ControlPlane lns = TestDaemons.start("lns", lnsEvents, timers);
        ControlPlane lac = TestDaemons.start("lac", lacEvents, timers);
        try (LossyRelay relay = new LossyRelay(lns.listenAddress(), 0.20, 0.05, 0.05, 20261124L)) {
            String target = "127.0.0.1:" + relay.clientFacing().getPort();
            List<CompletableFuture<TunnelInfo>> tunnels = new ArrayList<>();
            for (int i = 0; i < TUNNELS; i++) {
                tunnels.add(lac.openTunnel(target).toCompletableFuture());
            }
            List<CompletableFuture<SessionInfo>> sessions = new ArrayList<>();
            for (CompletableFuture<TunnelInfo> f : tunnels) {
                TunnelInfo t = f.get(60, TimeUnit.SECONDS);
                for (int i = 0; i < SESSIONS_PER_TUNNEL; i++) {
                    sessions.add(lac.openSession(t.localId(), null).toCompletableFuture());
                }
            }
            List<SessionInfo> up = new ArrayList<>();
            for (CompletableFuture<SessionInfo> f : sessions) {
                up.add(f.get(120, TimeUnit.SECONDS));
            }
            int total = TUNNELS * SESSIONS_PER_TUNNEL;
            assertEquals(total, up.size());
            await("LNS sees every session", 60_000, () -> lns.counts().establishedSessions() == total);
            assertEquals(total, lnsEvents.count("session-up"));

            for (SessionInfo s : up) {
                lac.closeSession(s.tunnelId(), s.localId(), 3, "test over");
            }
            await("every session down on both sides", 120_000,
                    () -> lac.counts().sessions() == 0 && lns.counts().sessions() == 0);
            assertEquals(total, lacEvents.count("session-down"));
            assertEquals(total, lnsEvents.count("session-down"));

            for (TunnelInfo t : lac.tunnels()) {
                lac.closeTunnel(t.localId(), 1, "test over");
            }
            try {
                await("no tunnel left", 60_000, () -> lac.counts().tunnels() == 0 && lns.counts().tunnels() == 0);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + ": LAC " + lac.tunnels() + "\nLNS " + lns.tunnels(), e);
            }
            assertEquals(ControlPlane.Counts.NONE, lac.counts());
            assertEquals(ControlPlane.Counts.NONE, lns.counts());
            assertTrue(relay.dropped.get() > 1000, "the relay really dropped: " + relay.dropped.get());
            assertTrue(relay.duplicated.get() > 100 && relay.reordered.get() > 100,
                    "duplicated " + relay.duplicated.get() + ", reordered " + relay.reordered.get());
            System.out.println("relay: forwarded " + relay.forwarded + ", dropped " + relay.dropped + ", duplicated "
                    + relay.duplicated + ", reordered " + relay.reordered + "; LAC retransmissions "
                    + lac.status().counters().retransmissions());
        } finally {
            TestDaemons.stopAll(lac, lns);
        }
    }
}
