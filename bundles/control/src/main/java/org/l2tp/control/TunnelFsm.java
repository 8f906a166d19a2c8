package org.l2tp.control;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;

import org.l2tp.api.TunnelInfo;
import org.l2tp.api.TunnelState;
import org.l2tp.codec.AvpType;
import org.l2tp.codec.AvpValue;
import org.l2tp.codec.ControlMessage;
import org.l2tp.codec.GeneralError;
import org.l2tp.codec.L2tpDecodeException;
import org.l2tp.codec.MessageType;
import org.l2tp.codec.StopCcnResult;
import org.l2tp.codec.TunnelAuthentication;

/**
 * The control connection state machine of RFC 2661 section 7.2, initiator and responder: SCCRQ/SCCRP/SCCCN with
 * tunnel authentication (section 4.2), Tie Breaker (section 4.4.3), HELLO (section 6.5), StopCCN and the hold
 * period after it (section 5.7). Each handler is one (state, event) cell of the section 7.2 table.
 */
final class TunnelFsm {
    private static final int CHALLENGE_LENGTH = 16;
    private final ControlPlane cp;

    TunnelFsm(ControlPlane cp) {
        this.cp = cp;
    }

    // ---------------------------------------------------------------- initiator: idle -> wait-ctl-reply

    /** Opens a control connection to {@code peer} (we send SCCRQ); returns its tunnel, ours or an adopted one. */
    Tunnel open(PeerConfig peer, CompletableFuture<TunnelInfo> opened) throws IOException {
        // The peer's SCCRQ got here before ours left: that half-open tunnel is the one both sides wanted (4.4.3).
        for (Tunnel crossing : cp.tunnels.values()) {
            if (!crossing.initiator && crossing.state == TunnelState.WAIT_CTL_CONN && crossing.opened == null
                    && crossing.peer.equals(peer.address())) {
                crossing.opened = opened;
                return crossing;
            }
        }
        String refused = cp.protection.refuseTunnel(peer.address().getAddress(), cp.config, cp.tunnels.size(),
                cp.halfOpen, false);
        if (refused != null) {
            throw new IOException("cannot open a tunnel now: " + refused);
        }
        Tunnel t = create(peer.address(), peer, true);
        if (t == null) {
            throw new IOException("cannot open a tunnel now: no Tunnel ID free");
        }
        try {
            t.socket = cp.openTunnelSocket(peer.address());
            cp.register(t);
        } catch (IOException | RuntimeException e) {
            discard(t);
            throw e;
        }
        t.opened = opened;
        t.ourChallenge = t.secret != null ? Messages.random(CHALLENGE_LENGTH) : null;
        t.tieBreaker = Messages.random(8);
        t.state = TunnelState.WAIT_CTL_REPLY;
        t.send(Messages.sccrq(cp.config.hostName(), t.localId, t.transport.ourWindow(), t.ourChallenge,
                t.tieBreaker));
        rearm(t);
        return t;
    }

    /** A new half-open tunnel, after the limits were checked; null when no Tunnel ID is free. */
    private Tunnel create(InetSocketAddress peerAddress, PeerConfig peer, boolean initiator) {
        int id = cp.tunnelIds.allocate(cp.tunnels::containsKey, cp.loop.now());
        if (id == 0) {
            return null;
        }
        DaemonConfig.Timers timers = peer != null ? peer.timers() : cp.config.timers();
        Tunnel t = new Tunnel(cp, id, initiator, cp.listenAddress(), peerAddress, timers.settings());
        applyPeer(t, peer);
        cp.tunnels.put(id, t);
        cp.halfOpen++;
        t.halfOpen = true;
        cp.protection.tunnelCreated(peerAddress.getAddress());
        // No state before ESTABLISHED lasts: the section 7.2 table has no timer for an acknowledged SCCRP that
        // never gets its SCCCN, and a stranger must not hold a half-open slot for good.
        t.setupDeadline = cp.loop.now() + cp.config.limits().tunnelSetupTimeoutS() * 1000L;
        return t;
    }

