package org.l2tp.ppp.link;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.l2tp.api.aaa.AaaSession;
import org.l2tp.api.aaa.AuthMethod;
import org.l2tp.api.aaa.AuthRequest;
import org.l2tp.api.aaa.AuthResult;
import org.l2tp.api.aaa.Authenticator;
import org.l2tp.api.aaa.SessionContext;
import org.l2tp.api.dataplane.DataCounters;
import org.l2tp.api.ppp.PppEnd;
import org.l2tp.api.ppp.PppSettings;
import org.l2tp.ppp.link.PppLinkTest.Pool;
import org.l2tp.ppp.link.PppLinkTest.Side;
import org.l2tp.ppp.link.PppLinkTest.World;
import org.l2tp.ppp.users.LocalUsers;
import org.l2tp.ppp.users.User;

/**
 * What an AAA server's answer does to a link (RFC 2865 reply attributes as AuthResult) and what the AAA provider
 * hears for accounting (start, end, counters, live timeouts as a CoA sets them): two links back to back, no kernel.
 */
class PppLinkAaaTest {
    private static final SessionContext CALL = new SessionContext(7, 9, 42, "100", "200", "192.0.2.2", "192.0.2.1",
            "default", "lac.example", "lns.example");

    /** Local users decide; the reply is then shaped like a RADIUS Access-Accept; accounting calls are recorded. */
    static final class Scripted implements Authenticator {
        final LocalUsers users = new LocalUsers();
        UnaryOperator<AuthResult> reply = r -> r;
        final List<AaaSession> started = new ArrayList<>();
        final List<Object[]> ended = new ArrayList<>();

        Scripted() {
            users.update(List.of(new User("alice", "alicepass", null)));
        }

        @Override
        public CompletionStage<AuthResult> authenticate(AuthRequest request) {
            return users.authenticate(request).thenApply(r -> r.accepted() ? reply.apply(r) : r);
        }

        @Override
        public void sessionStarted(AaaSession s) {
            started.add(s);
        }

        @Override
        public void sessionEnded(AaaSession s, PppEnd end, String reason) {
            ended.add(new Object[] {s, end, reason, s.counters()});
        }
    }

    final World world = new World();
    final Side lns = new Side(world);
    final Side lac = new Side(world);
    final Pool pool = new Pool();
    final Pool gold = new Pool();
    final Scripted aaa = new Scripted();

    void connect() {
        PppSettings s = new PppSettings("default", List.of(AuthMethod.CHAP_MD5), "radius", List.of(), "lns", null,
                "10.0.0.1", List.of(), 0, 1400, 2, 3, false, false, pool, Map.of("gold", gold)::get);
        PppSettings c = new PppSettings("default", List.of(), "local", List.of(AuthMethod.values()), "alice",
                "alicepass", null, List.of(), 0, 1400, 2, 3, false, false, null);
        lns.link = new PppLink(s, true, lns, world, world, new SplittableRandom(1), aaa, CALL);
        lac.link = new PppLink(c, false, lac, world, world, new SplittableRandom(2), null, CALL);
        lns.peer = lac;
        lac.peer = lns;
        world.execute(lns.link::start);
        world.execute(lac.link::start);
        world.advance(0);
    }

    private static AuthResult with(AuthResult r, String address, String pool, int sessionS, int idleS, int mtu) {
        return new AuthResult(true, r.message(), r.mschapSuccess(), address, pool, sessionS, idleS, mtu, 0, null);
    }

    @Test
    void anAssignedAddressIsTheOneThePeerGetsAndItIsKeptInThePool() throws Exception {
        aaa.reply = r -> with(r, "10.0.0.11", null, 0, 0, 0);
        connect();
        assertEquals(InetAddress.getByName("10.0.0.11"), lns.remote);
        assertEquals(InetAddress.getByName("10.0.0.11"), lac.local);
        assertTrue(pool.leased.contains("10.0.0.11"), "no other session may lease it");
        assertEquals("10.0.0.10", pool.lease(), "the pool goes on around it");
        pool.release("10.0.0.10");
        world.execute(() -> lns.link.close("operator"));
        world.advance(10_000);
        assertFalse(pool.leased.contains("10.0.0.11"), "given back at the end");
    }

    @Test
    void anAssignedAddressAnotherSessionHoldsRefusesTheCall() {
        pool.leased.add("10.0.0.11");
        aaa.reply = r -> with(r, "10.0.0.11", null, 0, 0, 0);
        connect();
        world.advance(1_000);
        assertEquals(PppEnd.NO_ADDRESS, lns.end, lns.reason);
        assertTrue(lns.reason.contains("in use"), lns.reason);
        assertEquals(4, lns.end.cdnResult());
    }

    @Test
    void anAddressOutsideEveryPoolIsGivenAsItIs() throws Exception {
        aaa.reply = r -> with(r, "198.51.100.7", null, 0, 0, 0);
        connect();
        assertEquals(InetAddress.getByName("198.51.100.7"), lns.remote);
        assertTrue(pool.leased.isEmpty());
    }

    @Test
    void peerChoosesIsRefusedAndThePeerGetsAPoolAddress() throws Exception {
        // RFC 2865 section 5.8's 255.255.255.255 would let the peer route any address of its choice to itself (a
        // server's, another subscriber's): it is served as 255.255.255.254, from the pool.
        aaa.reply = r -> with(r, AuthResult.PEER_CHOOSES, null, 0, 0, 0);
        connect();
        assertEquals(InetAddress.getByName("10.0.0.10"), lns.remote);
        assertEquals(java.util.Set.of("10.0.0.10"), pool.leased);
    }

