package org.l2tp.ppp.link;

import static org.junit.jupiter.api.Assertions.*;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.l2tp.api.aaa.AuthMethod;
import org.l2tp.api.aaa.SessionContext;
import org.l2tp.api.ppp.AddressSource;
import org.l2tp.api.ppp.PppEnd;
import org.l2tp.api.ppp.PppSettings;
import org.l2tp.ppp.frame.Protocols;
import org.l2tp.ppp.users.LocalUsers;
import org.l2tp.ppp.users.User;

/**
 * Two links back to back without a kernel: our LNS (authenticator, address pool, local users) and our LAC (client)
 * run every phase of RFC 1661 section 3 with each authentication method, on a virtual clock.
 */
class PppLinkTest {
    private static final SessionContext CALL = new SessionContext(1, 2, 3, "100", "200", "192.0.2.2", "192.0.2.1",
            "default");

    /** A virtual clock and the one "thread" both links run on: tasks, frames and timers in order. */
    static final class World implements Timers, java.util.concurrent.Executor {
        private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        private final PriorityQueue<long[]> due = new PriorityQueue<>((a, b) -> a[0] != b[0]
                ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        private final List<Runnable> timerTasks = new ArrayList<>();
        private long now;
        private long seq;

        @Override
        public long nowMs() {
            return now;
        }

        @Override
        public Timer schedule(long delayMs, Runnable task) {
            long[] e = {now + delayMs, seq++, timerTasks.size()};
            timerTasks.add(task);
            due.add(e);
            return () -> timerTasks.set((int) e[2], null);
        }

        @Override
        public void execute(Runnable r) {
            tasks.add(r);
        }

        void pump() {
            Runnable r;
            while ((r = tasks.poll()) != null) {
                r.run();
            }
        }

        /** Advances the clock by {@code ms}, running timers as they fall due and everything they cause. */
        void advance(long ms) {
            long end = now + ms;
            pump();
            while (!due.isEmpty() && due.peek()[0] <= end) {
                long[] e = due.poll();
                now = e[0];
                Runnable t = timerTasks.get((int) e[2]);
                if (t != null) {
                    timerTasks.set((int) e[2], null);
                    t.run();
                }
                pump();
            }
            now = end;
        }
    }

    /** One side's Io: frames to the other side's link (through the world's queue), and what the kernel was told. */
    static final class Side implements PppLink.Io {
        final World world;
        PppLink link;
        Side peer;
        Predicate<byte[]> drop = f -> false;
        final List<byte[]> sent = new ArrayList<>();
        Integer mtu;
        Inet4Address local;
        Inet4Address remote;
        long[] ipv6;
        PppEnd end;
        String reason;
        boolean ended;
        int ipv4Downs;
        /** What the kernel would say: seconds since the last data frame, and the session's counters. */
        long idle = -1;
        org.l2tp.api.dataplane.DataCounters counters = org.l2tp.api.dataplane.DataCounters.ZERO;

        @Override
        public long idleSeconds() {
            return idle;
        }

        @Override
        public org.l2tp.api.dataplane.DataCounters counters() {
            return counters;
        }

        Side(World world) {
            this.world = world;
        }

        @Override
        public void sendChannel(byte[] frame) {
            sent.add(frame);
            if (!drop.test(frame)) {
                world.execute(() -> peer.link.receive(frame));
            }
        }

        @Override
        public void sendUnit(byte[] frame) {
            sendChannel(frame);
        }

        @Override
        public void networkPhase(int mtu, int mru) {
            this.mtu = mtu;
        }

        @Override
        public void ipv4Up(Inet4Address l, Inet4Address r) {
            local = l;
            remote = r;
        }

        @Override
        public void ipv4Down() {
            ipv4Downs++;
        }

        @Override
        public void ipv6Up(long localId, long peerId) {
            ipv6 = new long[] {localId, peerId};
        }

        @Override
        public void ended(PppEnd e, String why) {
            assertFalse(ended, "ended twice");
            ended = true;
            end = e;
            reason = why;
        }

        int protocolsSent(int protocol) {
            int n = 0;
            for (byte[] f : sent) {
                if (((f[0] & 0xff) << 8 | (f[1] & 0xff)) == protocol) {
                    n++;
                }
            }
            return n;
        }
    }

    static final class Pool implements AddressSource {
        final Set<String> leased = new HashSet<>();
        int size = 3;

