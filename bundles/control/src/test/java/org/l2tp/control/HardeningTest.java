package org.l2tp.control;

import static org.junit.jupiter.api.Assertions.*;
import static org.l2tp.control.TestDaemons.await;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.l2tp.api.ProtectionCounters;
import org.l2tp.api.TunnelInfo;
import org.l2tp.api.TunnelState;
import org.l2tp.codec.Avp;
import org.l2tp.codec.AvpType;
import org.l2tp.codec.AvpValue;
import org.l2tp.codec.CdnResult;
import org.l2tp.codec.ControlMessage;
import org.l2tp.codec.L2tpEncoder;
import org.l2tp.codec.MessageType;
import org.l2tp.codec.StopCcnResult;

/**
 * What strangers must not be able to do (issue "Hardening"): hold half-open tunnels for good, tear down someone
 * else's tunnel, slip in before the configuration, share our port, exceed their share, or make us write and send
 * without bound; and the review items (ties, live reconfiguration, section 7.2.1 in ESTABLISHED, ICMP).
 */
class HardeningTest {
    private ControlPlane lns;
    private ControlPlane lac;

    @AfterEach
    void stop() throws Exception {
        TestDaemons.stopAll(lac, lns);
    }

    private ProtectionCounters protection(ControlPlane cp) {
        return cp.status().protection();
    }

    private static int result(ControlMessage m) {
        return m.value(AvpType.RESULT_CODE, AvpValue.ResultCode.class).result();
    }

    @Test
    void halfOpenTunnelsWhoseSccrpWasAcknowledgedExpireAndCostNothingAfterwards() throws Exception {
        int setupTimeoutS = 2;
        for (int attempt = 1; ; attempt++) {
            lns = TestDaemons.start("lns", new TestDaemons.Events(), "tunnel.setup.timeout",
                    String.valueOf(setupTimeoutS), "max.halfopen.tunnels", "4", "max.halfopen.tunnels.per.peer", "100");
            InetSocketAddress target = lns.listenAddress();
            try (RawPeer attacker = new RawPeer("127.0.0.2"); RawPeer good = new RawPeer("127.0.0.3")) {
                long start = System.nanoTime();
                for (int i = 1; i <= 4; i++) {
                    attacker.send(Messages.sccrq("stuck", i, 4, null, null).withSequence(0, 0), target);
                    RawPeer.Received sccrp = attacker.receive();
                    assertEquals(MessageType.SCCRP, sccrp.type());
                    // Acknowledged, so nothing is left to retransmit; no SCCCN ever follows.
                    attacker.send(ControlMessage.zlb(sccrp.message().u16(AvpType.ASSIGNED_TUNNEL_ID), 0, 1, 1),
                            sccrp.from());
                }
                int halfOpen = lns.status().halfOpenTunnels();
                good.send(Messages.sccrq("good", 9, 4, null, null).withSequence(0, 0), target);
                MessageType answer = good.receive().type();
                if (System.nanoTime() - start >= setupTimeoutS * 1_000_000_000L && attempt < 3) {
                    // Too slow a machine to tell: the first stuck tunnel may have expired already. Again.
                    TestDaemons.stopAll(lns);
                    lns = null;
                    continue;
                }
                assertEquals(4, halfOpen);
                assertEquals(MessageType.STOPCCN, answer, "the half-open slots are full");
                await("stuck tunnels expire", 10_000, () -> lns.status().halfOpenTunnels() == 0
                        && lns.tunnels().isEmpty());
                assertEquals(4, protection(lns).tunnelSetupTimeouts());
                good.send(Messages.sccrq("good", 10, 4, null, null).withSequence(0, 0), target);
                assertEquals(MessageType.SCCRP, good.receive().type(), "a legitimate peer gets in again");
                return;
            }
        }
    }

