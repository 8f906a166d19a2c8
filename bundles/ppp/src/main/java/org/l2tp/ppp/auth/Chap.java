package org.l2tp.ppp.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import org.l2tp.api.aaa.AuthMethod;
import org.l2tp.api.aaa.AuthRequest;
import org.l2tp.api.aaa.AuthResult;
import org.l2tp.ppp.frame.ControlPacket;
import org.l2tp.ppp.frame.Protocols;
import org.l2tp.ppp.link.Timers;

/** CHAP with MD5 (RFC 1994) and MS-CHAPv2 (RFC 2759), which shares CHAP's packets: both roles. */
final class Chap {
    static final int CHALLENGE = 1;
    static final int RESPONSE = 2;
    static final int SUCCESS = 3;
    static final int FAILURE = 4;
    private static final int CHALLENGE_LENGTH = 16;
    private static final SecureRandom PEER_CHALLENGES = new SecureRandom();

    private Chap() {
    }

    /** Value-Size, Value, Name (RFC 1994 4.1), or null if Value-Size is not {@code size} or runs past the data. */
    private static byte[][] valueAndName(ControlPacket p, int size) {
        int n = p.dataLength();
        if (n < 1 || p.dataByte(0) != size || 1 + size > n) {
            return null;
        }
        byte[] d = p.data();
        return new byte[][] {Arrays.copyOfRange(d, 1, 1 + size), Arrays.copyOfRange(d, 1 + size, n)};
    }

    private static byte[] valueAndName(byte[] value, byte[] name) {
        byte[] d = new byte[1 + value.length + name.length];
        d[0] = (byte) value.length;
        System.arraycopy(value, 0, d, 1, value.length);
        System.arraycopy(name, 0, d, 1 + value.length, name.length);
        return d;
    }

    /**
     * The authenticator: a Challenge of 16 random octets, retransmitted every retryMs up to maxChallenges times
     * until a Response with its Identifier arrives; AAA decides; Success or Failure (RFC 1994 4.1-4.2, RFC 2759
     * 3-6). Retransmissions repeat the same Identifier and value, so a late Response to an earlier copy still
     * counts.
     */
    static final class Authenticator implements AuthSide {
        private enum State { INITIAL, CHALLENGED, PENDING, DONE, STOPPED }

        private final AuthenticatorContext c;
        private final boolean ms;
        private State state = State.INITIAL;
        private Timers.Timer retry;
        private Timers.Timer deadline;
        private int sent;
        private int id;
        private byte[] challenge;
        private byte[] response;
        private byte[] name;
        private ControlPacket answer;
        private long discarded;

        Authenticator(AuthenticatorContext c, boolean ms) {
            this.c = c;
            this.ms = ms;
        }

        private String protocol() {
            return ms ? "MS-CHAPv2" : "CHAP";
        }

        @Override
        public void start() {
            if (state != State.INITIAL) {
                return;
            }
            state = State.CHALLENGED;
            // RFC 1994 2.3: the challenge must be unpredictable and not repeat; 16 octets as RFC 2759 3 requires.
            id = c.random().nextInt(256);
            challenge = new byte[CHALLENGE_LENGTH];
            c.random().nextBytes(challenge);
            if (c.deadlineMs() > 0) {
                deadline = c.timers().schedule(c.deadlineMs(), this::deadlinePassed);
            }
            sendChallenge();
        }

        private void sendChallenge() {
            retry = null;
            if (state != State.CHALLENGED) {
                return;
            }
            if (sent >= c.maxChallenges()) {
                stop();
                c.listener().failed(protocol() + ": no Response to " + sent + " Challenges");
                return;
            }
            sent++;
            byte[] d = valueAndName(challenge, Wire.utf8(c.localName(), 65535 - 4 - 1 - CHALLENGE_LENGTH));
            c.out().send(Protocols.CHAP, new ControlPacket(CHALLENGE, id, d));
            retry = c.timers().schedule(c.retryMs(), this::sendChallenge);
        }

