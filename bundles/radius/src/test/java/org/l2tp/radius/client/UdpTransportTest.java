package org.l2tp.radius.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.aaa4j.radius.core.attribute.Attribute;
import org.aaa4j.radius.core.attribute.EnumData;
import org.aaa4j.radius.core.attribute.StringData;
import org.aaa4j.radius.core.attribute.TextData;
import org.aaa4j.radius.core.attribute.attributes.AcctSessionId;
import org.aaa4j.radius.core.attribute.attributes.AcctStatusType;
import org.aaa4j.radius.core.attribute.attributes.ReplyMessage;
import org.aaa4j.radius.core.attribute.attributes.UserName;
import org.aaa4j.radius.core.attribute.attributes.UserPassword;
import org.aaa4j.radius.core.packet.Packet;
import org.aaa4j.radius.core.packet.packets.AccessRequest;
import org.aaa4j.radius.core.packet.packets.AccountingRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2tp.api.aaa.RadiusServerInfo;
import org.l2tp.radius.FakeRadiusServer;
import org.l2tp.radius.FreeRadius;
import org.l2tp.radius.client.RadiusTransport.Role;

/**
 * The transport against FreeRADIUS and against a fake server that forges, holds back or answers from elsewhere:
 * fail-over, dead time, verification of every response (Message-Authenticator required), the in-flight bound,
 * identifiers beyond 256, live reconfiguration, close. Short timeouts; conditions, not sleeps.
 */
class UdpTransportTest {
    private static final long WAIT_MS = 20_000;
    @TempDir
    Path dir;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private UdpTransport transport;

    @AfterEach
    void close() throws Exception {
        if (transport != null) {
            transport.close();
        }
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        closing.add(c);
        return c;
    }

    private FreeRadius freeRadius(String name) throws Exception {
        return closing(FreeRadius.in(dir.resolve(name)).name(name)
                .user("alice", "secret", "Reply-Message = \"hello from " + name + "\"").start());
    }

    private static RadiusServer server(String name, FreeRadius fr, int priority, int timeoutMs, int retries,
                                       int deadS) {
        return new RadiusServer(name, FreeRadius.ADDRESS, fr.authPort(), fr.acctPort(), FreeRadius.SECRET, priority,
                timeoutMs, retries, deadS);
    }

    private static RadiusServer fake(String name, FakeRadiusServer f, int timeoutMs, int retries) {
        return new RadiusServer(name, "127.0.0.1", f.port(), f.port(), f.secret, 1, timeoutMs, retries, 30);
    }

    private UdpTransport transport(RadiusServer... servers) throws Exception {
        transport = new UdpTransport();
        transport.configure(List.of(servers), null);
        return transport;
    }

    static Packet pap(String user, String password) {
        return new AccessRequest(List.of(new UserName(new TextData(user)),
                new UserPassword(new StringData(password.getBytes(StandardCharsets.UTF_8)))));
    }

    static Packet accounting(String sessionId) {
        return new AccountingRequest(List.of(new AcctStatusType(new EnumData(1)), new UserName(new TextData("alice")),
                new AcctSessionId(new TextData(sessionId))));
    }

    static Packet get(java.util.concurrent.CompletionStage<Packet> s) throws Exception {
        return s.toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
    }

