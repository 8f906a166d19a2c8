package org.l2tp.control;

import static org.junit.jupiter.api.Assertions.*;
import static org.l2tp.control.TestDaemons.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.l2tp.api.TunnelInfo;
import org.l2tp.api.TunnelState;
import org.l2tp.codec.Avp;
import org.l2tp.codec.AvpType;
import org.l2tp.codec.AvpValue;
import org.l2tp.codec.ControlMessage;
import org.l2tp.codec.L2tpDecoder;
import org.l2tp.codec.L2tpEncoder;
import org.l2tp.codec.MessageType;

/** Hostile and broken input: the daemon answers as the RFC says, counts it, and keeps its established tunnels. */
class AbuseTest {
    private ControlPlane lns;
    private ControlPlane lac;

    @AfterEach
    void stop() throws Exception {
        TestDaemons.stopAll(lac, lns);
    }

    private static byte[] sccrq(int assignedTunnel) {
        return L2tpEncoder.encode(Messages.sccrq("flooder", assignedTunnel, 4, null, null), null);
    }

    private static ControlMessage receive(DatagramSocket s) throws Exception {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        s.receive(p);
        return (ControlMessage) L2tpDecoder.decode(buf, 0, p.getLength(), null);
    }

    /** Datagrams sent at once before waiting for the daemon to have read them: far below any socket buffer. */
    private static final int BATCH = 50;

    private static long received(ControlPlane cp, String type) {
        return cp.status().counters().received().getOrDefault(type, 0L);
    }

    @Test
    void anSccrqFloodFromManyAddressesIsBoundedAndEstablishedTunnelsKeepWorking() throws Exception {
        // A half-open tunnel lives at least one retransmission time-out (1 s, then 2 retries of 1 s each).
        long halfOpenLifeMs = 1000;
        lns = TestDaemons.start("lns", new TestDaemons.Events(), "max.halfopen.tunnels", "50",
                "retransmit.initial.ms", String.valueOf(halfOpenLifeMs), "retransmit.max.ms",
                String.valueOf(halfOpenLifeMs), "retransmit.retries", "2");
        lac = TestDaemons.start("lac", new TestDaemons.Events());
        TunnelInfo good = lac.openTunnel("127.0.0.1:" + lns.listenAddress().getPort()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        // The good tunnel holds no half-open slot any more (the LNS has its SCCCN) before the flood begins.
        await("the LNS has the good tunnel", 10_000, () -> lns.status().tunnels() == 1
                && lns.counts().halfOpenTunnels() == 0);
        InetSocketAddress target = lns.listenAddress();
        List<DatagramSocket> flooders = new ArrayList<>();
        try {
            // 2,000 SCCRQs from 200 loopback addresses, never completed; sent in batches, each read by the daemon
            // before the next goes, so that no socket buffer drops any, however slow the machine.
            for (int a = 0; a < 200; a++) {
                flooders.add(new DatagramSocket(0, InetAddress.getByName("127.0.1." + (a + 1))));
            }
            int flood = 2000;
            long before = received(lns, "SCCRQ");
            Random r = new Random(1);
            long start = System.nanoTime();
            byte[] marker = L2tpEncoder.encode(ControlMessage.zlb(4242, 0, 0, 0), null);
            for (int i = 0; i < flood; ) {
                for (int end = Math.min(flood, i + BATCH); i < end; i++) {
                    byte[] b = sccrq(1 + r.nextInt(65535));
                    flooders.get(i % flooders.size()).send(new DatagramPacket(b, b.length, target));
                }
                // Once the daemon has counted a ZLB sent after the batch, it has read the batch: the listening
                // socket's datagrams are read in order. A datagram that arrives while a tunnel's socket is
                // between its bind and its connect can land on that socket and be dropped (README, "Security
                // model": the peer retransmits), so the marker is sent again until one is counted.
                long markers = lns.status().protection().unknownTunnel();
                int tries = 0;
                do {
                    assertTrue(tries++ < 100, "the daemon reads the flood");
                    flooders.get(0).send(new DatagramPacket(marker, marker.length, target));
                } while (!TestDaemons.within(200, () -> lns.status().protection().unknownTunnel() > markers));
            }
            long floodMs = (System.nanoTime() - start) / 1_000_000L;
            long got = received(lns, "SCCRQ") - before;
            assertTrue(got >= flood * 9 / 10, "the flood reached the daemon: " + got + " of " + flood);
            ControlPlane.Counts c = lns.counts();
            assertTrue(c.halfOpenTunnels() <= 50, "half-open tunnels bounded by the limit: " + c);
            assertTrue(c.tunnels() <= 51, "tunnels bounded: " + c);
            org.l2tp.api.ProtectionCounters p = lns.status().protection();
            long refused = p.tunnelLimit() + p.peerHalfOpenLimit() + p.peerTunnelLimit();
            long accepted = got - refused;
            // The 50 half-open slots take the first 50 SCCRQs; every one beyond is refused and counted, unless a
            // slot was freed by a time-out meanwhile: a slow flood (a loaded machine) may see each slot used again
            // once per half-open lifetime, a fast one (the usual case) sees exactly got - 50 refusals.
            long maxAccepted = 50 * (1 + floodMs / halfOpenLifeMs);
            assertTrue(accepted >= 50 && accepted <= maxAccepted, "SCCRQs taken: " + accepted + " (at most "
                    + maxAccepted + " in a flood of " + floodMs + " ms), refused: " + p);
            if (floodMs < halfOpenLifeMs) {
                assertEquals(got - 50, refused, "every SCCRQ beyond the 50 half-open slots is counted as refused");
            }
            // Refused SCCRQs are answered with a StopCCN, as fast as the rate limit for strangers allows (a burst
            // of 100), and every one is counted.
            long stopCcns = lns.status().counters().sent().getOrDefault("StopCCN", 0L);
            assertTrue(stopCcns >= Math.min(100, refused), "refused SCCRQs are answered with a StopCCN: " + stopCcns);
            assertEquals(refused, stopCcns + p.answersSuppressed(), "and either answered or counted as suppressed");
            // The established tunnel still places calls during the flood.
            lac.openSession(good.localId(), null).toCompletableFuture().get(10, TimeUnit.SECONDS);
            // Half-open tunnels whose peer never answers are cleared by the transport's time-outs.
            await("half-open tunnels expire", 30_000, () -> lns.counts().halfOpenTunnels() == 0);
            assertEquals(1, lns.counts().tunnels());
            assertEquals(TunnelState.ESTABLISHED, lac.tunnel(good.localId()).orElseThrow().state());
        } finally {
            flooders.forEach(DatagramSocket::close);
        }
    }

    @Test
    void garbageIsCountedAndIgnoredAndUnknownTunnelsAreAnswered() throws Exception {
        lns = TestDaemons.start("lns", new TestDaemons.Events());
        InetSocketAddress target = lns.listenAddress();
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(10_000);
            Random r = new Random(7);
            // In batches, each followed by a ZLB for a tunnel we do not have (counted, never answered): once the
            // daemon has counted that, it has read the whole batch, as datagrams are read in order.
            long barriers = 0;
            for (int i = 0; i < 1000; ) {
                for (int end = i + BATCH; i < end; i++) {
                    byte[] b = new byte[r.nextInt(200)];
                    r.nextBytes(b);
                    if (b.length > 1) {
                        b[1] = (byte) ((b[1] & 0xF0) | 2); // mostly version 2, so the decoder gets past the header
                        b[0] |= (byte) 0xC8; // control message with L and S
                    }
                    s.send(new DatagramPacket(b, b.length, target));
                }
                byte[] zlb = L2tpEncoder.encode(ControlMessage.zlb(4343, 0, 0, 0), null);
                s.send(new DatagramPacket(zlb, zlb.length, target));
                long expected = ++barriers;
                await("the daemon reads a batch of garbage", 30_000, 1,
                        () -> lns.status().protection().unknownTunnel() >= expected);
            }
            await("garbage counted", 10_000, () -> lns.status().counters().malformed() > 500);
            // A HELLO for a tunnel that does not exist: StopCCN, result 2, error 1 (section 4.4.2).
            byte[] hello = L2tpEncoder.encode(ControlMessage.of(MessageType.HELLO).withIds(4242, 0)
                    .withSequence(7, 0), null);
            s.send(new DatagramPacket(hello, hello.length, target));
            ControlMessage answer;
            do {
                answer = receive(s);
            } while (answer.isZlb() || answer.type() != MessageType.STOPCCN);
            AvpValue.ResultCode rc = answer.value(AvpType.RESULT_CODE, AvpValue.ResultCode.class);
            assertEquals(2, rc.result());
            assertEquals(1, rc.error());
            assertEquals(8, answer.nr(), "it acknowledges what it answers");
        }
        assertEquals(0, lns.counts().tunnels(), "no tunnel was created by garbage");
    }