    @Test
    void messagesFromAnotherPortOfThePeersAddressChangeNothing() throws Exception {
        lns = TestDaemons.start("lns", new TestDaemons.Events());
        try (RawPeer peer = new RawPeer("127.0.0.2"); RawPeer neighbour = new RawPeer("127.0.0.2")) {
            InetSocketAddress tunnel = peer.establish(lns.listenAddress(), 100);
            await("tunnel up", 10_000, () -> lns.status().tunnels() == 1);
            // An unknown mandatory AVP in a tunnel message: the decoder says StopCCN (section 4.1).
            ControlMessage hostile = ControlMessage.of(MessageType.HELLO, Avp.raw(9, 99, true, new byte[] {1}))
                    .withIds(peer.daemonTunnel, 0).withSequence(peer.ns, peer.nr);
            neighbour.send(hostile, tunnel);
            neighbour.send(Messages.stopCcn(100, 1, 0, "bye").withIds(peer.daemonTunnel, 0)
                    .withSequence(peer.ns, peer.nr), tunnel);
            byte[] truncated = L2tpEncoder.encode(hostile, null);
            neighbour.sendRaw(java.util.Arrays.copyOf(truncated, 14), tunnel);
            await("all three counted", 10_000, () -> protection(lns).foreignSource() >= 2
                    && lns.status().counters().malformed() >= 2);
            assertEquals(TunnelState.ESTABLISHED, lns.tunnels().get(0).state());
            assertEquals(0L, lns.status().counters().sent().getOrDefault("StopCCN", 0L), "no StopCCN to anyone");
            assertNull(neighbour.receiveWithin(200), "nothing is answered to the neighbour");
            peer.sendInTunnel(ControlMessage.of(MessageType.HELLO), 0, tunnel);
            RawPeer.Received ack;
            do {
                ack = peer.receiveAny();
                assertTrue(ack.message().isZlb(), "only acknowledgements come: " + ack.message());
            } while (ack.message().nr() != peer.ns);
        }
    }

    @Test
    void sccrqsWaitUntilTheConfigurationIsComplete() throws Exception {
        Map<String, Object> p = new HashMap<>(Map.of("host.name", "lns", "listen.address", "127.0.0.1",
                "listen.port", "0", "dataplane", "null"));
        lns = new ControlPlane(DaemonConfig.from(p), new NullDataPlane(), null, null);
        lns.awaitConfiguration();
        lns.start();
        try (RawPeer peer = new RawPeer("127.0.0.2")) {
            peer.send(Messages.sccrq("early", 11, 4, null, null).withSequence(0, 0), lns.listenAddress());
            await("dropped", 10_000, () -> protection(lns).startupDropped() == 1);
            lns.putPeer(PeerConfig.from(Map.of("name", "p1", "address", "127.0.0.2:"
                    + peer.address().getPort(), "secret", "topsecret"), lns.config()));
            lns.configurationComplete();
            // Both are handed to the loop, which takes them in order before a query made after them: once that has
            // its answer they are in effect (an SCCRQ read before would still be dropped, and rightly so).
            assertEquals(java.util.List.of("p1"), lns.peerNames());
            peer.send(Messages.sccrq("early", 12, 4, null, null).withSequence(0, 0), lns.listenAddress());
            RawPeer.Received first = peer.receive();
            assertEquals(MessageType.SCCRP, first.type());
            assertEquals(12, first.message().tunnelId(), "the SCCRQ sent before the configuration got no answer");
            assertNotNull(first.message().octets(AvpType.CHALLENGE), "the configured peer's secret applies");
            assertEquals(1, protection(lns).startupDropped(), "only the early SCCRQ was dropped");
        }
    }

    @Test
    void theDefaultRefusesUnconfiguredPeers() throws Exception {
        lns = new ControlPlane(DaemonConfig.from(Map.of("listen.address", "127.0.0.1", "listen.port", "0",
                "dataplane", "null")), new NullDataPlane(), null, null);
        lns.start();
        try (RawPeer stranger = new RawPeer("127.0.0.2")) {
            stranger.send(Messages.sccrq("stranger", 5, 4, null, null).withSequence(0, 0), lns.listenAddress());
            RawPeer.Received r = stranger.receive();
            assertEquals(MessageType.STOPCCN, r.type());
            assertEquals(StopCcnResult.NOT_AUTHORIZED.code(), result(r.message()));
            assertEquals(1, protection(lns).notAuthorized());
            assertTrue(lns.tunnels().isEmpty());
        }
    }