        @Override
        public synchronized String lease() {
            for (int i = 10; i < 10 + size; i++) {
                if (leased.add("10.0.0." + i)) {
                    return "10.0.0." + i;
                }
            }
            return null;
        }

        @Override
        public synchronized void release(String a) {
            leased.remove(a);
        }

        @Override
        public synchronized boolean reserve(String a) {
            return !contains(a) || leased.add(a);
        }

        @Override
        public boolean contains(String a) {
            return a.startsWith("10.0.0.");
        }
    }

    final World world = new World();
    final Side lns = new Side(world);
    final Side lac = new Side(world);
    final Pool pool = new Pool();
    final LocalUsers users = new LocalUsers();

    PppLinkTest() {
        users.update(List.of(new User("alice", "alicepass", null), new User("fixed", "fixedpass", "10.9.9.9")));
    }

    void connect(List<AuthMethod> require, List<AuthMethod> allow, String user, String password, boolean ipv6) {
        PppSettings s = new PppSettings("default", require, "local", List.of(), "lns", null, "10.0.0.1",
                List.of("10.0.0.53"), 0, 1400, 2, 3, ipv6, false, pool);
        PppSettings c = new PppSettings("default", List.of(), "local", allow, user, password, null, List.of(), 0,
                1400, 2, 3, ipv6, false, null);
        lns.link = new PppLink(s, true, lns, world, world, new SplittableRandom(1), users, CALL);
        lac.link = new PppLink(c, false, lac, world, world, new SplittableRandom(2), null, CALL);
        lns.peer = lac;
        lac.peer = lns;
        world.execute(lns.link::start);
        world.execute(lac.link::start);
        world.advance(0);
    }

    void assertUp(String method) throws Exception {
        assertEquals(PppLink.Phase.NETWORK, lns.link.phase());
        assertEquals(PppLink.Phase.NETWORK, lac.link.phase());
        assertEquals(InetAddress.getByName("10.0.0.1"), lns.local);
        assertEquals(InetAddress.getByName("10.0.0.10"), lns.remote);
        assertEquals(lns.local, lac.remote);
        assertEquals(lns.remote, lac.local);
        assertEquals("alice", lns.link.user());
        assertEquals(method, lns.link.authMethod());
        assertEquals(1400, lns.mtu);
        assertTrue(lns.link.state().contains("IPCP opened"), lns.link.state());
    }

    @Test
    void eachMethodBringsBothSidesUpWithPoolAddressesAndIpv6() throws Exception {
        for (AuthMethod m : AuthMethod.values()) {
            PppLinkTest t = new PppLinkTest();
            t.connect(List.of(m), List.of(AuthMethod.values()), "alice", "alicepass", true);
            t.assertUp(m.key());
            assertNotNull(t.lns.ipv6, m + ": IPv6CP up");
            assertEquals(t.lns.ipv6[0], t.lac.ipv6[1]);
            assertEquals(t.lns.ipv6[1], t.lac.ipv6[0]);
            assertNotEquals(0, t.lns.ipv6[0]);
            assertEquals(Set.of("10.0.0.10"), t.pool.leased);
        }
    }

    @Test
    void theLnsOffersItsMethodsInOrderAndTakesTheFirstThePeerAccepts() throws Exception {
        connect(List.of(AuthMethod.MSCHAP_V2, AuthMethod.CHAP_MD5, AuthMethod.PAP), List.of(AuthMethod.PAP),
                "alice", "alicepass", false);
        assertUp("pap");
    }

    @Test
    void aWrongPasswordEndsTheLinkAsPppdsExitElevenDoes() {
        connect(List.of(AuthMethod.CHAP_MD5), List.of(AuthMethod.values()), "alice", "wrong", true);
        world.advance(30_000);
        assertEquals(PppEnd.PEER_AUTH_FAILED, lns.end);
        assertEquals(2, lns.end.cdnResult());
        assertNull(lns.local, "no network phase");
        assertTrue(lac.ended);
        assertEquals(PppEnd.AUTH_TO_PEER_FAILED, lac.end);
        assertTrue(pool.leased.isEmpty());
    }

    @Test
    void aPeerThatRefusesEveryMethodWeAskForFailsNegotiation() {
        connect(List.of(AuthMethod.MSCHAP_V2), List.of(AuthMethod.PAP), "alice", "alicepass", false);
        world.advance(60_000);
        assertEquals(PppEnd.NEGOTIATION_FAILED, lns.end, lns.reason);
        assertEquals(11, lns.end.cdnResult());
    }