    /** Takes a (new) peer configuration into a live tunnel: secret, hiding, hello, timers. */
    void applyPeer(Tunnel t, PeerConfig peer) {
        t.config = peer;
        t.secret = peer != null && peer.secret() != null ? peer.secret() : cp.config.secret();
        t.hideAvps = peer != null ? peer.hiddenAvps() : cp.config.hiddenAvps();
        t.helloIntervalS = peer != null ? peer.helloIntervalS() : cp.config.helloIntervalS();
        t.transport.update((peer != null ? peer.timers() : cp.config.timers()).settings());
        if (t.state == TunnelState.ESTABLISHED) {
            armHello(t);
        }
    }

    // ---------------------------------------------------------------- datagrams

    /** A message with Tunnel ID 0: only an SCCRQ opens a tunnel; anything else has nowhere to go. */
    void onTunnelZero(InetSocketAddress from, ControlMessage m) {
        if (m.isZlb() || m.type() != MessageType.SCCRQ) {
            cp.protection.unknownTunnel++;
            return;
        }
        int peerTunnel = m.u16(AvpType.ASSIGNED_TUNNEL_ID);
        Tunnel existing = cp.byPeer.get(new ControlPlane.PeerKey(from, peerTunnel));
        if (existing != null) {
            // A retransmitted SCCRQ: the transport acknowledges it again.
            onMessage(existing, from, m);
            return;
        }
        onSccrq(from, m);
    }

    void onMessage(Tunnel t, InetSocketAddress from, ControlMessage m) {
        if (!from.equals(t.peer)) {
            // Some LNSs answer from another port: after SCCRP we talk to where the reply came from.
            if (t.state == TunnelState.WAIT_CTL_REPLY && from.getAddress().equals(t.peer.getAddress())) {
                repoint(t, from);
            } else {
                cp.protection.foreignSource++;
                cp.protection.log.log(ControlPlane.LOG, Level.FINE, () -> t + ": dropped a message from "
                        + ControlPlane.endpoint(from) + ", which is not the tunnel's peer");
                return;
            }
        }
        t.lastReceived = cp.loop.now();
        t.counters.received(m);
        if (t.trace) {
            ControlPlane.LOG.info(() -> t + ": received " + m);
        }
        for (ControlMessage d : t.transport.receive(m)) {
            dispatch(t, d);
        }
        t.transport.flushAck();
        if (t.state == TunnelState.ESTABLISHED) {
            armHello(t);
        }
        rearm(t);
    }

    private void repoint(Tunnel t, InetSocketAddress from) {
        ControlPlane.LOG.info(() -> t + ": peer answers from port " + from.getPort() + ", following it");
        try {
            t.socket.disconnect();
            t.socket.connect(from);
        } catch (IOException e) {
            ControlPlane.LOG.log(Level.WARNING, t + ": cannot reconnect the socket to " + from, e);
        }
        t.peer = from;
    }

    /**
     * A datagram that did not decode: counted, and answered as the decoder says RFC 2661 requires, but only when it
     * came from the tunnel's own peer address and port: nobody else may end a tunnel or a session.
     */
    void malformed(Tunnel t, InetSocketAddress from, L2tpDecodeException e) {
        cp.protection.log.log(ControlPlane.LOG, Level.FINE, () -> "malformed datagram from "
                + ControlPlane.endpoint(from) + ": " + e.getMessage());
        if (t == null) {
            return;
        }
        if (!from.equals(t.peer)) {
            cp.protection.foreignSource++;
            return;
        }
        switch (e.answer()) {
            case STOPCCN -> {
                if (t.state != TunnelState.CLOSING) {
                    cp.protection.log.log(ControlPlane.LOG, Level.WARNING, () -> t + ": " + e.getMessage());
                    close(t, e.resultCode(), e.errorCode(), e.getMessage(), true);
                }
            }
            case CDN -> {
                // Consume its Ns first, so the CDN acknowledges the message it answers.
                java.util.List<ControlMessage> early = e.ns() >= 0 ? t.transport.skip(e.ns(), e.nr())
                        : java.util.List.of();
                Session s = t.sessions.get(e.sessionId());
                if (s != null) {
                    cp.sessionFsm.close(s, e.resultCode(), e.errorCode(), e.getMessage(), true, e.getMessage());
                } else if (e.message() != null && e.sessionId() == 0) {
                    // A call request we cannot accept: the CDN goes to the session it asked for.
                    cp.sessionFsm.refuse(t, e.message().u16(AvpType.ASSIGNED_SESSION_ID), e.resultCode(),
                            e.errorCode(), e.getMessage());
                }
                deliver(t, early);
            }
            case DISCARD -> {
                if (e.reason() == L2tpDecodeException.Reason.UNKNOWN_MESSAGE_TYPE && e.ns() >= 0) {
                    // Ignored, but it took an Ns: acknowledge it (section 4.4.1 and 5.8).
                    deliver(t, t.transport.skip(e.ns(), e.nr()));
                }
            }
        }
        rearm(t);
    }