    @Test
    void anUnknownMandatoryAvpInAnIcrqClearsTheCallNotTheTunnel() throws Exception {
        lns = TestDaemons.start("lns", new TestDaemons.Events());
        InetSocketAddress target = lns.listenAddress();
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(10_000);
            byte[] b = L2tpEncoder.encode(Messages.sccrq("raw-lac", 77, 4, null, null), null);
            s.send(new DatagramPacket(b, b.length, target));
            ControlMessage sccrp = receive(s);
            assertEquals(MessageType.SCCRP, sccrp.type());
            InetSocketAddress tunnelSocket = target;
            int lnsTunnel = sccrp.u16(AvpType.ASSIGNED_TUNNEL_ID);
            b = L2tpEncoder.encode(ControlMessage.of(MessageType.SCCCN).withIds(lnsTunnel, 0).withSequence(1, 1),
                    null);
            s.send(new DatagramPacket(b, b.length, tunnelSocket));
            await("tunnel up", 10_000, () -> lns.status().tunnels() == 1);
            ControlMessage icrq = ControlMessage.of(MessageType.ICRQ, Avp.u16(AvpType.ASSIGNED_SESSION_ID, 5),
                    Avp.u32(AvpType.CALL_SERIAL_NUMBER, 1), new Avp(9, 99, false, false,
                            new AvpValue.Raw(new byte[] {1}))).withIds(lnsTunnel, 0).withSequence(2, 1);
            b = L2tpEncoder.encode(icrq, null);
            b[b.length - 7] |= (byte) 0x80; // the vendor AVP's M bit
            s.send(new DatagramPacket(b, b.length, tunnelSocket));
            ControlMessage cdn;
            do {
                cdn = receive(s);
            } while (cdn.isZlb());
            assertEquals(MessageType.CDN, cdn.type());
            assertEquals(5, cdn.sessionId());
            AvpValue.ResultCode rc = cdn.value(AvpType.RESULT_CODE, AvpValue.ResultCode.class);
            assertEquals(2, rc.result());
            assertEquals(8, rc.error(), "error 8: unknown AVP with the M bit");
            assertEquals(3, cdn.nr(), "the ICRQ was consumed and acknowledged");
            assertEquals(1, lns.status().tunnels(), "the tunnel survives");
            assertEquals(0, lns.sessions(0).size());
        }
    }
}