    @Test
    void aPeerThatStopsAnsweringEchoRequestsIsFoundDead() throws Exception {
        connect(List.of(AuthMethod.CHAP_MD5), List.of(AuthMethod.values()), "alice", "alicepass", false);
        assertUp("chap");
        lac.drop = f -> true;
        world.advance(2_000 * 10);
        assertEquals(PppEnd.PEER_DEAD, lns.end, lns.reason);
        assertEquals(1, lns.end.cdnResult());
        assertTrue(pool.leased.isEmpty(), "the address goes back to the pool");
    }

    @Test
    void closeTerminatesBothSidesAndTheClosingSideReportsNoEnd() throws Exception {
        connect(List.of(AuthMethod.CHAP_MD5), List.of(AuthMethod.values()), "alice", "alicepass", false);
        assertUp("chap");
        world.execute(() -> lns.link.close("operator"));
        world.advance(10_000);
        assertTrue(lns.ended);
        assertNull(lns.end, "closed on request: not an end of its own");
        assertEquals(PppEnd.HANGUP, lac.end, lac.reason);
        assertTrue(pool.leased.isEmpty());
    }

    @Test
    void abortSendsOneTerminateRequestAndReleasesAtOnce() throws Exception {
        connect(List.of(AuthMethod.CHAP_MD5), List.of(AuthMethod.values()), "alice", "alicepass", false);
        int before = lns.protocolsSent(Protocols.LCP);
        lns.link.abort("session closed");
        assertTrue(lns.ended);
        assertNull(lns.end);
        assertEquals(before + 1, lns.protocolsSent(Protocols.LCP));
        assertTrue(pool.leased.isEmpty());
        world.advance(10_000);
        assertEquals(PppEnd.HANGUP, lac.end);
    }

    @Test
    void aFixedAddressOfTheUserWinsOverThePool() throws Exception {
        connect(List.of(AuthMethod.PAP), List.of(AuthMethod.values()), "fixed", "fixedpass", false);
        assertEquals(InetAddress.getByName("10.9.9.9"), lns.remote);
        assertTrue(pool.leased.isEmpty());
    }

    @Test
    void anExhaustedPoolEndsTheCall() {
        pool.size = 0;
        connect(List.of(AuthMethod.PAP), List.of(AuthMethod.values()), "alice", "alicepass", false);
        world.advance(10_000);
        assertEquals(PppEnd.NO_ADDRESS, lns.end);
        assertEquals(4, lns.end.cdnResult(), "temporary lack of facilities");
        assertTrue(lns.reason.contains("pool is exhausted"), lns.reason);
    }

    @Test
    void ccpAndUnknownProtocolsGetAProtocolRejectOnceTheLinkIsUp() throws Exception {
        connect(List.of(AuthMethod.PAP), List.of(AuthMethod.values()), "alice", "alicepass", false);
        assertUp("pap");
        int before = lns.protocolsSent(Protocols.LCP);
        // CCP Configure-Request with Deflate (RFC 1979), as pppd sends it without nodeflate.
        lns.link.receive(new byte[] {(byte) 0x80, (byte) 0xfd, 1, 1, 0, 8, 26, 4, 0x78, 0});
        world.advance(0);
        assertEquals(before + 1, lns.protocolsSent(Protocols.LCP));
        byte[] last = lns.sent.get(lns.sent.size() - 1);
        assertEquals(8, last[2], "LCP Protocol-Reject (RFC 1661 section 5.7)");
        assertEquals((byte) 0x80, last[6]);
        assertEquals((byte) 0xfd, last[7]);
        assertEquals(PppLink.Phase.NETWORK, lns.link.phase(), "nothing else changes");
    }

    @Test
    void framesBeforeTheirPhaseAreSilentlyDiscarded() {
        PppSettings s = new PppSettings("default", List.of(AuthMethod.PAP), "local", List.of(), "lns", null,
                "10.0.0.1", List.of(), 0, 0, 0, 0, false, false, pool);
        lns.link = new PppLink(s, true, lns, world, world, new SplittableRandom(1), users, CALL);
        lns.peer = lac;
        lac.link = new PppLink(s, false, lac, world, world, new SplittableRandom(1), users, CALL);
        lac.drop = f -> true;
        lns.drop = f -> true;
        lns.link.start();
        int before = lns.sent.size();
        // IPCP Configure-Request and a PAP Authenticate-Request while LCP is not opened: RFC 1661 section 3.4.
        lns.link.receive(new byte[] {(byte) 0x80, 0x21, 1, 1, 0, 10, 3, 6, 0, 0, 0, 0});
        lns.link.receive(new byte[] {(byte) 0xc0, 0x23, 1, 1, 0, 6, 0, 0});
        assertEquals(before, lns.sent.size());
        assertEquals(PppLink.Phase.ESTABLISH, lns.link.phase());
    }

