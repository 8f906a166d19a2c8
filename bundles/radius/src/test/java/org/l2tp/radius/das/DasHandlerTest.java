package org.l2tp.radius.das;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.l2tp.radius.acct.FakeAaaSession;

/**
 * The DAS's checks on packets it builds itself (RFC 5176 section 2.3 authenticators, RFC 3579 Message-Authenticator,
 * duplicates, Event-Timestamp), without a socket.
 */
class DasHandlerTest {
    static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);
    static final InetSocketAddress CLIENT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    final FakeAaaSession alice = new FakeAaaSession(1, 2, "alice", "10.0.0.7", NOW);
    int disconnects;
    final SessionDirectory directory = new SessionDirectory() {
        @Override
        public List<DasSession> sessions() {
            return List.of(new DasSession(1, 2, "ACCT1", "alice", "10.0.0.7", alice));
        }

        @Override
        public CompletionStage<Void> disconnect(DasSession s) {
            disconnects++;
            return CompletableFuture.completedFuture(null);
        }
    };
    final DasHandler handler = new DasHandler(directory, Clock.fixed(NOW, ZoneOffset.UTC),
            new DasHandler.Config(Map.of(CLIENT.getAddress(), SECRET), "lns1", null));

    /** A request as a DAS client builds it: Message-Authenticator first (authenticator zeroed), then MD5. */
    static byte[] request(int code, int id, byte[] secret, boolean sign, byte[]... attributes) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[20]);
        int ma = -1;
        for (byte[] a : attributes) {
            b.write(a);
        }
        if (sign) {
            ma = b.size();
            b.write(new byte[] {80, 18});
            b.write(new byte[16]);
        }
        byte[] p = b.toByteArray();
        p[0] = (byte) code;
        p[1] = (byte) id;
        p[2] = (byte) (p.length >> 8);
        p[3] = (byte) p.length;
        if (sign) {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(secret, "HmacMD5"));
            System.arraycopy(mac.doFinal(p), 0, p, ma + 2, 16);
        }
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(p);
        md5.update(secret);
        System.arraycopy(md5.digest(), 0, p, 4, 16);
        return p;
    }

    static byte[] text(int type, String value) {
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        byte[] a = new byte[v.length + 2];
        a[0] = (byte) type;
        a[1] = (byte) a.length;
        System.arraycopy(v, 0, a, 2, v.length);
        return a;
    }

    static byte[] integer(int type, long value) {
        return new byte[] {(byte) type, 6, (byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8),
                (byte) value};
    }

    byte[] answer(byte[] packet) {
        CompletionStage<byte[]> a = handler.handle(packet, packet.length, CLIENT);
        return a == null ? null : a.toCompletableFuture().join();
    }

    static int errorCause(byte[] answer) {
        for (int p = 20; p < answer.length; p += answer[p + 1] & 0xff) {
            if ((answer[p] & 0xff) == 101) {
                return ((answer[p + 4] & 0xff) << 8) | (answer[p + 5] & 0xff);
            }
        }
        return 0;
    }

    /** RFC 5176 section 2.3: MD5(Code + Identifier + Length + Request Authenticator + Attributes + Secret). */
    static void assertResponseAuthenticator(byte[] request, byte[] answer) throws Exception {
        byte[] copy = answer.clone();
        System.arraycopy(request, 4, copy, 4, 16);
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(copy);
        md5.update(SECRET);
        assertArrayEquals(md5.digest(), Arrays.copyOfRange(answer, 4, 20));
    }

    @Test
    void aSignedDisconnectIsAckedWithAVerifiableAnswer() throws Exception {
        byte[] req = request(40, 7, SECRET, true, text(1, "alice"), text(33, "proxy-1"), text(33, "proxy-2"));
        byte[] a = answer(req);
        assertNotNull(a);
        assertEquals(41, a[0]);
        assertEquals(7, a[1]);
        assertResponseAuthenticator(req, a);
        String body = new String(a, 20, a.length - 20, StandardCharsets.ISO_8859_1);
        assertTrue(body.indexOf("proxy-1") < body.indexOf("proxy-2"), "Proxy-State echoed in order");
        assertEquals(1, disconnects);
    }

    @Test
    void aForgedMessageAuthenticatorIsDropped() throws Exception {
        byte[] req = request(40, 7, SECRET, true, text(1, "alice"));
        req[req.length - 1] ^= 1; // the HMAC's last octet ...
        MessageDigest md5 = MessageDigest.getInstance("MD5"); // ... under a valid Request Authenticator
        byte[] zero = req.clone();
        Arrays.fill(zero, 4, 20, (byte) 0);
        md5.update(zero);
        md5.update(SECRET);
        System.arraycopy(md5.digest(), 0, req, 4, 16);
        assertNull(answer(req));
        assertEquals(1, handler.dropped());
        assertEquals(0, disconnects);
    }

    @Test
    void aRetransmissionGetsTheSameAnswerAndNothingIsDoneTwice() throws Exception {
        byte[] req = request(40, 9, SECRET, false, text(1, "alice"));
        byte[] first = answer(req);
        byte[] again = answer(req);
        assertArrayEquals(first, again);
        assertEquals(1, disconnects);
        assertEquals(1, handler.requests());
        byte[] other = request(40, 9, SECRET, false, text(1, "alice"), text(32, "lns1"));
        assertNotNull(answer(other), "same identifier, other authenticator: a new request");
        assertEquals(2, disconnects);
    }

    @Test
    void aStaleEventTimestampIsDroppedAsAReplay() throws Exception {
        byte[] stale = request(43, 1, SECRET, false, text(1, "alice"), integer(27, 60),
                integer(55, NOW.getEpochSecond() - 301));
        assertNull(answer(stale));
        assertEquals(1, handler.dropped());
        byte[] fresh = request(43, 2, SECRET, false, text(1, "alice"), integer(27, 60),
                integer(55, NOW.getEpochSecond() - 10));
        assertEquals(44, answer(fresh)[0]);
        assertEquals(60, alice.sessionTimeoutS());
    }

    @Test
    void onlyDasCodesWellFormedAndLongEnough() throws Exception {
        assertNull(answer(request(4, 1, SECRET, false, text(1, "alice"))), "an Accounting-Request");
        byte[] req = request(40, 1, SECRET, false, text(1, "alice"));
        assertNull(handler.handle(req, 19, CLIENT), "shorter than a header");
        byte[] bad = req.clone();
        bad[21] = 99; // the attribute's length runs past the packet
        assertNull(answer(bad));
        assertEquals(3, handler.dropped());
        byte[] padded = Arrays.copyOf(req, req.length + 10);
        assertEquals(41, answer(padded)[0], "octets beyond Length are padding");
    }

    @Test
    void disconnectWithATimeoutAttributeIsUnsupported() throws Exception {
        byte[] a = answer(request(40, 3, SECRET, false, text(1, "alice"), integer(27, 60)));
        assertEquals(42, a[0]);
        assertEquals(401, errorCause(a));
        assertEquals(0, disconnects);
    }

    @Test
    void aMalformedFramedIpAddressIsAnInvalidValue() throws Exception {
        byte[] a = answer(request(40, 3, SECRET, false, new byte[] {8, 5, 10, 0, 0}));
        assertEquals(42, a[0]);
        assertEquals(407, errorCause(a));
    }
}