    private void deliver(Tunnel t, Iterable<ControlMessage> ms) {
        for (ControlMessage d : ms) {
            dispatch(t, d);
        }
        t.transport.flushAck();
    }

    /** The section 7.2 table: what each message does in each state. Session messages go to {@link SessionFsm}. */
    private void dispatch(Tunnel t, ControlMessage m) {
        MessageType type = m.type();
        if (type == MessageType.STOPCCN) {
            onStopCcn(t, m);
            return;
        }
        switch (t.state) {
            case WAIT_CTL_REPLY -> {
                if (type == MessageType.SCCRP) {
                    onSccrp(t, m);
                } else {
                    fsmError(t, m);
                }
            }
            case WAIT_CTL_CONN -> {
                // Section 7.2.1: SCCRQ or SCCRP here clear the connection with a StopCCN (a retransmitted SCCRQ
                // never gets here: the transport acknowledges duplicates and drops them).
                if (type == MessageType.SCCCN) {
                    onScccn(t, m);
                } else {
                    fsmError(t, m);
                }
            }
            case ESTABLISHED -> {
                switch (type) {
                    // HELLO only needs the acknowledgement the transport sends.
                    case HELLO -> { }
                    // Section 7.2.1: a new SCCRQ, SCCRP or SCCCN (copies never get here) clears the connection.
                    case SCCRQ, SCCRP, SCCCN -> fsmError(t, m);
                    default -> cp.sessionFsm.onMessage(t, m);
                }
            }
            case CLOSING, IDLE -> {
                // Section 5.7: while closing, messages are only acknowledged.
            }
        }
    }

    private void fsmError(Tunnel t, ControlMessage m) {
        cp.protection.log.log(ControlPlane.LOG, Level.WARNING, () -> t + ": unexpected " + m.type().abbreviation()
                + " in state " + t.state);
        close(t, StopCcnResult.FSM_ERROR.code(), 0, "unexpected " + m.type().abbreviation() + " in " + t.state,
                true);
    }

    // ---------------------------------------------------------------- responder: idle -> wait-ctl-conn