    @Test
    void nobodyElseCanBindOurAddressAndPort() throws Exception {
        lns = TestDaemons.start("lns", new TestDaemons.Events());
        int port = lns.listenAddress().getPort();
        IOException e = assertThrows(IOException.class, () -> TestDaemons.start("second",
                new TestDaemons.Events(), "listen.port", String.valueOf(port)));
        assertTrue(e.getMessage().contains("cannot bind UDP 127.0.0.1:" + port), e.getMessage());
        try (DatagramChannel thief = DatagramChannel.open()) {
            thief.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            assertThrows(java.net.BindException.class, () -> thief.bind(lns.listenAddress()),
                    "SO_REUSEADDR does not share a port bound with SO_REUSEPORT only");
        }
        // The daemon still answers.
        try (RawPeer peer = new RawPeer("127.0.0.2")) {
            peer.establish(lns.listenAddress(), 3);
        }
    }

    @Test
    void onePeerCannotTakeEveryTunnelOrSessionSlot() throws Exception {
        lns = TestDaemons.start("lns", new TestDaemons.Events(), "max.halfopen.tunnels.per.peer", "2",
                "max.tunnels.per.peer", "3", "max.sessions.per.tunnel", "2");
        InetSocketAddress target = lns.listenAddress();
        try (RawPeer greedy = new RawPeer("127.0.0.2"); RawPeer other = new RawPeer("127.0.0.3");
             RawPeer many = new RawPeer("127.0.0.4")) {
            int sccrps = 0;
            int refused = 0;
            for (int i = 1; i <= 3; i++) {
                greedy.send(Messages.sccrq("greedy", i, 4, null, null).withSequence(0, 0), target);
                RawPeer.Received r = greedy.receive();
                if (r.type() == MessageType.SCCRP) {
                    sccrps++;
                } else {
                    assertEquals(MessageType.STOPCCN, r.type());
                    assertEquals(StopCcnResult.GENERAL_ERROR.code(), result(r.message()));
                    refused++;
                }
            }
            assertEquals(2, sccrps);
            assertEquals(1, refused);
            assertEquals(1, protection(lns).peerHalfOpenLimit());
            InetSocketAddress tunnel = other.establish(target, 50);
            // Completed tunnels: three from one address, not four.
            for (int i = 1; i <= 3; i++) {
                try (RawPeer port = new RawPeer("127.0.0.4")) {
                    port.establish(target, 60 + i);
                }
                int established = 1 + i;
                await("established", 10_000, () -> lns.status().tunnels() == established);
            }
            many.send(Messages.sccrq("many", 70, 4, null, null).withSequence(0, 0), target);
            assertEquals(MessageType.STOPCCN, many.receive().type());
            assertEquals(1, protection(lns).peerTunnelLimit());
            // Sessions: two per tunnel; a third is refused with a CDN; a live Assigned Session ID is not reused.
            other.sendInTunnel(Messages.icrq(1, 1, null, false), 0, tunnel);
            assertEquals(MessageType.ICRP, other.receive().type());
            other.sendInTunnel(Messages.icrq(1, 2, null, false), 0, tunnel);
            RawPeer.Received dup = other.receive();
            assertEquals(MessageType.CDN, dup.type());
            assertEquals(1, dup.message().sessionId());
            assertEquals(1, protection(lns).duplicateSessionIds());
            assertEquals(1, lns.sessions(0).size(), "the live session stays");
            other.sendInTunnel(Messages.icrq(2, 3, null, false), 0, tunnel);
            assertEquals(MessageType.ICRP, other.receive().type());
            other.sendInTunnel(Messages.icrq(3, 4, null, false), 0, tunnel);
            RawPeer.Received third = other.receive();
            assertEquals(MessageType.CDN, third.type());
            assertEquals(CdnResult.TEMPORARY_NO_FACILITIES.code(), result(third.message()));
            assertEquals(1, protection(lns).tunnelSessionLimit());
        }
    }