        @Override
        public void receive(ControlPacket p) {
            if (p.code() != RESPONSE || state == State.STOPPED) {
                return; // Challenge, Success and Failure are for the client side
            }
            // RFC 1994 4.1: MD5 values are 16 octets; RFC 2759 4: the MS-CHAPv2 Value is 49.
            byte[][] vn = valueAndName(p, ms ? MsChapV2.RESPONSE_LENGTH : ChapMd5.VALUE_LENGTH);
            if (vn == null || state == State.INITIAL || p.id() != id) {
                discarded++; // malformed, or not a Response to our Challenge (Identifier copied, RFC 1994 4.1)
                return;
            }
            switch (state) {
                case CHALLENGED -> {
                    cancelRetry();
                    response = vn[0];
                    name = vn[1];
                    state = State.PENDING;
                    AuthMethod m = ms ? AuthMethod.MSCHAP_V2 : AuthMethod.CHAP_MD5;
                    Wire.ask(c.aaa(), new AuthRequest(m, userName(), id, challenge, response, c.session()),
                            c.loop(), this::decided);
                }
                case PENDING -> {
                    // a retransmission while AAA decides: the answer is on its way
                }
                case DONE -> {
                    // RFC 1994 4.2: our Success or Failure may have been lost; the same Response gets it again.
                    if (MessageDigest.isEqual(vn[0], response) && Arrays.equals(vn[1], name)) {
                        c.out().send(Protocols.CHAP, answer);
                    } else {
                        discarded++;
                    }
                }
                default -> {
                }
            }
        }

        private String userName() {
            return new String(name, StandardCharsets.UTF_8);
        }

        private void decided(AuthResult r, Throwable ex) {
            if (state != State.PENDING) {
                return;
            }
            String error = null;
            if (ex != null || r == null) {
                error = "AAA error " + (ex == null ? "(no result)" : Wire.aaaError(ex));
            } else if (r.accepted() && ms && !isAuthenticatorResponse(r.mschapSuccess())) {
                // RFC 2759 5: without a valid S= the peer must hang up anyway; refuse cleanly instead.
                error = "AAA accepted without an MS-CHAPv2 authenticator response";
            }
            boolean ok = error == null && r.accepted();
            String message;
            if (ms) {
                // RFC 2759 5 and 6: formatted messages; R=0: no retry, the peer cannot change its password here.
                message = ok ? r.mschapSuccess() + " M=Access granted"
                        : "E=691 R=0 C=" + HexFormat.of().withUpperCase().formatHex(challenge)
                                + " V=3 M=Authentication failure";
            } else if (r != null && r.message() != null) {
                message = r.message();
            } else {
                message = ok ? "Access granted" : "Authentication failure";
            }
            answer = new ControlPacket(ok ? SUCCESS : FAILURE, id, Wire.utf8(message, 1000));
            state = State.DONE;
            cancelDeadline();
            c.out().send(Protocols.CHAP, answer);
            if (ok) {
                c.listener().succeeded(userName(), r);
            } else {
                String why = error != null ? error : r.message() != null ? Wire.printable(r.message()) : null;
                c.listener().failed(protocol() + ": user " + Wire.printable(userName()) + " refused"
                        + (why != null ? ": " + why : ""));
            }
        }

        private static boolean isAuthenticatorResponse(String s) {
            return s != null && s.length() == 42 && s.startsWith("S=")
                    && s.substring(2).chars().allMatch(ch -> Character.digit(ch, 16) >= 0);
        }

        private void deadlinePassed() {
            deadline = null;
            if (state != State.CHALLENGED && state != State.PENDING) {
                return;
            }
            String what = state == State.CHALLENGED ? "no Response" : "no AAA answer";
            stop();
            c.listener().failed(protocol() + ": " + what + " within " + c.deadlineMs() + " ms");
        }

        private void cancelRetry() {
            if (retry != null) {
                retry.cancel();
                retry = null;
            }
        }

        private void cancelDeadline() {
            if (deadline != null) {
                deadline.cancel();
                deadline = null;
            }
        }

        @Override
        public void stop() {
            state = State.STOPPED;
            cancelRetry();
            cancelDeadline();
        }

        @Override
        public long discarded() {
            return discarded;
        }

        @Override
        public String toString() {
            return protocol() + " authenticator " + state;
        }
    }

    /**
     * The client: answers every Challenge (rechallenges too, RFC 1994 2), succeeds on Success, fails on Failure.
     * It waits retryMs * maxRequests for the first Challenge, then repeats its Response every retryMs, up to
     * maxRequests times, until Success or Failure: a lost Success is thus recovered, since the authenticator
     * answers a repeated Response again.
     */
    static final class Client implements AuthSide {
        private final ClientContext c;
        private final boolean ms;
        private boolean started;
        private boolean succeeded;
        private boolean done;
        private Timers.Timer wait;
        private long discarded;
        /** The last Challenge answered, and our Response, repeated for a retransmitted Challenge. */
        private int lastId = -1;
        private byte[] lastChallenge;
        private ControlPacket lastResponse;
        private int responsesSent;
        /** MS-CHAPv2: what the Success's authenticator response is checked against (RFC 2759 8.8). */
        private byte[] peerChallenge;
        private byte[] ntResponse;

        Client(ClientContext c, boolean ms) {
            this.c = c;
            this.ms = ms;
        }

        private String protocol() {
            return ms ? "MS-CHAPv2" : "CHAP";
        }