    @Test
    void aNamedPoolIsTheProfilesOfThatName() throws Exception {
        aaa.reply = r -> with(r, null, "gold", 0, 0, 0);
        connect();
        assertEquals(InetAddress.getByName("10.0.0.10"), lns.remote);
        assertEquals(List.of("10.0.0.10"), List.copyOf(gold.leased));
        assertTrue(pool.leased.isEmpty());
    }

    @Test
    void aPoolNoProfileHasRefusesTheCall() {
        aaa.reply = r -> with(r, null, "platinum", 0, 0, 0);
        connect();
        world.advance(1_000);
        assertEquals(PppEnd.NO_ADDRESS, lns.end);
        assertTrue(lns.reason.contains("platinum"), lns.reason);
    }

    @Test
    void framedMtuCapsTheInterfaceMtu() {
        aaa.reply = r -> with(r, null, null, 0, 0, 1280);
        connect();
        assertEquals(1280, lns.mtu);
    }

    @Test
    void accountingStartsWhenIpcpIsUpAndEndsWithTheLastCounters() {
        connect();
        assertEquals(1, aaa.started.size());
        AaaSession s = aaa.started.get(0);
        assertEquals("alice", s.user());
        assertEquals(AuthMethod.CHAP_MD5, s.method());
        assertEquals("10.0.0.10", s.peerAddress());
        assertEquals(CALL, s.context());
        lns.counters = new DataCounters(5, 500, 0, 7, 700, 0, 0, 0);
        assertEquals(700, s.counters().rxBytes(), "live counters while it runs");
        lac.drop = f -> true;
        world.advance(60_000);
        assertEquals(1, aaa.ended.size());
        assertSame(s, aaa.ended.get(0)[0]);
        assertEquals(PppEnd.PEER_DEAD, aaa.ended.get(0)[1]);
        assertEquals(new DataCounters(5, 500, 0, 7, 700, 0, 0, 0), aaa.ended.get(0)[3]);
        lns.counters = DataCounters.ZERO;
        assertEquals(700, s.counters().rxBytes(), "the last counters stay once it ended");
    }

    @Test
    void aLinkThatNeverReachesTheNetworkIsNotAccounted() {
        aaa.reply = r -> with(r, null, "platinum", 0, 0, 0);
        connect();
        world.advance(1_000);
        assertTrue(aaa.started.isEmpty());
        assertTrue(aaa.ended.isEmpty());
    }

    @Test
    void closedFromOutsideTheEndIsNull() {
        connect();
        lns.link.abort("session closed");
        assertEquals(1, aaa.ended.size());
        assertNull(aaa.ended.get(0)[1]);
    }

    @Test
    void sessionTimeoutEndsTheLinkAsConnectTime() {
        aaa.reply = r -> with(r, null, null, 30, 0, 0);
        connect();
        assertEquals(30, aaa.started.get(0).sessionTimeoutS());
        world.advance(29_000);
        assertFalse(lns.ended);
        world.advance(2_000);
        assertEquals(PppEnd.CONNECT_TIME, lns.end, lns.reason);
        assertEquals(PppEnd.CONNECT_TIME, aaa.ended.get(0)[1]);
    }

    @Test
    void idleTimeoutLooksAtTheKernelsIdleTimeAndWaitsForTheRest() {
        aaa.reply = r -> with(r, null, null, 0, 60, 0);
        connect();
        lns.idle = 20; // traffic 20 s ago when the first check runs
        world.advance(60_000);
        assertFalse(lns.ended, "idle only 20 s: looks again in 40 s");
        lns.idle = 59;
        world.advance(40_000);
        assertFalse(lns.ended, "traffic came: 59 s is less than 60");
        lns.idle = 60;
        world.advance(1_000);
        assertEquals(PppEnd.IDLE, lns.end, lns.reason);
        assertEquals(PppEnd.IDLE, aaa.ended.get(0)[1]);
    }

    @Test
    void aCoaChangesTheTimeoutsOfTheRunningSession() {
        aaa.reply = r -> with(r, null, null, 3600, 0, 0);
        connect();
        AaaSession s = aaa.started.get(0);
        world.advance(100_000);
        s.setTimeouts(120, -1); // counts from the start: 20 s left
        world.advance(19_000);
        assertFalse(lns.ended);
        assertEquals(120, s.sessionTimeoutS());
        world.advance(2_000);
        assertEquals(PppEnd.CONNECT_TIME, lns.end, lns.reason);
    }

    @Test
    void aCoaWithASessionTimeoutAlreadyPassedEndsTheSessionNowAndZeroRemovesIt() {
        aaa.reply = r -> with(r, null, null, 3600, 0, 0);
        connect();
        AaaSession s = aaa.started.get(0);
        s.setTimeouts(0, -1);
        world.advance(4_000_000);
        assertFalse(lns.ended, "0 removes the session timeout");
        s.setTimeouts(60, -1);
        world.advance(0);
        assertEquals(PppEnd.CONNECT_TIME, lns.end);
    }

    @Test
    void aCoaSetsAnIdleTimeoutWhereThereWasNone() {
        connect();
        AaaSession s = aaa.started.get(0);
        lns.idle = 1_000;
        s.setTimeouts(-1, 30);
        world.advance(30_000);
        assertEquals(PppEnd.IDLE, lns.end, lns.reason);
    }
}