    @Test
    void answersToUnknownTunnelsAreRateLimitedAndCountedExactly() throws Exception {
        lns = TestDaemons.start("lns", new TestDaemons.Events());
        int sent = 2000;
        int batch = 50;
        long answers = 0;
        long floodMs;
        try (RawPeer flooder = new RawPeer("127.0.0.2")) {
            // In batches, each read by the daemon and its answers taken before the next: no socket buffer on
            // either side drops anything, however slow the machine.
            long start = System.nanoTime();
            for (int i = 0; i < sent; ) {
                for (int end = Math.min(sent, i + batch); i < end; i++) {
                    flooder.send(ControlMessage.of(MessageType.HELLO).withIds(1 + i % 60000, 0).withSequence(i, 0),
                            lns.listenAddress());
                }
                int counted = i;
                await("the daemon reads " + counted + " HELLOs", 30_000, 1,
                        () -> protection(lns).unknownTunnel() == counted);
                long answered = lns.status().counters().sent().getOrDefault("StopCCN", 0L);
                for (; answers < answered; answers++) {
                    assertEquals(MessageType.STOPCCN, flooder.receiveAny().type());
                }
            }
            floodMs = (System.nanoTime() - start) / 1_000_000L;
            assertNull(flooder.receiveWithin(100), "no answer beyond those the daemon counted");
        }
        ProtectionCounters p = protection(lns);
        // The token bucket holds a burst of 100 and refills at 50 a second: over the flood's duration (measured
        // around it, so at least as long as the daemon saw it), at most this many answers.
        long most = 100 + (long) Math.ceil(50 * (floodMs + 2) / 1000.0);
        assertTrue(answers >= 100 && answers <= most, "a burst of 100, then 50 a second: " + answers + " answers in "
                + floodMs + " ms (at most " + most + ")");
        assertTrue(answers < sent || floodMs > (sent - 100) * 20L, "the flood was rate-limited: " + answers);
        assertEquals(sent, answers + p.answersSuppressed(), "every message is either answered or counted");
    }

    @Test
    void anSccrqOrScccnInEstablishedClearsTheTunnel() throws Exception {
        lns = TestDaemons.start("lns", new TestDaemons.Events());
        try (RawPeer peer = new RawPeer("127.0.0.2")) {
            InetSocketAddress tunnel = peer.establish(lns.listenAddress(), 7);
            await("tunnel up", 10_000, () -> lns.status().tunnels() == 1);
            peer.sendInTunnel(ControlMessage.of(MessageType.SCCCN), 0, tunnel);
            RawPeer.Received stop = peer.receive();
            assertEquals(MessageType.STOPCCN, stop.type(), "section 7.2.1: established, receive SCCCN");
            assertEquals(StopCcnResult.FSM_ERROR.code(), result(stop.message()));
            assertEquals(TunnelState.CLOSING, lns.tunnels().get(0).state());
        }
    }

    /** Answers our daemon's SCCRQ with one of its own that wins the tie, then completes the peer's tunnel. */
    private static void winTie(RawPeer peer, InetSocketAddress daemon, int peerTunnel) throws IOException {
        RawPeer.Received ours = peer.receive();
        assertEquals(MessageType.SCCRQ, ours.type());
        peer.send(Messages.sccrq("winner", peerTunnel, 4, null, new byte[8]).withSequence(0, 0), daemon);
        RawPeer.Received sccrp;
        do {
            sccrp = peer.receive();
        } while (sccrp.type() == MessageType.SCCRQ); // our SCCRQ's retransmissions, if any
        assertEquals(MessageType.SCCRP, sccrp.type());
        peer.daemonTunnel = sccrp.message().u16(AvpType.ASSIGNED_TUNNEL_ID);
        peer.ns = 1;
        peer.send(ControlMessage.of(MessageType.SCCCN).withIds(peer.daemonTunnel, 0).withSequence(1, 1),
                sccrp.from());
    }

    @Test
    void twoTiesLostAtOnceEachCallerGetsItsOwnPeersTunnel() throws Exception {
        lac = TestDaemons.start("lac", new TestDaemons.Events(), "retransmit.initial.ms", "3000",
                "retransmit.max.ms", "3000");
        try (RawPeer a = new RawPeer("127.0.0.2"); RawPeer b = new RawPeer("127.0.0.3")) {
            CompletableFuture<TunnelInfo> toA = lac.openTunnel("127.0.0.2:" + a.address().getPort())
                    .toCompletableFuture();
            CompletableFuture<TunnelInfo> toB = lac.openTunnel("127.0.0.3:" + b.address().getPort())
                    .toCompletableFuture();
            winTie(a, lac.listenAddress(), 21);
            winTie(b, lac.listenAddress(), 22);
            TunnelInfo ta = toA.get(10, TimeUnit.SECONDS);
            TunnelInfo tb = toB.get(10, TimeUnit.SECONDS);
            assertEquals(a.address(), ta.peer());
            assertEquals(21, ta.peerId());
            assertEquals(b.address(), tb.peer());
            assertEquals(22, tb.peerId());
            assertFalse(ta.initiator(), "the peer's SCCRQ won");
            assertEquals(2, lac.tunnels().size(), "the withdrawn tunnels are gone");
        }
    }