    private void onSccrq(InetSocketAddress from, ControlMessage m) {
        if (!cp.configured) {
            // The peers' configurations are still arriving: this SCCRQ's sender might be one of them, with a secret.
            // Unanswered, it is retransmitted (section 5.8) and then meets the policy meant for it.
            cp.protection.startupDropped++;
            cp.protection.log.log(ControlPlane.LOG, Level.INFO, () -> "SCCRQ from " + ControlPlane.endpoint(from)
                    + " left unanswered: the configuration is still being applied");
            return;
        }
        int peerTunnel = m.u16(AvpType.ASSIGNED_TUNNEL_ID);
        Set<AvpType> missing = m.missingRequired();
        if (!missing.isEmpty() || peerTunnel <= 0) {
            refuse(from, m, StopCcnResult.GENERAL_ERROR.code(), GeneralError.FIELD_OUT_OF_RANGE.code(),
                    "SCCRQ lacks " + (missing.isEmpty() ? Set.of(AvpType.ASSIGNED_TUNNEL_ID) : missing));
            return;
        }
        AvpValue.ProtocolVersion v = m.value(AvpType.PROTOCOL_VERSION, AvpValue.ProtocolVersion.class);
        if (!AvpValue.ProtocolVersion.L2TPV2.equals(v)) {
            refuse(from, m, StopCcnResult.UNSUPPORTED_VERSION.code(), 0x0100, "protocol version " + v.version()
                    + "." + v.revision() + " not supported, only 1.0");
            return;
        }
        PeerConfig peer = cp.peerFor(from);
        if (peer == null && (!cp.config.acceptUnconfigured() || !cp.config.lns())) {
            cp.protection.notAuthorized++;
            refuse(from, m, StopCcnResult.NOT_AUTHORIZED.code(), 0, "peer not configured");
            return;
        }
        byte[] challenge = m.octets(AvpType.CHALLENGE);
        if (challenge != null && secretFor(peer) == null) {
            cp.protection.notAuthorized++;
            refuse(from, m, StopCcnResult.NOT_AUTHORIZED.code(), 0, "challenged but no secret is configured");
            return;
        }
        String limit = cp.protection.refuseTunnel(from.getAddress(), cp.config, cp.tunnels.size(), cp.halfOpen,
                true);
        if (limit != null) {
            refuse(from, m, StopCcnResult.GENERAL_ERROR.code(), GeneralError.INSUFFICIENT_RESOURCES.code(), limit);
            return;
        }
        Tie tie = tieBreak(from, m);
        if (tie == Tie.PEER_LOST) {
            return;
        }
        Tunnel t = create(from, peer, false);
        if (tie.lost != null) {
            // Section 4.4.3: our SCCRQ lost; the tunnel the peer's brings up is the one our caller wanted.
            if (t != null) {
                t.opened = tie.lost.opened;
                tie.lost.opened = null;
                cp.dialer.handOver(tie.lost, t);
            }
            delete(tie.lost);
        }
        if (t == null) {
            refuse(from, m, StopCcnResult.GENERAL_ERROR.code(), GeneralError.INSUFFICIENT_RESOURCES.code(),
                    "no Tunnel ID free");
            return;
        }
        t.peerId = peerTunnel;
        t.peerHostName = m.text(AvpType.HOST_NAME);
        cp.byPeer.put(new ControlPlane.PeerKey(from, peerTunnel), t);
        try {
            t.socket = cp.openTunnelSocket(from);
            cp.register(t);
        } catch (IOException e) {
            cp.protection.log.log(ControlPlane.LOG, Level.WARNING, () -> "cannot open a socket for a tunnel from "
                    + ControlPlane.endpoint(from) + ": " + e.getMessage());
            discard(t);
            refuse(from, m, StopCcnResult.GENERAL_ERROR.code(), GeneralError.INSUFFICIENT_RESOURCES.code(),
                    "no socket");
            return;
        }
        t.transport.peerWindow(windowOf(m));
        t.transport.receive(m);
        t.counters.received(m);
        // The SCCRP below acknowledges the SCCRQ.
        t.ourChallenge = t.secret != null ? Messages.random(CHALLENGE_LENGTH) : null;
        byte[] response = challenge != null
                ? TunnelAuthentication.response(MessageType.SCCRP, t.secret.bytes(), challenge) : null;
        t.state = TunnelState.WAIT_CTL_CONN;
        t.send(Messages.sccrp(cp.config.hostName(), t.localId, t.transport.ourWindow(), t.ourChallenge, response));
        t.transport.flushAck();
        rearm(t);
    }

    private Secret secretFor(PeerConfig peer) {
        return peer != null && peer.secret() != null ? peer.secret() : cp.config.secret();
    }

    /**
     * A StopCCN that keeps no state: refusals of SCCRQs we do not take (section 7.2). The source address of an
     * SCCRQ is unproven, so the answer is rate-limited like every answer to strangers, and carries the result and
     * error codes without our reasons (those go to the log).
     */
    private void refuse(InetSocketAddress from, ControlMessage sccrq, int result, int error, String why) {
        cp.protection.log.log(ControlPlane.LOG, Level.INFO, () -> "refused SCCRQ from " + ControlPlane.endpoint(from)
                + (sccrq.text(AvpType.HOST_NAME) != null ? " (" + sccrq.text(AvpType.HOST_NAME) + ")" : "")
                + ": " + why);
        if (!cp.protection.answers.tryAcquire()) {
            return;
        }
        int peerTunnel = Math.max(0, sccrq.u16(AvpType.ASSIGNED_TUNNEL_ID));
        cp.sendStateless(from, Messages.stopCcn(0, result, error, null).withIds(peerTunnel, 0)
                .withSequence(0, Seq.next(sccrq.ns())));
    }