    static Throwable failure(java.util.concurrent.CompletionStage<Packet> s) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> s.toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS));
        return e.getCause();
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + WAIT_MS + " ms: " + what);
            }
            Thread.sleep(5);
        }
    }

    private RadiusServerInfo info(String name) {
        return transport.servers().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static String replyMessage(Packet p) {
        return p.getAttribute(ReplyMessage.class).map(r -> r.getData().getValue()).orElse(null);
    }

    // ------------------------------------------------------------------------------------------- FreeRADIUS

    @Test
    void acceptRejectAndAccountingFromFreeRadius() throws Exception {
        FreeRadius fr = freeRadius("a");
        transport(server("a", fr, 1, 2000, 2, 30));
        Packet ok = get(transport.send(Role.AUTH, pap("alice", "secret")));
        assertEquals(UdpTransport.ACCESS_ACCEPT, ok.getCode());
        assertEquals("hello from a", replyMessage(ok));
        assertEquals(UdpTransport.ACCESS_REJECT, get(transport.send(Role.AUTH, pap("alice", "wrong"))).getCode());
        assertEquals(UdpTransport.ACCOUNTING_RESPONSE, get(transport.send(Role.ACCT, accounting("s-1"))).getCode());
        fr.awaitDetail(d -> "s-1".equals(d.get("Acct-Session-Id")), Duration.ofSeconds(10));

        RadiusServerInfo i = info("a");
        assertEquals(3, i.requests());
        assertEquals(1, i.accepts());
        assertEquals(1, i.rejects());
        assertEquals(1, i.accountingAcks());
        assertEquals(0, i.badResponses());
        assertEquals(0, i.timeouts());
        assertEquals("up", i.state());
        assertEquals(0, transport.inFlight());
        assertTrue(transport.hasServers(Role.AUTH) && transport.hasServers(Role.ACCT));
    }

    @Test
    void failOverToTheNextServerSkipTheDeadOneAndReturnToItAfterItsDeadTime() throws Exception {
        FreeRadius a = freeRadius("a");
        FreeRadius b = freeRadius("b");
        // A gives up quickly (2 x 300 ms); B is patient: the test is about fail-over, not about a loaded B.
        transport(server("b", b, 2, 2000, 2, 3), server("a", a, 1, 300, 1, 3));
        assertEquals("hello from a", replyMessage(get(transport.send(Role.AUTH, pap("alice", "secret")))));

        a.stop();
        // A: 2 transmissions unanswered, then B answers the same request.
        assertEquals("hello from b", replyMessage(get(transport.send(Role.AUTH, pap("alice", "secret")))));
        RadiusServerInfo ai = info("a");
        assertEquals(1, ai.timeouts());
        assertEquals(1, ai.retransmissions());
        assertTrue(ai.state().startsWith("dead (retry in "), ai.state());

        // A is skipped while dead: the next request goes straight to B, A sees nothing.
        long before = info("a").requests();
        assertEquals("hello from b", replyMessage(get(transport.send(Role.AUTH, pap("alice", "secret")))));
        assertEquals(before, info("a").requests());
        assertEquals(2, info("b").accepts());

        a.start();
        await(() -> info("a").state().equals("up"), "A's dead time passes");
        assertEquals("hello from a", replyMessage(get(transport.send(Role.AUTH, pap("alice", "secret")))));
        assertEquals(2, info("a").accepts());
    }

    @Test
    void everyServerDeadStillTriesThemAndFailsWithTimeout() throws Exception {
        FreeRadius a = freeRadius("a");
        transport(server("a", a, 1, 500, 0, 60));
        a.stop();
        assertInstanceOf(RadiusTimeoutException.class, failure(transport.send(Role.AUTH, pap("alice", "secret"))));
        assertTrue(info("a").state().startsWith("dead"));
        a.start();
        // The only server is dead, so it is still asked (not skipped into a certain failure).
        assertEquals(UdpTransport.ACCESS_ACCEPT, get(transport.send(Role.AUTH, pap("alice", "secret"))).getCode());
        assertEquals("up", info("a").state());
    }

    @Test
    void unsignedAnswersOfFreeRadiusAreDroppedAndCounted() throws Exception {
        FreeRadius fr = closing(FreeRadius.in(dir).name("unsigned").signResponses(false).user("alice", "secret")
                .start());
        transport(server("u", fr, 1, 1000, 1, 30));
        Throwable t = failure(transport.send(Role.AUTH, pap("alice", "secret")));
        assertInstanceOf(RadiusTimeoutException.class, t);
        RadiusServerInfo i = info("u");
        assertEquals(0, i.accepts());
        // One unsigned Access-Accept per transmission (FreeRADIUS answers a retransmission from its cache), or
        // fewer when a loaded FreeRADIUS is still busy with the first.
        assertTrue(i.badResponses() >= 1, () -> i.badResponses() + " bad");
        assertEquals(1, i.timeouts());
        fr.awaitLog("Login OK: [alice]", Duration.ofSeconds(10));
        // Accounting-Response needs no Message-Authenticator (RFC 3579 3.2 is about Access-*).
        assertEquals(UdpTransport.ACCOUNTING_RESPONSE, get(transport.send(Role.ACCT, accounting("s-2"))).getCode());
    }

    // --------------------------------------------------------------------------------------- forged answers

    @Test
    void forgedAnswersAreDroppedCountedAndTheRealOneStillTaken() throws Exception {
        CountDownLatch forged = new CountDownLatch(1);
        FakeRadiusServer f = closing(new FakeRadiusServer("s3cret", (srv, r) -> {
            List<Attribute<?>> reply = List.of(new ReplyMessage(new TextData("real")));
            byte[] good = srv.encode(r, UdpTransport.ACCESS_ACCEPT, true, reply);
            srv.send(r, srv.encode(r, UdpTransport.ACCESS_ACCEPT, false, reply)); // no Message-Authenticator
            srv.send(r, srv.badMessageAuthenticator(r, good));                    // a wrong one
            srv.sendFromElsewhere(r, good);                                        // not from the server
            byte[] wrongId = good.clone();
            wrongId[1]++;
            srv.send(r, wrongId);                                                   // no such request waiting
            byte[] wrongAuth = good.clone();
            wrongAuth[4] ^= 1;
            srv.send(r, wrongAuth);                                                 // Response Authenticator
            byte[] wrongCode = srv.encode(r, UdpTransport.ACCOUNTING_RESPONSE, true, List.of());
            srv.send(r, wrongCode);                                                 // not an Access-* code
            srv.send(r, java.util.Arrays.copyOf(good, 19));                         // too short
            forged.countDown();
            await(() -> info("f").badResponses() == 7, "7 forgeries counted");
            srv.send(r, good);
        }));
        transport(fake("f", f, 5000, 0));
        Packet p = get(transport.send(Role.AUTH, pap("alice", "x")));
        assertEquals("real", replyMessage(p));
        assertTrue(forged.await(1, TimeUnit.SECONDS));
        RadiusServerInfo i = info("f");
        assertEquals(7, i.badResponses());
        assertEquals(1, i.accepts());
        assertEquals(0, i.retransmissions());
        // What the fake server decoded proves our Access-Request's Message-Authenticator (it verifies it).
        assertNotNull(f.requests().get(0).packet()
                .getAttribute(org.aaa4j.radius.core.attribute.attributes.MessageAuthenticator.class).orElse(null));
        assertEquals(80, f.requests().get(0).bytes()[20] & 0xff, "Message-Authenticator first");
    }

    @Test
    void aRetransmissionIsTheSamePacket() throws Exception {
        FakeRadiusServer f = closing(new FakeRadiusServer("s3cret", (srv, r) -> {
            if (srv.requests().size() == 3) {
                srv.answer(r, UdpTransport.ACCESS_REJECT, List.of());
            }
        }));
        transport(fake("f", f, 100, 2));
        assertEquals(UdpTransport.ACCESS_REJECT, get(transport.send(Role.AUTH, pap("alice", "x"))).getCode());
        List<FakeRadiusServer.Request> rs = f.requests();
        assertEquals(3, rs.size());
        assertTrue(java.util.Arrays.equals(rs.get(0).bytes(), rs.get(2).bytes()), "RFC 5080 2.2.1");
        assertEquals(2, info("f").retransmissions());
        assertEquals(1, info("f").requests());
    }

    // ----------------------------------------------------------------------------------------- limits, ids

    @Test
    void inFlightIsBounded() throws Exception {
        FakeRadiusServer f = closing(new FakeRadiusServer("s3cret", (srv, r) -> { }));
        transport(fake("f", f, 2000, 0));
        transport.setMaxInFlight(2);
        var first = transport.send(Role.AUTH, pap("a", "x"));
        var second = transport.send(Role.AUTH, pap("b", "x"));
        Throwable t = failure(transport.send(Role.AUTH, pap("c", "x")));
        assertInstanceOf(RejectedExecutionException.class, t);
        assertEquals(2, transport.inFlight());
        await(() -> info("f").inFlight() == 2, "both waiting on the server");
        assertInstanceOf(RadiusTimeoutException.class, failure(first));
        assertInstanceOf(RadiusTimeoutException.class, failure(second));
        assertEquals(0, transport.inFlight());
        assertEquals(0, info("f").inFlight());
        // Room again.
        var third = transport.send(Role.AUTH, pap("d", "x"));
        assertFalse(third.toCompletableFuture().isDone());
        assertEquals(1, transport.inFlight());
    }

    @Test
    void moreThan256RequestsToOneServerUseAnotherSocket() throws Exception {
        int n = 300;
        List<FakeRadiusServer.Request> held = new ArrayList<>();
        FakeRadiusServer f = closing(new FakeRadiusServer("s3cret", (srv, r) -> {
            held.add(r);
            if (held.size() == n) { // all 300 waiting at once: answer them all
                for (int i = 0; i < n; i++) {
                    FakeRadiusServer.Request h = held.get(i);
                    srv.answer(h, UdpTransport.ACCESS_ACCEPT,
                            List.of(new ReplyMessage(new TextData(h.packet().getAttribute(UserName.class)
                                    .orElseThrow().getData().getValue()))));
                    int answered = i + 1;
                    if (answered % 32 == 0) { // no more than the receive buffer holds at once
                        await(() -> transport.inFlight() <= n - answered, "answers taken");
                    }
                }
            }
        }));
        transport(fake("f", f, 15_000, 0));
        transport.setMaxInFlight(n);
        List<CompletableFuture<Packet>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(transport.send(Role.AUTH, pap("u" + i, "x")).toCompletableFuture());
        }
        for (int i = 0; i < n; i++) {
            assertEquals("u" + i, replyMessage(all.get(i).get(WAIT_MS, TimeUnit.MILLISECONDS)));
        }
        long ports = f.requests().stream().map(r -> r.from().getPort()).distinct().count();
        assertEquals(2, ports, "256 identifiers per socket");
        assertEquals(n, info("f").accepts());
        assertEquals(0, info("f").badResponses());
    }

    // ------------------------------------------------------------------------------------ configuration, close

    @Test
    void reconfiguredLiveWhileARequestIsInFlight() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeRadiusServer f = closing(new FakeRadiusServer("s3cret", (srv, r) -> {
            received.countDown();
            Thread t = new Thread(() -> {
                try {
                    release.await();
                    srv.answer(r, UdpTransport.ACCESS_ACCEPT, List.of(new ReplyMessage(new TextData("late"))));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
        }));
        FreeRadius fr = freeRadius("new");
        transport(fake("old", f, 10_000, 0));
        var pending = transport.send(Role.AUTH, pap("alice", "secret"));
        assertTrue(received.await(WAIT_MS, TimeUnit.MILLISECONDS));
        transport.configure(List.of(server("new", fr, 1, 2000, 1, 30)), null);
        assertEquals(List.of("new"), transport.servers().stream().map(RadiusServerInfo::name).toList());
        // New requests go to the new server; the old request still gets its answer from the old one.
        assertEquals("hello from new", replyMessage(get(transport.send(Role.AUTH, pap("alice", "secret")))));
        release.countDown();
        assertEquals("late", replyMessage(get(pending)));

        // Only the secret changes (the counters stay with the name): FreeRADIUS cannot verify our
        // Message-Authenticator with the wrong secret and drops the request (it logs the secret is incorrect).
        transport.configure(List.of(new RadiusServer("new", FreeRadius.ADDRESS, fr.authPort(), fr.acctPort(),
                "not-the-secret", 1, 150, 0, 30)), null);
        assertInstanceOf(RadiusTimeoutException.class, failure(transport.send(Role.AUTH, pap("alice", "secret"))));
        assertEquals(1, info("new").timeouts());
        assertEquals(1, info("new").accepts());
        fr.awaitLog("Shared secret is incorrect", Duration.ofSeconds(10));
        transport.configure(List.of(), null);
        assertFalse(transport.hasServers(Role.AUTH));
        assertInstanceOf(RadiusTimeoutException.class, failure(transport.send(Role.AUTH, pap("alice", "secret"))));
    }

    @Test
    void closeFailsWhatIsWaitingAndStopsItsThreads() throws Exception {
        FakeRadiusServer f = closing(new FakeRadiusServer("s3cret", (srv, r) -> { }));
        transport(fake("f", f, 10_000, 0));
        var pending = transport.send(Role.AUTH, pap("alice", "x"));
        await(() -> info("f").inFlight() == 1, "sent");
        transport.close();
        assertInstanceOf(IllegalStateException.class, failure(pending));
        assertInstanceOf(IllegalStateException.class, failure(transport.send(Role.AUTH, pap("alice", "x"))));
        await(() -> !transport.running(), "its threads ended");
        assertEquals(0, transport.inFlight());
    }

    @Test
    void aRequestOfTheWrongRoleIsRefused() throws Exception {
        transport();
        assertInstanceOf(IllegalArgumentException.class, failure(transport.send(Role.ACCT, pap("a", "b"))));
        assertInstanceOf(IllegalArgumentException.class, failure(transport.send(Role.AUTH, accounting("x"))));
        assertInstanceOf(RadiusTimeoutException.class, failure(transport.send(Role.AUTH, pap("a", "b"))));
    }
}
