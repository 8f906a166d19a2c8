package org.l2tp.ppp.auth;

import java.security.MessageDigest;
import java.util.Arrays;

import org.l2tp.api.aaa.AuthMethod;
import org.l2tp.api.aaa.AuthRequest;
import org.l2tp.api.aaa.AuthResult;
import org.l2tp.ppp.frame.ControlPacket;
import org.l2tp.ppp.frame.Protocols;
import org.l2tp.ppp.link.Timers;

/** PAP, RFC 1334 section 2: both roles. */
final class Pap {
    static final int AUTHENTICATE_REQUEST = 1;
    static final int AUTHENTICATE_ACK = 2;
    static final int AUTHENTICATE_NAK = 3;

    private Pap() {
    }

    /** The authenticator: waits for an Authenticate-Request, asks AAA, answers Ack or Nak (RFC 1334 2.2.2). */
    static final class Authenticator implements AuthSide {
        private enum State { INITIAL, WAITING, PENDING, DONE, STOPPED }

        private final AuthenticatorContext c;
        private State state = State.INITIAL;
        private Timers.Timer deadline;
        private long discarded;
        /** The credentials being or having been decided: a retransmission of them gets the same answer. */
        private byte[] peerId;
        private byte[] password;
        /** Identifier of the latest Authenticate-Request with those credentials: the one we answer. */
        private int latestId;
        private int answerCode;
        private byte[] answerData;

        Authenticator(AuthenticatorContext c) {
            this.c = c;
        }

        @Override
        public void start() {
            if (state != State.INITIAL) {
                return;
            }
            state = State.WAITING;
            if (c.deadlineMs() > 0) {
                deadline = c.timers().schedule(c.deadlineMs(), this::deadlinePassed);
            }
        }

        @Override
        public void receive(ControlPacket p) {
            if (p.code() != AUTHENTICATE_REQUEST || state == State.STOPPED) {
                return; // Ack/Nak belong to the client side
            }
            // RFC 1334 2.2.1: Peer-ID Length, Peer-ID, Passwd-Length, Password.
            byte[] d = p.data();
            if (d.length < 1 || 1 + (d[0] & 0xff) + 1 > d.length) {
                discarded++;
                return;
            }
            int idLen = d[0] & 0xff;
            int pwLen = d[1 + idLen] & 0xff;
            if (2 + idLen + pwLen > d.length) {
                discarded++;
                return;
            }
            byte[] id = Arrays.copyOfRange(d, 1, 1 + idLen);
            byte[] pw = Arrays.copyOfRange(d, 2 + idLen, 2 + idLen + pwLen);
            Arrays.fill(d, (byte) 0);
            switch (state) {
                case INITIAL -> discarded++; // not asked to authenticate yet
                case WAITING -> {
                    peerId = id;
                    password = pw;
                    latestId = p.id();
                    state = State.PENDING;
                    Wire.ask(c.aaa(), new AuthRequest(AuthMethod.PAP, name(), 0, new byte[0], pw, c.session()),
                            c.loop(), this::decided);
                }
                case PENDING -> {
                    // RFC 1334 2.2.1 changes the Identifier on every retransmission: answer the latest one.
                    if (same(id, pw)) {
                        latestId = p.id();
                    } else {
                        discarded++;
                    }
                    Arrays.fill(pw, (byte) 0);
                }
                case DONE -> {
                    // Our Ack or Nak was lost and the peer asks again: the same answer, no second AAA lookup.
                    if (same(id, pw)) {
                        c.out().send(Protocols.PAP, new ControlPacket(answerCode, p.id(), answerData));
                    } else {
                        discarded++;
                    }
                    Arrays.fill(pw, (byte) 0);
                }
                default -> {
                }
            }
        }

        private boolean same(byte[] id, byte[] pw) {
            // Both compared in full so the time does not tell which one differed.
            boolean sameId = MessageDigest.isEqual(id, peerId);
            boolean samePw = MessageDigest.isEqual(pw, password);
            return sameId & samePw;
        }

        private String name() {
            return new String(peerId, java.nio.charset.StandardCharsets.UTF_8);
        }