    /** The outcome of section 4.4.3 for one SCCRQ: no tie, the peer's SCCRQ lost, or ours ({@code lost}) did. */
    private record Tie(Tunnel lost) {
        static final Tie NONE = new Tie(null);
        static final Tie PEER_LOST = new Tie(null);
    }

    /**
     * Section 4.4.3: SCCRQs crossing between the same two hosts. The lower Tie Breaker wins; an SCCRQ with one beats
     * one without (we always send one); equal values lose on both sides (ours is withdrawn here at once).
     */
    private Tie tieBreak(InetSocketAddress from, ControlMessage m) {
        for (Tunnel ours : cp.tunnels.values()) {
            if (ours.initiator && ours.state == TunnelState.WAIT_CTL_REPLY
                    && ours.peer.getAddress().equals(from.getAddress()) && ours.tieBreaker != null) {
                byte[] theirs = m.octets(AvpType.TIE_BREAKER);
                int c = theirs == null ? -1 : Arrays.compareUnsigned(ours.tieBreaker, theirs);
                if (c < 0) {
                    ControlPlane.LOG.info(() -> "tie breaker: our SCCRQ to " + ControlPlane.endpoint(from)
                            + " wins, theirs is discarded");
                    return Tie.PEER_LOST;
                }
                if (c == 0) {
                    ControlPlane.LOG.info(() -> "tie breaker: equal values with " + ControlPlane.endpoint(from)
                            + ": both SCCRQs lose");
                    fail(ours.opened, "tie breaker values were equal");
                    ours.opened = null;
                    delete(ours);
                    return Tie.PEER_LOST;
                }
                ControlPlane.LOG.info(() -> "tie breaker: the SCCRQ from " + ControlPlane.endpoint(from)
                        + " wins, ours (" + ours.localId + ") is withdrawn");
                return new Tie(ours);
            }
        }
        return Tie.NONE;
    }

    private static void fail(CompletableFuture<?> f, String why) {
        if (f != null) {
            f.completeExceptionally(new IOException(why));
        }
    }

    private static int windowOf(ControlMessage m) {
        int w = m.u16(AvpType.RECEIVE_WINDOW_SIZE);
        return w > 0 ? w : 4; // section 4.4.3: 4 when absent
    }

    // ---------------------------------------------------------------- wait-ctl-reply: SCCRP

    private void onSccrp(Tunnel t, ControlMessage m) {
        int peerTunnel = m.u16(AvpType.ASSIGNED_TUNNEL_ID);
        Set<AvpType> missing = m.missingRequired();
        if (!missing.isEmpty() || peerTunnel <= 0) {
            close(t, StopCcnResult.GENERAL_ERROR.code(), GeneralError.FIELD_OUT_OF_RANGE.code(),
                    "SCCRP lacks " + missing, true);
            return;
        }
        t.peerId = peerTunnel;
        t.peerHostName = m.text(AvpType.HOST_NAME);
        cp.byPeer.put(new ControlPlane.PeerKey(t.peer, peerTunnel), t);
        t.transport.peerWindow(windowOf(m));
        AvpValue.ProtocolVersion v = m.value(AvpType.PROTOCOL_VERSION, AvpValue.ProtocolVersion.class);
        if (!AvpValue.ProtocolVersion.L2TPV2.equals(v)) {
            close(t, StopCcnResult.UNSUPPORTED_VERSION.code(), 0x0100, "protocol version not supported", true);
            return;
        }
        if (t.ourChallenge != null && !TunnelAuthentication.verify(MessageType.SCCRP, t.secret.bytes(),
                t.ourChallenge, m.octets(AvpType.CHALLENGE_RESPONSE))) {
            close(t, StopCcnResult.NOT_AUTHORIZED.code(), 0, "challenge response missing or wrong", true);
            return;
        }
        byte[] challenge = m.octets(AvpType.CHALLENGE);
        if (challenge != null && t.secret == null) {
            close(t, StopCcnResult.NOT_AUTHORIZED.code(), 0, "challenged but no secret is configured", true);
            return;
        }
        byte[] response = challenge != null
                ? TunnelAuthentication.response(MessageType.SCCCN, t.secret.bytes(), challenge) : null;
        t.send(Messages.scccn(response));
        established(t);
    }

