package org.l2tp.ppp.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.l2tp.api.aaa.AuthMethod;
import org.l2tp.ppp.frame.ControlPacket;

/** Malformed PAP and CHAP packets are silently discarded (RFC 1334 2.2, RFC 1994 4): no exception, no verdict. */
class MalformedTest {
    private static ControlPacket p(int code, int id, int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return new ControlPacket(code, id, b);
    }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void knownBadShapesAreCountedAndTheExchangeStillWorks(AuthMethod m) {
        Harness h = new Harness(m, AuthProtocolsTest.users(), "alice", AuthProtocolsTest.PASSWORD);
        h.dropFromClient = p -> true; // hold the real exchange back
        h.start();
        int id = m == AuthMethod.PAP ? 0 : h.fromAuth.get(0).id();
        List<ControlPacket> bad = m == AuthMethod.PAP
                ? List.of(p(1, 1), p(1, 1, 5, 'a'), p(1, 1, 1, 'a'), p(1, 1, 1, 'a', 3, 'x'), p(1, 1, 255))
                : List.of(p(2, id), p(2, id, 16, 1, 2), p(2, id, 15, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
                        p(2, id, 49), p(2, id, 200, 1), p(2, (id + 1) & 0xff, m == AuthMethod.CHAP_MD5 ? 16 : 49));
        for (ControlPacket b : bad) {
            h.auth.receive(b);
        }
        assertEquals(bad.size(), h.auth.discarded());
        assertTrue(h.authEvents.events.isEmpty());
        assertEquals(0, h.aaaCalls.get());

        // the client's side: answers without a request, challenges of the wrong size
        List<ControlPacket> toClient = List.of(p(1, 9), p(1, 9, 0), p(1, 9, 20, 1), p(5, 9, 0), p(3, 200), p(4, 200));
        for (ControlPacket b : toClient) {
            h.client.receive(b);
        }
        assertTrue(h.clientEvents.events.isEmpty(), h.clientEvents.events::toString);

        h.dropFromClient = p -> false;
        h.advance(Harness.RETRY);
        assertEquals(List.of("succeeded alice"), h.authEvents.events);
        assertEquals(List.of("succeeded alice"), h.clientEvents.events);
    }

    @ParameterizedTest
    @EnumSource(AuthMethod.class)
    void randomPacketsNeverThrow(AuthMethod m) {
        SplittableRandom random = new SplittableRandom(1994);
        Harness h = new Harness(m, AuthProtocolsTest.users(), "alice", AuthProtocolsTest.PASSWORD).start();
        Harness fresh = new Harness(m, AuthProtocolsTest.users(), "alice", AuthProtocolsTest.PASSWORD);
        fresh.dropFromAuth = p -> true;
        fresh.dropFromClient = p -> true;
        fresh.start();
        for (int i = 0; i < 5000; i++) {
            byte[] data = new byte[random.nextInt(80)];
            random.nextBytes(data);
            if (data.length > 0 && random.nextBoolean()) {
                data[0] = (byte) random.nextInt(Math.max(1, data.length)); // plausible length fields
            }
            ControlPacket p = new ControlPacket(1 + random.nextInt(5), random.nextInt(256), data);
            for (AuthSide s : List.of(h.auth, h.client, fresh.auth, fresh.client)) {
                s.receive(p);
            }
            h.run();
            fresh.run();
        }
        // whatever happened, nobody heard more than one verdict... except a client that may lose after winning
        assertTrue(h.authEvents.events.size() <= 1);
        assertTrue(fresh.authEvents.events.size() <= 1);
    }
}