    @Test
    void aDialerThatLosesATieKeepsThePeersTunnelAndPlacesItsCallsThere() throws Exception {
        lac = TestDaemons.start("lac", new TestDaemons.Events(), "retransmit.initial.ms", "3000",
                "retransmit.max.ms", "3000");
        try (RawPeer lnsPeer = new RawPeer("127.0.0.2")) {
            lac.putPeer(PeerConfig.from(Map.of("name", "lns", "address", "127.0.0.2:" + lnsPeer.address().getPort(),
                    "connect", "true", "sessions", "1"), lac.config()));
            winTie(lnsPeer, lac.listenAddress(), 31);
            RawPeer.Received icrq = lnsPeer.receive();
            assertEquals(MessageType.ICRQ, icrq.type(), "the call goes on the tunnel the peer brought up");
            assertEquals(31, icrq.message().tunnelId());
            assertEquals(1, lac.tunnels().size(), "no second tunnel is dialled");
            assertFalse(lac.dialer.redialPending("lns"), "nor scheduled");
            assertNull(lnsPeer.receiveWithin(300), "and no second SCCRQ follows");
        }
    }

    @Test
    void aChangedHelloIntervalReachesLiveTunnels() throws Exception {
        lns = TestDaemons.start("lns", new TestDaemons.Events(), "hello.interval", "0");
        lac = TestDaemons.start("lac", new TestDaemons.Events(), "hello.interval", "0");
        TunnelInfo t = lac.openTunnel("127.0.0.1:" + lns.listenAddress().getPort()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        Map<String, Object> next = new HashMap<>(Map.of("host.name", "lns", "listen.address", "127.0.0.1",
                "listen.port", String.valueOf(lns.listenAddress().getPort()), "dataplane", "null",
                "accept.unconfigured", "true", "hello.interval", "1"));
        lns.reconfigure(DaemonConfig.from(next));
        await("the LNS sends HELLO on the live tunnel", 10_000, () -> lns.tunnels().get(0).counters().sent()
                .getOrDefault("HELLO", 0L) >= 1);
        await("the LAC gets it", 10_000, () -> lac.tunnel(t.localId()).orElseThrow().counters().received()
                .getOrDefault("HELLO", 0L) >= 1);
    }

    /** A loopback address no other test binds: only a wildcard socket can take a port we found free there. */
    private static final String NOBODY = "127.0.0.77";

    @Test
    void aPortAnsweringIcmpUnreachableFailsTheOpenAtOnce() throws Exception {
        // A port just found free may be taken before the SCCRQ gets there (then no ICMP comes): another port then.
        Throwable last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            lac = TestDaemons.start("lac", new TestDaemons.Events(), "retransmit.initial.ms", "20000",
                    "retransmit.max.ms", "20000");
            int closed;
            try (DatagramSocket s = new DatagramSocket(0, java.net.InetAddress.getByName(NOBODY))) {
                closed = s.getLocalPort();
            }
            CompletableFuture<TunnelInfo> f = lac.openTunnel(NOBODY + ":" + closed).toCompletableFuture();
            try {
                TunnelInfo t = f.get(10, TimeUnit.SECONDS); // the first retransmission would be 20 s away
                last = new AssertionError("a tunnel came up with " + NOBODY + ":" + closed + ": " + t);
            } catch (ExecutionException e) {
                if (String.valueOf(e.getCause().getMessage()).contains("unreachable")) {
                    await("the tunnel is gone", 10_000, () -> lac.tunnels().isEmpty());
                    return;
                }
                last = e.getCause();
            } catch (java.util.concurrent.TimeoutException e) {
                last = new AssertionError("no ICMP port unreachable from " + NOBODY + ":" + closed + " within 10 s", e);
            }
            TestDaemons.stopAll(lac);
            lac = null;
        }
        throw new AssertionError("the open never failed at once with port unreachable: " + last.getMessage(), last);
    }
}