        private void decided(AuthResult r, Throwable ex) {
            if (state != State.PENDING) {
                return; // stopped, or the deadline passed
            }
            String error = null;
            if (ex != null || r == null) {
                error = "AAA error " + (ex == null ? "(no result)" : Wire.aaaError(ex));
                r = AuthResult.reject("authentication failed");
            }
            String message = r.message() != null ? r.message() : r.accepted() ? "Access granted"
                    : "Authentication failure";
            // RFC 1334 2.2.2: Msg-Length, Message.
            byte[] m = Wire.utf8(message, 255);
            answerData = new byte[1 + m.length];
            answerData[0] = (byte) m.length;
            System.arraycopy(m, 0, answerData, 1, m.length);
            answerCode = r.accepted() ? AUTHENTICATE_ACK : AUTHENTICATE_NAK;
            state = State.DONE;
            cancelDeadline();
            c.out().send(Protocols.PAP, new ControlPacket(answerCode, latestId, answerData));
            if (r.accepted()) {
                c.listener().succeeded(name(), r);
            } else {
                c.listener().failed("PAP: user " + Wire.printable(name()) + " refused"
                        + (error != null ? ": " + error : r.message() != null ? ": " + Wire.printable(r.message())
                        : ""));
            }
        }

        private void deadlinePassed() {
            if (state != State.WAITING && state != State.PENDING) {
                return;
            }
            String what = state == State.WAITING ? "no Authenticate-Request" : "no AAA answer";
            stop();
            c.listener().failed("PAP: " + what + " within " + c.deadlineMs() + " ms");
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
            cancelDeadline();
            if (password != null) {
                Arrays.fill(password, (byte) 0);
            }
        }

        @Override
        public long discarded() {
            return discarded;
        }

        @Override
        public String toString() {
            return "PAP authenticator " + state;
        }
    }

    /**
     * The client: Authenticate-Request every retryMs, a new Identifier each time (RFC 1334 2.2.1), until an Ack or
     * Nak or maxRequests went unanswered.
     */
    static final class Client implements AuthSide {
        private final ClientContext c;
        private boolean started;
        private boolean done;
        private Timers.Timer retry;
        private int sent;
        private int id;
        /** Identifiers we used: an answer to any of them answers our (identical) request. */
        private final java.util.BitSet sentIds = new java.util.BitSet(256);
        private long discarded;

        Client(ClientContext c) {
            this.c = c;
        }

        @Override
        public void start() {
            if (started) {
                return;
            }
            started = true;
            // RFC 1334 2.2.1: both lengths are one octet.
            byte[] pw = c.password().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            boolean tooLong = pw.length > 255 || c.name().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255;
            Arrays.fill(pw, (byte) 0);
            if (tooLong) {
                done = true;
                c.listener().failed("PAP: name or password longer than 255 bytes");
                return;
            }
            send();
        }

        private void send() {
            retry = null;
            if (done) {
                return;
            }
            if (sent >= c.maxRequests()) {
                done = true;
                c.listener().failed("PAP: no answer to " + sent + " Authenticate-Requests");
                return;
            }
            byte[] name = c.name().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] pw = c.password().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] d = new byte[2 + name.length + pw.length];
            d[0] = (byte) name.length;
            System.arraycopy(name, 0, d, 1, name.length);
            d[1 + name.length] = (byte) pw.length;
            System.arraycopy(pw, 0, d, 2 + name.length, pw.length);
            id = (id + 1) & 0xff;
            if (sentIds.cardinality() == 256) {
                sentIds.clear();
            }
            sentIds.set(id);
            sent++;
            c.out().send(Protocols.PAP, new ControlPacket(AUTHENTICATE_REQUEST, id, d));
            Arrays.fill(pw, (byte) 0);
            Arrays.fill(d, (byte) 0);
            retry = c.timers().schedule(c.retryMs(), this::send);
        }

        @Override
        public void receive(ControlPacket p) {
            if (p.code() != AUTHENTICATE_ACK && p.code() != AUTHENTICATE_NAK || done || !started) {
                return;
            }
            if (!sentIds.get(p.id())) {
                discarded++; // RFC 1334 2.2.2: the Identifier is copied from our request
                return;
            }
            // Msg-Length, Message; a missing or overlong Msg-Length is tolerated, the verdict is the Code.
            int n = p.dataLength();
            String message = n < 1 ? "" : Wire.printable(p.data(), 1, Math.min(p.dataByte(0), n - 1));
            done = true;
            cancel();
            if (p.code() == AUTHENTICATE_ACK) {
                c.listener().succeeded(c.name(), null);
            } else {
                c.listener().failed("PAP: refused by the peer" + (message.isEmpty() ? "" : ": " + message));
            }
        }

        private void cancel() {
            if (retry != null) {
                retry.cancel();
                retry = null;
            }
        }

        @Override
        public void stop() {
            started = true; // a stopped side never starts
            done = true;
            cancel();
        }

        @Override
        public long discarded() {
            return discarded;
        }

        @Override
        public String toString() {
            return "PAP client " + c.name();
        }
    }
}
