package org.l2tp.ppp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.l2tp.api.aaa.AuthMethod;
import org.l2tp.api.aaa.AuthRequest;
import org.l2tp.api.aaa.AuthResult;
import org.l2tp.api.aaa.Authenticator;
import org.l2tp.ppp.frame.ControlPacket;
import org.l2tp.ppp.users.LocalUsers;
import org.l2tp.ppp.users.User;

/** An authenticator and a client of each method back to back, with {@link LocalUsers} deciding. */
class AuthProtocolsTest {
    static final String PASSWORD = "s3cret-Pa55";
    static final String WRONG = "guessed-Pa55";

    static LocalUsers users() {
        LocalUsers u = new LocalUsers();
        u.update(List.of(new User("alice", PASSWORD, "10.0.0.7"), new User("bob", "other-Pa55", null)));
        return u;
    }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void rightPasswordIsAccepted(AuthMethod m) {
        Harness h = new Harness(m, users(), "alice", PASSWORD).start();
        assertEquals(List.of("succeeded alice"), h.authEvents.events);
        assertEquals(List.of("succeeded alice"), h.clientEvents.events);
        assertEquals("10.0.0.7", h.authEvents.result.address());
        assertTrue(h.authEvents.result.accepted());
        assertEquals(1, h.aaaCalls.get());
        assertEquals(0, h.timers.pending(), "no timer left running");
        assertEquals(0, h.auth.discarded() + h.client.discarded());
    }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void wrongPasswordIsRefused(AuthMethod m) {
        Harness h = new Harness(m, users(), "alice", WRONG).start();
        assertEquals(1, h.authEvents.events.size());
        assertTrue(h.authEvents.events.get(0).startsWith("failed "), h.authEvents.events::toString);
        assertTrue(h.clientEvents.events.get(0).startsWith("failed "), h.clientEvents.events::toString);
        assertEquals(1, h.clientEvents.events.size());
        for (String e : h.authEvents.events) {
            assertFalse(e.contains(WRONG) || e.contains(PASSWORD), e);
        }
        assertEquals(0, h.timers.pending());
    }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void unknownUserIsRefusedLikeAWrongPassword(AuthMethod m) {
        Harness unknown = new Harness(m, users(), "mallory", PASSWORD).start();
        Harness wrong = new Harness(m, users(), "alice", WRONG).start();
        assertTrue(unknown.authEvents.events.get(0).startsWith("failed "));
        assertTrue(unknown.clientEvents.events.get(0).startsWith("failed "));
        // the peer hears the same words either way
        ControlPacket a = unknown.fromAuth.get(unknown.fromAuth.size() - 1);
        ControlPacket b = wrong.fromAuth.get(wrong.fromAuth.size() - 1);
        assertEquals(a.code(), b.code());
        if (m != AuthMethod.MSCHAP_V2) { // MS-CHAPv2 Failure carries the (random) challenge
            assertEquals(new String(a.data(), StandardCharsets.UTF_8), new String(b.data(), StandardCharsets.UTF_8));
        }
        assertEquals(unknown.authEvents.events.get(0).replace("mallory", "alice"), wrong.authEvents.events.get(0));
    }