        @Override
        public void start() {
            if (started) {
                return;
            }
            started = true;
            wait = c.timers().schedule(c.retryMs() * c.maxRequests(), this::silent);
        }

        @Override
        public void receive(ControlPacket p) {
            if (!started || done || p.code() == RESPONSE) {
                return;
            }
            switch (p.code()) {
                case CHALLENGE -> challenge(p);
                case SUCCESS -> success(p);
                case FAILURE -> failure(p);
                default -> discarded++; // RFC 1994 defines only codes 1-4
            }
        }

        private void challenge(ControlPacket p) {
            // RFC 1994 4.1 allows any challenge length; RFC 2759 3 fixes 16.
            int size = p.dataLength() < 1 ? -1 : p.dataByte(0);
            byte[][] vn = size < 1 || ms && size != CHALLENGE_LENGTH ? null : valueAndName(p, size);
            if (vn == null) {
                discarded++;
                return;
            }
            byte[] value = vn[0];
            if (p.id() == lastId && Arrays.equals(value, lastChallenge)) {
                // A retransmission: the same Response, so that an MS-CHAPv2 Success computed from our first one
                // still verifies.
                sendResponse();
                return;
            }
            byte[] name = c.name().getBytes(StandardCharsets.UTF_8);
            byte[] answer;
            if (ms) {
                peerChallenge = new byte[CHALLENGE_LENGTH];
                PEER_CHALLENGES.nextBytes(peerChallenge);
                ntResponse = MsChapV2.generateNtResponse(value, peerChallenge, MsChapV2.userName(c.name()),
                        c.password());
                // RFC 2759 4: Peer-Challenge, 8 reserved zeros, NT-Response, Flags 0.
                answer = new byte[MsChapV2.RESPONSE_LENGTH];
                System.arraycopy(peerChallenge, 0, answer, 0, CHALLENGE_LENGTH);
                System.arraycopy(ntResponse, 0, answer, MsChapV2.NT_RESPONSE_OFFSET, MsChapV2.NT_RESPONSE_LENGTH);
            } else {
                answer = ChapMd5.response(p.id(), c.password(), value);
            }
            lastId = p.id();
            lastChallenge = value;
            lastResponse = new ControlPacket(RESPONSE, p.id(), valueAndName(answer, name));
            responsesSent = 0;
            sendResponse();
        }

        private void sendResponse() {
            cancelWait();
            responsesSent++;
            c.out().send(Protocols.CHAP, lastResponse);
            wait = c.timers().schedule(c.retryMs(), this::repeatResponse);
        }

        private void repeatResponse() {
            wait = null;
            if (done) {
                return;
            }
            if (responsesSent >= c.maxRequests()) {
                fail("no Success or Failure after " + responsesSent + " Responses");
                return;
            }
            sendResponse();
        }

        private void success(ControlPacket p) {
            if (p.id() != lastId) {
                discarded++; // RFC 1994 4.2: the Identifier is copied from our Response
                return;
            }
            if (ms) {
                // RFC 2759 5: "S=<40 hex> M=<msg>"; a missing or wrong S= means the authenticator does not know
                // our password: end the session.
                String text = new String(p.data(), StandardCharsets.US_ASCII);
                String s = text.length() >= 42 && text.startsWith("S=") ? text.substring(0, 42) : null;
                if (s == null) {
                    fail("Success without an authenticator response");
                    return;
                }
                if (!MsChapV2.checkAuthenticatorResponse(c.password(), ntResponse, peerChallenge, lastChallenge,
                        MsChapV2.userName(c.name()), s)) {
                    fail("authenticator response does not match: the LNS does not know our password");
                    return;
                }
            }
            cancelWait();
            if (!succeeded) {
                succeeded = true;
                c.listener().succeeded(c.name(), null);
            }
        }

        private void failure(ControlPacket p) {
            if (p.id() != lastId) {
                discarded++;
                return;
            }
            String message = Wire.printable(p.data(), 0, p.dataLength());
            fail("refused by the peer" + (message.isEmpty() ? "" : ": " + message));
        }

        private void fail(String reason) {
            done = true;
            cancelWait();
            c.listener().failed(protocol() + ": " + reason);
        }

        private void silent() {
            wait = null;
            if (!done) {
                fail("no Challenge from the authenticator");
            }
        }

        private void cancelWait() {
            if (wait != null) {
                wait.cancel();
                wait = null;
            }
        }

        @Override
        public void stop() {
            started = true; // a stopped side never starts
            done = true;
            cancelWait();
        }

        @Override
        public long discarded() {
            return discarded;
        }

        @Override
        public String toString() {
            return protocol() + " client " + c.name();
        }
    }
}