    // ---------------------------------------------------------------- wait-ctl-conn: SCCCN

    private void onScccn(Tunnel t, ControlMessage m) {
        if (t.ourChallenge != null && !TunnelAuthentication.verify(MessageType.SCCCN, t.secret.bytes(),
                t.ourChallenge, m.octets(AvpType.CHALLENGE_RESPONSE))) {
            close(t, StopCcnResult.NOT_AUTHORIZED.code(), 0, "challenge response missing or wrong", true);
            return;
        }
        established(t);
    }

    private void established(Tunnel t) {
        t.state = TunnelState.ESTABLISHED;
        t.ourChallenge = null;
        leaveHalfOpen(t);
        attachData(t);
        armHello(t);
        cp.notifyTunnelUp(t);
        CompletableFuture<TunnelInfo> f = t.opened;
        t.opened = null;
        if (f != null) {
            f.complete(t.info());
        }
        cp.dialer.tunnelUp(t);
    }

    /** Gives an established tunnel its data path, when the data plane can carry calls now. */
    void attachData(Tunnel t) {
        if (t.data != null || cp.dataPlane == null || cp.dataPlaneProblem() != null) {
            return;
        }
        try {
            t.data = cp.dataPlane.createTunnel(t.socket, t.localId, t.peerId);
        } catch (IOException | RuntimeException e) {
            ControlPlane.LOG.log(Level.WARNING, t + ": the data plane refused the tunnel: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- StopCCN, hold, delete

    private void onStopCcn(Tunnel t, ControlMessage m) {
        if (t.state == TunnelState.CLOSING) {
            return; // crossing StopCCNs: ours is already out
        }
        AvpValue.ResultCode rc = m.value(AvpType.RESULT_CODE, AvpValue.ResultCode.class);
        closeLocally(t, rc == null ? 0 : rc.result(), rc == null ? null : rc.message(),
                "StopCCN received, " + Messages.describe(MessageType.STOPCCN, rc));
        // Section 5.7: stay a while to acknowledge retransmissions of the StopCCN.
        t.closeDeadline = cp.loop.now() + cp.config.holdS() * 1000L;
        rearm(t);
    }

    /** Tears a tunnel down; with {@code send}, tells the peer with a StopCCN first. */
    void close(Tunnel t, int result, int error, String message, boolean send) {
        if (t.state == TunnelState.CLOSING) {
            return;
        }
        if (send && t.peerId != 0) {
            t.send(Messages.stopCcn(t.localId, result, error, message));
        }
        closeLocally(t, result, message, "StopCCN " + (send ? "sent, " : "not sent, ")
                + Messages.describe(MessageType.STOPCCN, Messages.resultCode(result, error, message)));
        t.closeDeadline = cp.loop.now() + cp.config.holdS() * 1000L;
        if (!send || t.peerId == 0) {
            delete(t);
        } else {
            rearm(t);
        }
    }

    private void closeLocally(Tunnel t, int result, String message, String how) {
        boolean wasUp = t.state == TunnelState.ESTABLISHED;
        leaveHalfOpen(t);
        t.state = TunnelState.CLOSING;
        t.closeResult = result;
        t.closeMessage = message;
        t.helloDeadline = -1;
        cp.sessionFsm.dropAll(t, "tunnel closed");
        if (t.data != null) {
            t.data.close();
            t.data = null;
        }
        fail(t.opened, "tunnel setup failed: " + how);
        t.opened = null;
        if (wasUp) {
            cp.notifyTunnelDown(t, result, message, how);
        } else if (t.initiator) {
            ControlPlane.LOG.info(() -> t + " setup failed: " + how);
        } else {
            cp.protection.log.log(ControlPlane.LOG, Level.INFO, () -> t + " setup failed: " + how);
        }
        cp.dialer.tunnelDown(t);
    }

    /** Forgets a tunnel: socket closed, ids lingering for the hold time. */
    void delete(Tunnel t) {
        if (t.state != TunnelState.CLOSING) {
            closeLocally(t, t.closeResult, t.closeMessage, "deleted");
        }
        discard(t);
    }

    private void leaveHalfOpen(Tunnel t) {
        if (t.halfOpen) {
            t.halfOpen = false;
            cp.halfOpen--;
            cp.protection.leftHalfOpen(t.peer.getAddress());
        }
        t.setupDeadline = -1;
    }

    /** Drops a tunnel's state without any protocol: for tunnels that never got to talk. */
    private void discard(Tunnel t) {
        leaveHalfOpen(t);
        t.state = TunnelState.CLOSING;
        cp.retransmissions += t.transport.retransmissions();
        t.transport.resetCounters();
        cp.loop.disarm(t.timer);
        t.transport.clear();
        if (t.key != null) {
            t.key.cancel();
        }
        if (t.socket != null) {
            try {
                t.socket.close();
            } catch (IOException ignored) {
                // nothing more to do with it
            }
        }
        if (cp.tunnels.remove(t.localId) == t) {
            cp.tunnelIds.linger(t.localId, cp.loop.now() + cp.config.holdS() * 1000L);
            cp.protection.tunnelGone(t.peer.getAddress());
        }
        cp.byPeer.remove(new ControlPlane.PeerKey(t.peer, t.peerId));
        cp.tunnelIds.expire(cp.loop.now());
    }

    /**
     * Not established within tunnel.setup.timeout: cleared at once, without a StopCCN and its hold period, so an
     * abandoned set-up costs nothing afterwards (a peer that speaks up later is told by the unknown-tunnel answer).
     */
    private void setupTimedOut(Tunnel t) {
        cp.protection.tunnelSetupTimeouts++;
        String why = "not established within " + cp.config.limits().tunnelSetupTimeoutS() + " s";
        closeLocally(t, StopCcnResult.GENERAL_ERROR.code(), why, why + " (in " + t.state + ")");
        discard(t);
    }

    /**
     * ICMP port unreachable while our SCCRQ waits for its SCCRP: nobody listens there, so the caller hears it now
     * instead of after every retransmission. Later in a tunnel's life it is ignored: anyone can forge ICMP.
     */
    void portUnreachable(Tunnel t) {
        if (t.state == TunnelState.WAIT_CTL_REPLY) {
            closeLocally(t, StopCcnResult.GENERAL_ERROR.code(), "peer port unreachable",
                    "ICMP port unreachable from " + ControlPlane.endpoint(t.peer));
            discard(t);
        }
    }

    /** The peer stopped acknowledging (section 5.8): gone without a StopCCN, which would not be acknowledged either. */
    void peerUnresponsive(Tunnel t) {
        if (t.state != TunnelState.CLOSING) {
            closeLocally(t, StopCcnResult.GENERAL_ERROR.code(), "peer not responding",
                    "peer stopped acknowledging after " + t.transport.retransmissions() + " retransmissions");
        }
        delete(t);
    }

    // ---------------------------------------------------------------- timers

    private void armHello(Tunnel t) {
        t.helloDeadline = t.helloIntervalS > 0 ? t.lastReceived + t.helloIntervalS * 1000L : -1;
    }

    void rearm(Tunnel t) {
        if (!cp.tunnels.containsKey(t.localId) || cp.tunnels.get(t.localId) != t) {
            return;
        }
        long d = t.transport.nextDeadline();
        for (long other : new long[] {t.helloDeadline, t.closeDeadline, t.setupDeadline}) {
            if (other >= 0 && (d < 0 || other < d)) {
                d = other;
            }
        }
        if (d < 0) {
            cp.loop.disarm(t.timer);
        } else {
            cp.loop.arm(t.timer, d);
        }
    }

    void onTimer(Tunnel t) {
        long now = cp.loop.now();
        t.transport.onTimer();
        if (cp.tunnels.get(t.localId) != t) {
            return; // the transport gave up and the tunnel is gone
        }
        if (t.state == TunnelState.CLOSING && t.closeDeadline >= 0 && now >= t.closeDeadline) {
            delete(t);
            return;
        }
        if (t.setupDeadline >= 0 && now >= t.setupDeadline) {
            setupTimedOut(t);
            return;
        }
        if (t.state == TunnelState.ESTABLISHED && t.helloDeadline >= 0 && now >= t.helloDeadline) {
            // Section 6.5: a HELLO after a quiet period; if it is never acknowledged the transport gives up.
            t.send(Messages.hello());
            t.lastReceived = now;
            armHello(t);
        }
        rearm(t);
    }
}