    @Test
    void malformedFramesNeverThrow() {
        connect(List.of(AuthMethod.PAP), List.of(AuthMethod.values()), "alice", "alicepass", true);
        SplittableRandom r = new SplittableRandom(7);
        int[] protocols = {Protocols.LCP, Protocols.PAP, Protocols.CHAP, Protocols.IPCP, Protocols.IPV6CP, 0x80fd};
        for (int i = 0; i < 20_000; i++) {
            byte[] f = new byte[r.nextInt(0, 40)];
            r.nextBytes(f);
            if (f.length >= 2 && r.nextBoolean()) {
                int p = protocols[r.nextInt(protocols.length)];
                f[0] = (byte) (p >> 8);
                f[1] = (byte) p;
            }
            lns.link.receive(f);
            lac.link.receive(f);
        }
        world.advance(0);
    }

    @Test
    void aPeerThatNeverAuthenticatesIsCutOffAtTheSetUpDeadline() {
        // LCP opens, then the client never answers a challenge: the authenticator's own deadline or the link's
        // set-up deadline ends it; either way nothing is held past SETUP_DEADLINE_MS.
        connect(List.of(AuthMethod.CHAP_MD5), List.of(AuthMethod.values()), "alice", "alicepass", false);
        world.advance(0);
        assertEquals(PppLink.Phase.NETWORK, lns.link.phase());
        PppLinkTest t = new PppLinkTest();
        t.lac.drop = f -> ((f[0] & 0xff) << 8 | (f[1] & 0xff)) == Protocols.CHAP;
        t.connect(List.of(AuthMethod.CHAP_MD5), List.of(AuthMethod.values()), "alice", "alicepass", false);
        assertEquals(PppLink.Phase.AUTHENTICATE, t.lns.link.phase());
        t.world.advance(PppLink.SETUP_DEADLINE_MS + 10_000);
        assertTrue(t.lns.ended);
        assertNotNull(t.lns.end);
        assertTrue(t.pool.leased.isEmpty());
    }

    @Test
    void lcpRenegotiationReauthenticatesOnTheSameAddressAndIsCapped() throws Exception {
        connect(List.of(AuthMethod.CHAP_MD5), List.of(AuthMethod.values()), "alice", "alicepass", false);
        assertUp("chap");
        // The LAC's LCP sees a Configure-Request in Opened (a retransmission that crossed our Ack, say): RFC 1661
        // section 4.1, Opened + RCR: tld, scr, sca; both sides negotiate and authenticate again.
        for (int i = 1; i <= PppLink.MAX_RENEGOTIATIONS; i++) {
            lns.link.receive(new byte[] {(byte) 0xc0, 0x21, 1, (byte) (100 + i), 0, 4});
            world.advance(5_000);
            assertEquals(PppLink.Phase.NETWORK, lns.link.phase(), "renegotiation " + i);
            assertEquals(InetAddress.getByName("10.0.0.10"), lns.remote, "the same address");
            assertEquals(Set.of("10.0.0.10"), pool.leased, "no second lease");
            assertTrue(lns.ipv4Downs > 0, "IPv4 stops while LCP renegotiates");
            assertFalse(lns.ended);
        }
        lns.link.receive(new byte[] {(byte) 0xc0, 0x21, 1, (byte) 120, 0, 4});
        world.advance(10_000);
        assertEquals(PppEnd.HANGUP, lns.end, lns.reason);
    }

    @Test
    void aChannelThatGoesAwayIsAHangupReportedToTheControlPlane() throws Exception {
        connect(List.of(AuthMethod.PAP), List.of(AuthMethod.values()), "alice", "alicepass", false);
        assertUp("pap");
        lns.link.lost("the kernel closed the channel");
        assertEquals(PppEnd.HANGUP, lns.end);
        assertTrue(pool.leased.isEmpty());
    }

    @Test
    void everyPhaseRowNamesItsSection() {
        for (var row : PppLink.PHASES.rows()) {
            assertTrue(row.section().matches("3\\.\\d.*"), row.toString());
        }
    }
}