    @Test
    void mschapV2MessagesFollowRfc2759() {
        Harness ok = new Harness(AuthMethod.MSCHAP_V2, users(), "alice", PASSWORD).start();
        String success = new String(ok.fromAuth.get(1).data(), StandardCharsets.US_ASCII);
        assertTrue(success.matches("S=[0-9A-F]{40} M=Access granted"), success);
        assertEquals(ok.authEvents.result.mschapSuccess() + " M=Access granted", success);
        ControlPacket response = ok.fromClient.get(0);
        assertEquals(1 + 49 + "alice".length(), response.dataLength());
        assertEquals(49, response.dataByte(0));
        for (int i = 17; i < 25; i++) {
            assertEquals(0, response.dataByte(i), "reserved octets are zero");
        }
        assertEquals(0, response.dataByte(49), "flags are zero");

        Harness bad = new Harness(AuthMethod.MSCHAP_V2, users(), "alice", WRONG).start();
        ControlPacket challenge = bad.fromAuth.get(0);
        String hex = java.util.HexFormat.of().withUpperCase().formatHex(challenge.data(), 1, 17);
        ControlPacket failure = bad.fromAuth.get(1);
        assertEquals(4, failure.code());
        assertEquals(challenge.id(), failure.id());
        assertEquals("E=691 R=0 C=" + hex + " V=3 M=Authentication failure",
                new String(failure.data(), StandardCharsets.US_ASCII));
        assertEquals(16, challenge.dataByte(0));
        assertEquals("lns", new String(challenge.data(), 17, challenge.dataLength() - 17, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @EnumSource(value = AuthMethod.class, names = {"CHAP_MD5", "MSCHAP_V2"})
    void domainPrefixedNameAuthenticatesTheAccount(AuthMethod m) {
        Harness h = new Harness(m, users(), "BIGCO\\alice", PASSWORD).start();
        assertEquals(List.of("succeeded BIGCO\\alice"), h.authEvents.events);
        assertEquals(List.of("succeeded BIGCO\\alice"), h.clientEvents.events);
    }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void lostFirstRequestOrChallengeIsRetransmittedOnTheTimer(AuthMethod m) {
        Harness h = new Harness(m, users(), "alice", PASSWORD);
        AtomicInteger dropped = new AtomicInteger();
        // PAP: the client's first Authenticate-Request is lost; CHAP: the authenticator's first Challenge.
        if (m == AuthMethod.PAP) {
            h.dropFromClient = p -> dropped.getAndIncrement() == 0;
        } else {
            h.dropFromAuth = p -> dropped.getAndIncrement() == 0;
        }
        h.start();
        assertTrue(h.authEvents.events.isEmpty());
        h.advance(Harness.RETRY - 1);
        assertTrue(h.authEvents.events.isEmpty(), "not before retryMs");
        h.advance(1);
        assertEquals(List.of("succeeded alice"), h.authEvents.events);
        assertEquals(List.of("succeeded alice"), h.clientEvents.events);
        if (m == AuthMethod.PAP) {
            // RFC 1334 2.2.1: a new Identifier for each Authenticate-Request
            assertEquals(2, h.fromClient.size());
            assertFalse(h.fromClient.get(0).id() == h.fromClient.get(1).id());
        } else {
            // the retransmitted Challenge is the same Challenge
            assertEquals(h.fromAuth.get(0), h.fromAuth.get(1));
        }
    }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void givesUpAfterTheMaximum(AuthMethod m) {
        Harness h = new Harness(m, users(), "alice", PASSWORD);
        h.dropFromClient = p -> true;
        h.dropFromAuth = p -> true;
        h.start();
        h.advance(Harness.RETRY * (Harness.MAX + 2));
        if (m == AuthMethod.PAP) {
            assertEquals(Harness.MAX, h.fromClient.size());
            assertEquals(List.of("failed PAP: no answer to 4 Authenticate-Requests"), h.clientEvents.events);
        } else {
            assertEquals(Harness.MAX, h.fromAuth.size());
            assertEquals(1, h.authEvents.events.size());
            assertTrue(h.authEvents.events.get(0).contains("no Response to 4 Challenges"),
                    h.authEvents.events::toString);
            assertTrue(h.clientEvents.events.get(0).contains("no Challenge"), h.clientEvents.events::toString);
        }
        h.advance(Harness.DEADLINE * 2);
        // PAP: the authenticator gives up at its deadline; nobody hears anything twice
        assertTrue(h.authEvents.events.size() <= 1 && h.clientEvents.events.size() <= 1);
        if (m == AuthMethod.PAP) {
            assertEquals(List.of("failed PAP: no Authenticate-Request within 60000 ms"), h.authEvents.events);
        }
        assertEquals(0, h.timers.pending());
    }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void lostSuccessIsAnsweredAgainWithoutAnotherLookup(AuthMethod m) {
        Harness h = new Harness(m, users(), "alice", PASSWORD);
        AtomicInteger answers = new AtomicInteger();
        // the first Ack / Success is lost
        h.dropFromAuth = p -> p.code() == (m == AuthMethod.PAP ? 2 : 3) && answers.getAndIncrement() == 0;
        h.start();
        assertEquals(List.of("succeeded alice"), h.authEvents.events);
        assertTrue(h.clientEvents.events.isEmpty());
        h.advance(Harness.RETRY);
        assertEquals(List.of("succeeded alice"), h.clientEvents.events);
        assertEquals(List.of("succeeded alice"), h.authEvents.events, "the authenticator decided once");
        assertEquals(1, h.aaaCalls.get());
        assertEquals(2, answers.get());
        assertEquals(0, h.auth.discarded());
    }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void staleDuplicateAfterARefusalGetsTheRefusalAgain(AuthMethod m) {
        Harness h = new Harness(m, users(), "alice", WRONG).start();
        ControlPacket request = h.fromClient.get(h.fromClient.size() - 1);
        int sent = h.fromAuth.size();
        h.auth.receive(request);
        assertEquals(sent + 1, h.fromAuth.size());
        assertEquals(h.fromAuth.get(sent - 1), h.fromAuth.get(sent));
        assertEquals(1, h.aaaCalls.get());
        assertEquals(1, h.authEvents.events.size());
    }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void asyncAaaAnsweringOnAnotherThreadIsHandledOnTheLinkThread(AuthMethod m) throws Exception {
        LocalUsers local = users();
        AtomicReference<CompletableFuture<AuthResult>> pending = new AtomicReference<>();
        AtomicReference<AuthRequest> asked = new AtomicReference<>();
        Authenticator slow = r -> {
            asked.set(r);
            CompletableFuture<AuthResult> f = new CompletableFuture<>();
            pending.set(f);
            return f;
        };
        Harness h = new Harness(m, slow, "alice", PASSWORD).start();
        assertNotNull(pending.get());
        assertTrue(h.authEvents.events.isEmpty());
        // the client repeats itself meanwhile; the authenticator does not ask twice
        h.advance(Harness.RETRY);
        assertEquals(1, h.aaaCalls.get());
        Thread aaaThread = new Thread(() -> local.authenticate(asked.get())
                .thenAccept(r -> pending.get().complete(r)), "aaa");
        aaaThread.start();
        aaaThread.join();
        assertTrue(h.authEvents.events.isEmpty(), "nothing happens until the link's thread runs");
        h.run();
        assertEquals(List.of("succeeded alice"), h.authEvents.events);
        assertEquals(List.of(Thread.currentThread()), h.authEvents.threads);
        assertEquals(List.of("succeeded alice"), h.clientEvents.events);
    }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void aaaFailureIsARefusalAndStopIgnoresLateAnswers(AuthMethod m) {
        Authenticator broken = r -> CompletableFuture.failedFuture(new IllegalStateException("radius down"));
        Harness h = new Harness(m, broken, "alice", PASSWORD).start();
        assertTrue(h.authEvents.events.get(0).startsWith("failed "), h.authEvents.events::toString);
        assertTrue(h.authEvents.events.get(0).contains("AAA error"), h.authEvents.events::toString);
        assertTrue(h.clientEvents.events.get(0).startsWith("failed "));

        Authenticator throwing = r -> {
            throw new IllegalStateException("bug");
        };
        Harness t = new Harness(m, throwing, "alice", PASSWORD).start();
        assertTrue(t.authEvents.events.get(0).contains("AAA error"));

        CompletableFuture<AuthResult> late = new CompletableFuture<>();
        Harness s = new Harness(m, r -> late, "alice", PASSWORD).start();
        s.auth.stop();
        s.auth.stop();
        late.complete(AuthResult.accept("ok"));
        s.run();
        assertTrue(s.authEvents.events.isEmpty(), "stopped: no verdict");
    }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void deadlineCoversAnAaaThatNeverAnswers(AuthMethod m) {
        Harness h = new Harness(m, r -> new CompletableFuture<>(), "alice", PASSWORD).start();
        h.advance(Harness.DEADLINE);
        assertEquals(1, h.authEvents.events.size());
        assertTrue(h.authEvents.events.get(0).contains("no AAA answer within 60000 ms"),
                h.authEvents.events::toString);
    }

    @Test
    void mschapV2ClientRefusesAnAuthenticatorThatDoesNotKnowThePassword() {
        // an AAA that says yes without knowing the password cannot produce the right S=
        Authenticator liar = r -> CompletableFuture.completedFuture(AuthResult.accept("ok")
                .withMschapSuccess("S=" + "0123456789ABCDEF0123456789ABCDEF01234567"));
        Harness h = new Harness(AuthMethod.MSCHAP_V2, liar, "alice", PASSWORD).start();
        assertEquals(List.of("succeeded alice"), h.authEvents.events);
        assertEquals(List.of("failed MS-CHAPv2: authenticator response does not match: the LNS does not know our "
                + "password"), h.clientEvents.events);

        Authenticator noS = r -> CompletableFuture.completedFuture(AuthResult.accept("ok"));
        Harness n = new Harness(AuthMethod.MSCHAP_V2, noS, "alice", PASSWORD).start();
        assertTrue(n.authEvents.events.get(0).startsWith("failed "), "accepted without S= is refused");
        assertTrue(n.clientEvents.events.get(0).startsWith("failed "));
    }

    @Test
    void chapClientAnswersARetransmittedChallengeWithTheSameResponse() {
        Harness h = new Harness(AuthMethod.MSCHAP_V2, users(), "alice", PASSWORD);
        h.dropFromClient = p -> true;
        h.start();
        h.advance(Harness.RETRY);
        assertTrue(h.fromClient.size() >= 2);
        assertEquals(h.fromClient.get(0), h.fromClient.get(h.fromClient.size() - 1));
    }

    @Test
    void chapClientAnswersARechallengeAfterSuccess() {
        Harness h = new Harness(AuthMethod.CHAP_MD5, users(), "alice", PASSWORD).start();
        byte[] challenge = new byte[17];
        challenge[0] = 16;
        int before = h.fromClient.size();
        h.client.receive(new ControlPacket(1, 99, challenge));
        assertEquals(before + 1, h.fromClient.size());
        ControlPacket r = h.fromClient.get(before);
        assertEquals(99, r.id());
        h.client.receive(new ControlPacket(3, 99, new byte[0]));
        assertEquals(List.of("succeeded alice"), h.clientEvents.events, "one success only");
        assertEquals(0, h.timers.pending());
    }

    @Test
    void papAuthenticatorAnswersTheLatestIdentifierAndIgnoresOtherCredentials() {
        CompletableFuture<AuthResult> later = new CompletableFuture<>();
        Harness h = new Harness(AuthMethod.PAP, r -> later, "alice", PASSWORD).start();
        h.advance(Harness.RETRY);
        int latest = h.fromClient.get(h.fromClient.size() - 1).id();
        // someone else's credentials while deciding: dropped
        h.auth.receive(new ControlPacket(1, 77, new byte[] {1, 'x', 1, 'y'}));
        assertEquals(1, h.auth.discarded());
        later.complete(AuthResult.accept("welcome"));
        h.run();
        ControlPacket ack = h.fromAuth.get(0);
        assertEquals(2, ack.code());
        assertEquals(latest, ack.id());
        assertEquals("welcome", new String(ack.data(), 1, ack.dataByte(0), StandardCharsets.UTF_8));
        assertEquals(List.of("succeeded alice"), h.clientEvents.events);
        // after the verdict, other credentials get no Ack
        h.auth.receive(new ControlPacket(1, 78, new byte[] {1, 'x', 1, 'y'}));
        assertEquals(1, h.fromAuth.size());
        assertEquals(2, h.auth.discarded());
    }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void clientIgnoresAnswersToIdentifiersItDidNotUse(AuthMethod m) {
        CompletableFuture<AuthResult> never = new CompletableFuture<>();
        Harness h = new Harness(m, r -> never, "alice", PASSWORD).start();
        int used = h.fromClient.get(0).id();
        h.client.receive(new ControlPacket(m == AuthMethod.PAP ? 2 : 3, (used + 5) & 0xff, new byte[] {0}));
        h.client.receive(new ControlPacket(m == AuthMethod.PAP ? 3 : 4, (used + 5) & 0xff, new byte[] {0}));
        assertTrue(h.clientEvents.events.isEmpty());
        assertEquals(2, h.client.discarded());
        assertNull(h.authEvents.result);
    }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void stopBeforeStartKeepsBothSidesQuiet(AuthMethod m) {
        Harness h = new Harness(m, users(), "alice", PASSWORD);
        h.auth.stop();
        h.client.stop();
        h.start();
        h.advance(Harness.DEADLINE * 2);
        assertTrue(h.fromAuth.isEmpty() && h.fromClient.isEmpty());
        assertTrue(h.authEvents.events.isEmpty() && h.clientEvents.events.isEmpty());
        assertEquals(0, h.timers.pending());
    }
}
