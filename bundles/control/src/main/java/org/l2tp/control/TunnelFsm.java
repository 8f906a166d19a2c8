package org.l2tp.control;

import org.l2tp.api.fsm.StateTable;
import static org.l2tp.api.TunnelState.CLOSING;
import static org.l2tp.api.TunnelState.ESTABLISHED;
import static org.l2tp.api.TunnelState.IDLE;
import static org.l2tp.api.TunnelState.WAIT_CTL_CONN;
import static org.l2tp.api.TunnelState.WAIT_CTL_REPLY;
import static org.l2tp.api.fsm.StateTable.in;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

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
 * The control connection automaton of RFC 2661 section 7.2.1, initiator and responder, as a table ({@link #TABLE}):
 * SCCRQ/SCCRP/SCCCN with tunnel authentication (section 4.2), Tie Breaker (4.4.3), HELLO (6.5), StopCCN and the
 * hold period after it (5.7). Incoming messages are first classified into the table's events ("receive SCCRP,
 * acceptable" is decided here, with its reason when it is not); the table then says what to do and where to go.
 * Everything it needs from the daemon comes through {@link ControlContext}.
 */
final class TunnelFsm {
    static final Logger LOG = Logger.getLogger("org.l2tp.control");
    private static final int CHALLENGE_LENGTH = 16;

    /** The events of the section 7.2.1 table, plus our timers and the network's failures. */
    enum Event {
        LOCAL_OPEN,
        /** An SCCRQ left unanswered while the configuration is still arriving. */
        RX_SCCRQ_EARLY,
        RX_SCCRQ_ACCEPTABLE,
        RX_SCCRQ_NOT_ACCEPTABLE,
        RX_SCCRQ_LOSE_TIE,
        RX_SCCRQ_WIN_TIE,
        /** An SCCRQ on a tunnel past wait-ctl-reply (a new message: the transport removes copies). */
        RX_SCCRQ,
        RX_SCCRP_ACCEPTABLE,
        RX_SCCRP_NOT_ACCEPTABLE,
        RX_SCCRP,
        RX_SCCCN_ACCEPTABLE,
        RX_SCCCN_NOT_ACCEPTABLE,
        RX_SCCCN,
        RX_STOPCCN,
        RX_HELLO,
        /** ICRQ, ICRP, ICCN, OCRQ, OCRP, OCCN, CDN, WEN, SLI: for the call automata. */
        RX_CALL_MESSAGE,
        /** Any other message for a Tunnel ID we do not have. */
        RX_OTHER,
        /** Operator's tunnel-close, a peer configuration removed, shutdown, or a malformed message. */
        ADMIN_CLOSE,
        HELLO_DUE,
        SETUP_EXPIRED,
        HOLD_EXPIRED,
        PEER_UNRESPONSIVE,
        PORT_UNREACHABLE
    }

    /** What a row's action works on. {@code tunnel} is null for the stateless idle rows. */
    record Step(TunnelFsm fsm, Tunnel tunnel, TunnelState was, ControlMessage message, InetSocketAddress from,
                Refusal why) {
    }

    private static final Set<TunnelState> LIVE = EnumSet.of(WAIT_CTL_REPLY, WAIT_CTL_CONN, ESTABLISHED);
    private static final Set<TunnelState> SETTING_UP = EnumSet.of(WAIT_CTL_REPLY, WAIT_CTL_CONN);

    /** RFC 2661 section 7.2.1, row by row; our additions and differences say so. */
    static final StateTable<TunnelState, Event, Step> TABLE = new StateTable<TunnelState, Event, Step>(
            "RFC 2661 7.2.1 control connection", TunnelState.class, Event.class)
            .row("7.2.1", in(IDLE), Event.LOCAL_OPEN, "send SCCRQ", WAIT_CTL_REPLY, s -> s.fsm.sendSccrq(s))
            .row("7.2.1", in(IDLE), Event.RX_SCCRQ_ACCEPTABLE, "send SCCRP", WAIT_CTL_CONN, s -> s.fsm.sendSccrp(s))
            .row("7.2.1", in(IDLE), Event.RX_SCCRQ_NOT_ACCEPTABLE, "send StopCCN, clean up", IDLE,
                    s -> s.fsm.refuse(s))
            .row("7.2.1", in(IDLE), Event.RX_SCCRP, "send StopCCN, clean up", IDLE, s -> s.fsm.noSuchTunnel(s))
            .row("7.2.1", in(IDLE), Event.RX_SCCCN, "clean up", IDLE, s -> { })
            .row("7.2.1", in(IDLE), Event.RX_STOPCCN, "clean up", IDLE, s -> { })
            .deviation("4.4.2", in(IDLE), Event.RX_OTHER, "send StopCCN (general error 1)", IDLE,
                    s -> s.fsm.noSuchTunnel(s), "not in the table: answered as section 4.4.2's 'no control "
                            + "connection exists yet' (rate-limited)")
            .deviation("7.2.1", in(IDLE), Event.RX_SCCRQ_EARLY, "leave unanswered", IDLE, s -> { },
                    "the configuration is still arriving; the peer retransmits (README, Security model)")
            .row("7.2.1", in(WAIT_CTL_REPLY), Event.RX_SCCRP_ACCEPTABLE, "send SCCCN, send tunnel-open event to "
                    + "waiting sessions", ESTABLISHED, s -> s.fsm.sendScccn(s))
            .deviation("7.2.1", in(WAIT_CTL_REPLY), Event.RX_SCCRP_NOT_ACCEPTABLE, "send StopCCN, clean up",
                    CLOSING, s -> s.fsm.stop(s), "closing, not idle: the hold period of section 5.7 (gone at once "
                            + "when the SCCRP named no Tunnel ID: there is nowhere to send the StopCCN)")
            .row("7.2.1", in(WAIT_CTL_REPLY), Event.RX_SCCRQ_LOSE_TIE, "clean up, re-queue SCCRQ for idle state",
                    IDLE, s -> s.fsm.loseTie(s))
            .deviation("4.4.3", in(WAIT_CTL_REPLY), Event.RX_SCCRQ_WIN_TIE, "discard the peer's SCCRQ",
                    WAIT_CTL_REPLY, s -> s.fsm.winTie(s), "section 4.4.3's rule; the table has no row for it")
            .deviation("7.2.1", in(WAIT_CTL_REPLY), Event.RX_SCCCN, "clean up", IDLE, s -> s.fsm.stop(s),
                    "no StopCCN: the peer's Tunnel ID is not known before its SCCRP, so there is nowhere to send it")
            .row("7.2.1", in(WAIT_CTL_CONN), Event.RX_SCCCN_ACCEPTABLE, "send tunnel-open event to waiting "
                    + "sessions", ESTABLISHED, s -> s.fsm.established(s.tunnel))
            .deviation("7.2.1", in(WAIT_CTL_CONN), Event.RX_SCCCN_NOT_ACCEPTABLE, "send StopCCN, clean up",
                    CLOSING, s -> s.fsm.stop(s), "closing: section 5.7")
            .deviation("7.2.1", in(WAIT_CTL_CONN), Event.RX_SCCRQ, "send StopCCN, clean up", CLOSING,
                    s -> s.fsm.stop(s), "closing: section 5.7")
            .deviation("7.2.1", in(WAIT_CTL_CONN), Event.RX_SCCRP, "send StopCCN, clean up", CLOSING,
                    s -> s.fsm.stop(s), "closing: section 5.7")
            .row("7.2.1", in(ESTABLISHED), Event.LOCAL_OPEN, "send tunnel-open event to the new call",
                    ESTABLISHED, s -> { })
            .deviation("7.2.1", in(ESTABLISHED), Event.ADMIN_CLOSE, "send StopCCN, clean up", CLOSING,
                    s -> s.fsm.stop(s), "closing: section 5.7")
            .deviation("7.2.1", in(ESTABLISHED), Event.RX_SCCRQ, "send StopCCN, clean up", CLOSING,
                    s -> s.fsm.stop(s), "closing: section 5.7")
            .deviation("7.2.1", in(ESTABLISHED), Event.RX_SCCRP, "send StopCCN, clean up", CLOSING,
                    s -> s.fsm.stop(s), "closing: section 5.7")
            .deviation("7.2.1", in(ESTABLISHED), Event.RX_SCCCN, "send StopCCN, clean up", CLOSING,
                    s -> s.fsm.stop(s), "closing: section 5.7")
            .deviation("7.2.1", LIVE, Event.RX_STOPCCN, "clean up", CLOSING, s -> s.fsm.stopReceived(s),
                    "closing: section 5.7 (acknowledge its retransmissions for the hold period)")
            // Not in the table.
            .deviation("6.5", in(ESTABLISHED), Event.RX_HELLO, "none (the transport acknowledges it)",
                    ESTABLISHED, s -> { }, "section 6.5")
            .deviation("6.5", in(ESTABLISHED), Event.HELLO_DUE, "send HELLO", ESTABLISHED,
                    s -> s.fsm.sendHello(s.tunnel), "section 6.5: after hello.interval of silence")
            .deviation("7.4", in(ESTABLISHED), Event.RX_CALL_MESSAGE, "to the call's automaton", ESTABLISHED,
                    s -> s.fsm.sessions.onMessage(s.tunnel, s.message), "sections 7.4 and 7.5")
            .deviation("7.2.1", SETTING_UP, Event.RX_CALL_MESSAGE, "send StopCCN (FSM error), clean up", CLOSING,
                    s -> s.fsm.stop(s), "not in the table: a call before the connection is up (in wait-ctl-reply "
                            + "the peer's Tunnel ID is not known yet: gone at once, without a StopCCN)")
            .deviation("7.2.1", SETTING_UP, Event.RX_HELLO, "send StopCCN (FSM error), clean up", CLOSING,
                    s -> s.fsm.stop(s), "not in the table: HELLO before the connection is up (in wait-ctl-reply "
                            + "gone at once, without a StopCCN)")
            .deviation("7.2.1", SETTING_UP, Event.ADMIN_CLOSE, "send StopCCN if the peer's id is known, clean up",
                    CLOSING, s -> s.fsm.stop(s), "the table closes only established connections; operators, "
                            + "removed peers and shutdown close any")
            .deviation("7.2.1", SETTING_UP, Event.SETUP_EXPIRED, "clean up", IDLE, s -> s.fsm.setupExpired(s),
                    "tunnel.setup.timeout: the table has no timer for an acknowledged SCCRP that never gets its "
                            + "SCCCN; cleared without a StopCCN or hold period, so it costs nothing afterwards")
            .deviation("7.2.1", in(WAIT_CTL_REPLY), Event.PORT_UNREACHABLE, "clean up", IDLE,
                    s -> s.fsm.forget(s, "ICMP port unreachable from " + ControlPlane.endpoint(s.tunnel.peer)),
                    "nobody listens there: the caller hears it now instead of after every retransmission")
            .deviation("5.8", EnumSet.of(WAIT_CTL_REPLY, WAIT_CTL_CONN, ESTABLISHED, CLOSING),
                    Event.PEER_UNRESPONSIVE, "clean up (no StopCCN: it would not be acknowledged)", IDLE,
                    s -> s.fsm.forget(s, "peer stopped acknowledging after "
                            + s.tunnel.transport.retransmissions() + " retransmissions"), "section 5.8")
            .deviation("5.7", in(CLOSING), Event.HOLD_EXPIRED, "clean up", IDLE, s -> s.fsm.delete(s.tunnel),
                    "section 5.7: the end of the hold period");

    static {
        // Section 5.7: while closing, whatever arrives is only acknowledged (the transport does that).
        for (Event e : List.of(Event.RX_SCCRQ, Event.RX_SCCRP, Event.RX_SCCCN, Event.RX_STOPCCN, Event.RX_HELLO,
                Event.RX_CALL_MESSAGE, Event.ADMIN_CLOSE, Event.RX_SCCRP_ACCEPTABLE, Event.RX_SCCRP_NOT_ACCEPTABLE,
                Event.RX_SCCCN_ACCEPTABLE, Event.RX_SCCCN_NOT_ACCEPTABLE, Event.PORT_UNREACHABLE)) {
            TABLE.deviation("5.7", in(CLOSING), e, "none (acknowledged only)", CLOSING, s -> { }, "section 5.7");
        }
    }

    private final ControlContext ctx;
    final SessionFsm sessions;

    TunnelFsm(ControlContext ctx) {
        this.ctx = ctx;
        this.sessions = new SessionFsm(ctx);
    }

    /** Runs the row for {@code t}'s state and {@code event}; the new state is entered first. */
    private void fire(Tunnel t, Event event, ControlMessage m, InetSocketAddress from, Refusal why) {
        TunnelState was = t == null ? IDLE : t.state;
        StateTable.Row<TunnelState, Event, Step> row = TABLE.row(was, event);
        if (row == null) {
            // No such row: nothing the RFC or we define happens.
            LOG.fine(() -> (t == null ? "idle" : t) + ": no row for " + event + " in " + was);
            return;
        }
        if (t != null && was != row.to()) {
            ctx.tunnels().enter(t, row.to());
        }
        row.run().accept(new Step(this, t, was, m, from, why));
    }

    // ---------------------------------------------------------------- local open

    /** Opens a control connection to {@code peer} (we send SCCRQ); returns its tunnel, ours or an adopted one. */
    Tunnel open(PeerConfig peer, CompletableFuture<TunnelInfo> opened) throws IOException {
        // The peer's SCCRQ got here before ours left: that half-open tunnel is the one both sides wanted (4.4.3).
        for (Tunnel crossing : ctx.tunnels().all()) {
            if (!crossing.initiator && crossing.state == WAIT_CTL_CONN && crossing.opened == null
                    && crossing.peer.equals(peer.address())) {
                crossing.opened = opened;
                return crossing;
            }
        }
        String refused = ctx.protection().refuseTunnel(peer.address().getAddress(), ctx.config(),
                ctx.tunnels().size(), ctx.tunnels().halfOpen(), false);
        if (refused != null) {
            throw new IOException("cannot open a tunnel now: " + refused);
        }
        Tunnel t = create(peer.address(), peer, true);
        if (t == null) {
            throw new IOException("cannot open a tunnel now: no Tunnel ID free");
        }
        try {
            ctx.openSocket(t);
        } catch (IOException | RuntimeException e) {
            remove(t);
            throw e;
        }
        t.opened = opened;
        fire(t, Event.LOCAL_OPEN, null, null, null);
        return t;
    }

    private void sendSccrq(Step s) {
        Tunnel t = s.tunnel;
        t.ourChallenge = t.secret != null ? Messages.random(CHALLENGE_LENGTH) : null;
        t.tieBreaker = Messages.random(8);
        t.send(Messages.sccrq(ctx.config().hostName(), t.localId, t.transport.ourWindow(), t.ourChallenge,
                t.tieBreaker));
        rearm(t);
    }

    /** A new tunnel in idle, after the limits were checked; null when no Tunnel ID is free. */
    private Tunnel create(InetSocketAddress peerAddress, PeerConfig peer, boolean initiator) {
        long now = ctx.scheduler().now();
        int id = ctx.tunnels().ids.allocate(i -> ctx.tunnels().get(i) != null, now);
        if (id == 0) {
            return null;
        }
        DaemonConfig.Timers timers = peer != null ? peer.timers() : ctx.config().timers();
        Tunnel t = new Tunnel(ctx, this, id, initiator, ctx.localAddress(), peerAddress, timers.settings());
        applyPeer(t, peer);
        ctx.tunnels().add(t);
        // No state before ESTABLISHED lasts (see SETUP_EXPIRED).
        t.deadline = now + ctx.config().limits().tunnelSetupTimeoutS() * 1000L;
        return t;
    }

    /** Takes a (new) peer configuration into a live tunnel: secret, hiding, hello, timers. */
    void applyPeer(Tunnel t, PeerConfig peer) {
        t.config = peer;
        t.secret = ctx.config().secretFor(peer);
        t.hideAvps = peer != null ? peer.hiddenAvps() : ctx.config().hiddenAvps();
        t.helloIntervalS = peer != null ? peer.helloIntervalS() : ctx.config().helloIntervalS();
        t.transport.update((peer != null ? peer.timers() : ctx.config().timers()).settings());
        if (t.state == ESTABLISHED) {
            armHello(t);
            rearm(t);
        }
    }

    // ---------------------------------------------------------------- datagrams

    /** A message with Tunnel ID 0: only an SCCRQ opens a tunnel; anything else has nowhere to go. */
    void onTunnelZero(InetSocketAddress from, ControlMessage m) {
        if (m.isZlb() || m.type() != MessageType.SCCRQ) {
            ctx.protection().unknownTunnel++;
            return;
        }
        Tunnel existing = ctx.tunnels().byPeer(from, m.u16(AvpType.ASSIGNED_TUNNEL_ID));
        if (existing != null) {
            // A retransmitted SCCRQ: the transport acknowledges it again.
            onMessage(existing, from, m);
            return;
        }
        onSccrq(from, m);
    }

    /** A message for a Tunnel ID we do not have: the table's idle rows. */
    void onUnknownTunnel(InetSocketAddress from, ControlMessage m) {
        ctx.protection().unknownTunnel++;
        if (m.isZlb()) {
            return;
        }
        Event e = switch (m.type()) {
            case SCCRP -> Event.RX_SCCRP;
            case SCCCN -> Event.RX_SCCCN;
            case STOPCCN -> Event.RX_STOPCCN;
            default -> Event.RX_OTHER;
        };
        fire(null, e, m, from, null);
    }

    /** A StopCCN "no control connection exists" (general error 1, section 4.4.2), rate-limited. */
    private void noSuchTunnel(Step s) {
        if (statelessStopCcn(s.from, s.message, StopCcnResult.GENERAL_ERROR.code(),
                GeneralError.NO_CONTROL_CONNECTION.code())) {
            ctx.protection().log.log(LOG, Level.FINE, () -> "message " + s.message.type().abbreviation()
                    + " for unknown tunnel " + s.message.tunnelId() + " from " + ControlPlane.endpoint(s.from));
        }
    }

    /**
     * A StopCCN outside any tunnel, answering {@code m}: to the Tunnel ID it assigned (0 when none), acknowledging
     * it, with codes and no reason text. The sender's address is unproven, so the answer is rate-limited; returns
     * whether it went.
     */
    private boolean statelessStopCcn(InetSocketAddress to, ControlMessage m, int result, int error) {
        if (!ctx.protection().answers.tryAcquire()) {
            return false;
        }
        ctx.sendStateless(to, Messages.stopCcn(0, result, error, null)
                .withIds(Math.max(0, m.u16(AvpType.ASSIGNED_TUNNEL_ID)), 0).withSequence(0, Seq.next(m.ns())));
        return true;
    }

    /** A message for one of our tunnels: only from its own peer's address and port does it count. */
    void onMessage(Tunnel t, InetSocketAddress from, ControlMessage m) {
        if (!from.equals(t.peer)) {
            // Some LNSs answer from another port: after SCCRQ we talk to where the reply came from.
            if (t.state == WAIT_CTL_REPLY && from.getAddress().equals(t.peer.getAddress())
                    && m.type() == MessageType.SCCRP && m.ns() == 0 && !m.isZlb()) {
                LOG.info(() -> t + ": peer answers from port " + from.getPort() + ", following it");
                ctx.repoint(t, from);
                t.peer = from;
            } else {
                ctx.protection().foreignSource++;
                ctx.protection().log.log(LOG, Level.FINE, () -> t + ": dropped a message from "
                        + ControlPlane.endpoint(from) + ", which is not the tunnel's peer");
                return;
            }
        }
        t.lastReceived = ctx.scheduler().now();
        t.counters.received(m);
        if (t.trace) {
            LOG.info(() -> t + ": received " + m);
        }
        deliver(t, t.transport.receive(m));
        if (t.state == ESTABLISHED) {
            armHello(t);
        }
        rearm(t);
    }

    /** Messages the transport releases in order: each is one event of the table. */
    private void deliver(Tunnel t, Iterable<ControlMessage> ms) {
        for (ControlMessage d : ms) {
            if (ctx.tunnels().contains(t)) {
                dispatch(t, d);
            }
        }
        t.transport.flushAck();
    }

    /** Classifies a message into the table's event (deciding "acceptable" here) and fires it. */
    private void dispatch(Tunnel t, ControlMessage m) {
        switch (m.type()) {
            case SCCRQ -> fire(t, Event.RX_SCCRQ, m, t.peer, null);
            case SCCRP -> {
                if (t.state == WAIT_CTL_REPLY) {
                    Refusal why = sccrpRefusal(t, m);
                    fire(t, why == null ? Event.RX_SCCRP_ACCEPTABLE : Event.RX_SCCRP_NOT_ACCEPTABLE, m, t.peer, why);
                } else {
                    fire(t, Event.RX_SCCRP, m, t.peer, null);
                }
            }
            case SCCCN -> {
                if (t.state == WAIT_CTL_CONN) {
                    Refusal why = scccnRefusal(t, m);
                    fire(t, why == null ? Event.RX_SCCCN_ACCEPTABLE : Event.RX_SCCCN_NOT_ACCEPTABLE, m, t.peer, why);
                } else {
                    fire(t, Event.RX_SCCCN, m, t.peer, null);
                }
            }
            case STOPCCN -> fire(t, Event.RX_STOPCCN, m, t.peer, null);
            case HELLO -> fire(t, Event.RX_HELLO, m, t.peer, null);
            default -> fire(t, Event.RX_CALL_MESSAGE, m, t.peer, null);
        }
    }

    private static Refusal fsmError(ControlMessage m, TunnelState state) {
        return new Refusal(StopCcnResult.FSM_ERROR.code(), 0, "unexpected " + m.type().abbreviation() + " in "
                + state);
    }

    /**
     * A datagram that did not decode: counted, and answered as the decoder says RFC 2661 requires, but only when it
     * came from the tunnel's own peer address and port: nobody else may end a tunnel or a session.
     */
    void malformed(Tunnel t, InetSocketAddress from, L2tpDecodeException e) {
        ctx.protection().log.log(LOG, Level.FINE, () -> "malformed datagram from " + ControlPlane.endpoint(from)
                + ": " + e.getMessage());
        if (t == null) {
            return;
        }
        if (!from.equals(t.peer)) {
            ctx.protection().foreignSource++;
            return;
        }
        switch (e.answer()) {
            case STOPCCN -> {
                ctx.protection().log.log(LOG, Level.WARNING, () -> t + ": " + e.getMessage());
                close(t, e.resultCode(), e.errorCode(), e.getMessage());
            }
            case CDN -> {
                // Consume its Ns first, so the CDN acknowledges the message it answers.
                List<ControlMessage> early = e.ns() >= 0 ? t.transport.skip(e.ns(), e.nr()) : List.of();
                if (t.state == ESTABLISHED) {
                    sessions.malformed(t, e);
                } else if (t.state != CLOSING) {
                    // A call message before the connection is up: the table's FSM error (only acknowledged
                    // while closing).
                    close(t, StopCcnResult.FSM_ERROR.code(), 0, "a call message before the connection is up");
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

    // ---------------------------------------------------------------- idle: SCCRQ

    private void onSccrq(InetSocketAddress from, ControlMessage m) {
        if (!ctx.configured()) {
            ctx.protection().startupDropped++;
            ctx.protection().log.log(LOG, Level.INFO, () -> "SCCRQ from " + ControlPlane.endpoint(from)
                    + " left unanswered: the configuration is still being applied");
            fire(null, Event.RX_SCCRQ_EARLY, m, from, null);
            return;
        }
        PeerConfig peer = ctx.peers().peerFor(from);
        Refusal why = sccrqRefusal(from, m, peer);
        if (why != null) {
            fire(null, Event.RX_SCCRQ_NOT_ACCEPTABLE, m, from, why);
            return;
        }
        // Section 4.4.3: our SCCRQ to the same host may be crossing this one.
        Tunnel ours = crossingSccrq(from);
        if (ours != null) {
            int c = tieBreak(ours, m);
            if (c < 0) {
                fire(ours, Event.RX_SCCRQ_WIN_TIE, m, from, null);
                return;
            }
            if (c == 0) {
                // Equal values: both SCCRQs lose. Ours goes, and theirs is discarded too.
                LOG.info(() -> "tie breaker: equal values with " + ControlPlane.endpoint(from)
                        + ": both SCCRQs lose");
                ctx.tunnels().enter(ours, IDLE);
                closeLocally(ours, WAIT_CTL_REPLY, StopCcnResult.GENERAL_ERROR.code(), "tie breaker values were equal",
                        "tie breaker values were equal");
                remove(ours);
                return;
            }
            fire(ours, Event.RX_SCCRQ_LOSE_TIE, m, from, null);
            return;
        }
        acceptSccrq(from, m, peer, null);
    }

    /** The checks an SCCRQ passes to be "acceptable", in order; null when it is. */
    private Refusal sccrqRefusal(InetSocketAddress from, ControlMessage m, PeerConfig peer) {
        Set<AvpType> missing = m.missingRequired();
        int peerTunnel = m.u16(AvpType.ASSIGNED_TUNNEL_ID);
        if (!missing.isEmpty() || peerTunnel <= 0) {
            return new Refusal(StopCcnResult.GENERAL_ERROR.code(), GeneralError.FIELD_OUT_OF_RANGE.code(),
                    "SCCRQ lacks " + (missing.isEmpty() ? Set.of(AvpType.ASSIGNED_TUNNEL_ID) : missing));
        }
        AvpValue.ProtocolVersion v = m.value(AvpType.PROTOCOL_VERSION, AvpValue.ProtocolVersion.class);
        if (!AvpValue.ProtocolVersion.L2TPV2.equals(v)) {
            return new Refusal(StopCcnResult.UNSUPPORTED_VERSION.code(), AvpValue.ProtocolVersion.L2TPV2.version()
                    << 8, "protocol version " + v.version() + "." + v.revision() + " not supported, only 1.0");
        }
        if (peer == null && (!ctx.config().acceptUnconfigured() || !ctx.config().lns())) {
            ctx.protection().notAuthorized++;
            return new Refusal(StopCcnResult.NOT_AUTHORIZED.code(), 0, "peer not configured");
        }
        if (m.octets(AvpType.CHALLENGE) != null && ctx.config().secretFor(peer) == null) {
            ctx.protection().notAuthorized++;
            return new Refusal(StopCcnResult.NOT_AUTHORIZED.code(), 0, "challenged but no secret is configured");
        }
        String limit = ctx.protection().refuseTunnel(from.getAddress(), ctx.config(), ctx.tunnels().size(),
                ctx.tunnels().halfOpen(), true);
        if (limit != null) {
            return new Refusal(StopCcnResult.GENERAL_ERROR.code(), GeneralError.INSUFFICIENT_RESOURCES.code(), limit);
        }
        return null;
    }

    /** Creates the responder's tunnel in idle and fires "receive SCCRQ, acceptable" on it. */
    private void acceptSccrq(InetSocketAddress from, ControlMessage m, PeerConfig peer, Tunnel lostTie) {
        Tunnel t = create(from, peer, false);
        if (t == null) {
            fire(null, Event.RX_SCCRQ_NOT_ACCEPTABLE, m, from, new Refusal(StopCcnResult.GENERAL_ERROR.code(),
                    GeneralError.INSUFFICIENT_RESOURCES.code(), "no Tunnel ID free"));
            return;
        }
        t.peerId = m.u16(AvpType.ASSIGNED_TUNNEL_ID);
        t.peerHostName = m.text(AvpType.HOST_NAME);
        ctx.tunnels().peerKnown(t);
        try {
            ctx.openSocket(t);
        } catch (IOException | RuntimeException e) {
            ctx.protection().socketFailures++;
            LOG.warning(() -> "cannot open a socket for a tunnel from " + ControlPlane.endpoint(from) + ": "
                    + e.getMessage());
            remove(t);
            fire(null, Event.RX_SCCRQ_NOT_ACCEPTABLE, m, from, new Refusal(StopCcnResult.GENERAL_ERROR.code(),
                    GeneralError.INSUFFICIENT_RESOURCES.code(), "no socket"));
            return;
        }
        if (lostTie != null) {
            // Section 4.4.3: ours lost; the tunnel the peer's SCCRQ brings up is the one our caller wanted.
            t.opened = lostTie.opened;
            lostTie.opened = null;
            ctx.events().tunnelReplaced(lostTie, t);
        }
        fire(t, Event.RX_SCCRQ_ACCEPTABLE, m, from, null);
    }

    private void sendSccrp(Step s) {
        Tunnel t = s.tunnel;
        ControlMessage m = s.message;
        t.transport.peerWindow(windowOf(m));
        t.transport.receive(m);
        t.counters.received(m);
        byte[] challenge = m.octets(AvpType.CHALLENGE);
        t.ourChallenge = t.secret != null ? Messages.random(CHALLENGE_LENGTH) : null;
        byte[] response = challenge != null
                ? TunnelAuthentication.response(MessageType.SCCRP, t.secret.bytes(), challenge) : null;
        // The SCCRP acknowledges the SCCRQ.
        t.send(Messages.sccrp(ctx.config().hostName(), t.localId, t.transport.ourWindow(), t.ourChallenge, response));
        t.transport.flushAck();
        rearm(t);
    }

    /** A StopCCN that keeps no state: refusals of SCCRQs (section 7.2.1), rate-limited, codes without reasons. */
    private void refuse(Step s) {
        ControlMessage sccrq = s.message;
        ctx.protection().log.log(LOG, Level.INFO, () -> "refused SCCRQ from " + ControlPlane.endpoint(s.from)
                + (sccrq.text(AvpType.HOST_NAME) != null ? " (" + sccrq.text(AvpType.HOST_NAME) + ")" : "")
                + ": " + s.why.message());
        statelessStopCcn(s.from, sccrq, s.why.result(), s.why.error());
    }

    // ---------------------------------------------------------------- wait-ctl-reply: tie breaker, SCCRP

    private Tunnel crossingSccrq(InetSocketAddress from) {
        for (Tunnel ours : ctx.tunnels().all()) {
            if (ours.initiator && ours.state == WAIT_CTL_REPLY && ours.tieBreaker != null
                    && ours.peer.getAddress().equals(from.getAddress())) {
                return ours;
            }
        }
        return null;
    }

    /**
     * Section 4.4.3: the lower Tie Breaker wins; an SCCRQ with one beats one without (we always send one). Negative
     * when ours wins, 0 when they are equal (both lose), positive when theirs wins.
     */
    private static int tieBreak(Tunnel ours, ControlMessage theirs) {
        byte[] value = theirs.octets(AvpType.TIE_BREAKER);
        return value == null ? -1 : Arrays.compareUnsigned(ours.tieBreaker, value);
    }

    private void winTie(Step s) {
        LOG.info(() -> "tie breaker: our SCCRQ to " + ControlPlane.endpoint(s.from) + " wins, theirs is discarded");
    }

    private void loseTie(Step s) {
        Tunnel ours = s.tunnel;
        LOG.info(() -> "tie breaker: the SCCRQ from " + ControlPlane.endpoint(s.from) + " wins, ours ("
                + ours.localId + ") is withdrawn");
        // Re-queued for the idle state: the peer's SCCRQ is taken as if ours had never been sent. Ours is cleaned up
        // whatever happens to theirs: its waiter and dialer moved to the winner, or hear that it failed.
        try {
            acceptSccrq(s.from, s.message, ctx.peers().peerFor(s.from), ours);
        } finally {
            closeLocally(ours, s.was, StopCcnResult.GENERAL_ERROR.code(), "lost the tie breaker",
                    "the peer's SCCRQ won the tie breaker");
            remove(ours);
        }
    }

    private Refusal sccrpRefusal(Tunnel t, ControlMessage m) {
        Set<AvpType> missing = m.missingRequired();
        if (!missing.isEmpty() || m.u16(AvpType.ASSIGNED_TUNNEL_ID) <= 0) {
            return new Refusal(StopCcnResult.GENERAL_ERROR.code(), GeneralError.FIELD_OUT_OF_RANGE.code(),
                    "SCCRP lacks " + (missing.isEmpty() ? Set.of(AvpType.ASSIGNED_TUNNEL_ID) : missing));
        }
        // Whatever follows, the StopCCN goes to the peer's tunnel.
        t.peerId = m.u16(AvpType.ASSIGNED_TUNNEL_ID);
        t.peerHostName = m.text(AvpType.HOST_NAME);
        ctx.tunnels().peerKnown(t);
        t.transport.peerWindow(windowOf(m));
        AvpValue.ProtocolVersion v = m.value(AvpType.PROTOCOL_VERSION, AvpValue.ProtocolVersion.class);
        if (!AvpValue.ProtocolVersion.L2TPV2.equals(v)) {
            return new Refusal(StopCcnResult.UNSUPPORTED_VERSION.code(), AvpValue.ProtocolVersion.L2TPV2.version()
                    << 8, "protocol version not supported");
        }
        if (t.ourChallenge != null && !TunnelAuthentication.verify(MessageType.SCCRP, t.secret.bytes(),
                t.ourChallenge, m.octets(AvpType.CHALLENGE_RESPONSE))) {
            ctx.protection().notAuthorized++;
            return new Refusal(StopCcnResult.NOT_AUTHORIZED.code(), 0, "challenge response missing or wrong");
        }
        if (m.octets(AvpType.CHALLENGE) != null && t.secret == null) {
            return new Refusal(StopCcnResult.NOT_AUTHORIZED.code(), 0, "challenged but no secret is configured");
        }
        return null;
    }

    private void sendScccn(Step s) {
        byte[] challenge = s.message.octets(AvpType.CHALLENGE);
        Tunnel t = s.tunnel;
        t.send(Messages.scccn(challenge != null
                ? TunnelAuthentication.response(MessageType.SCCCN, t.secret.bytes(), challenge) : null));
        established(t);
    }

    // ---------------------------------------------------------------- wait-ctl-conn: SCCCN

    private Refusal scccnRefusal(Tunnel t, ControlMessage m) {
        if (t.ourChallenge != null && !TunnelAuthentication.verify(MessageType.SCCCN, t.secret.bytes(),
                t.ourChallenge, m.octets(AvpType.CHALLENGE_RESPONSE))) {
            ctx.protection().notAuthorized++;
            return new Refusal(StopCcnResult.NOT_AUTHORIZED.code(), 0, "challenge response missing or wrong");
        }
        return null;
    }

    /** Entered ESTABLISHED: the data path, HELLO, and the tunnel-open event to whoever waits. */
    private void established(Tunnel t) {
        t.ourChallenge = null;
        ctx.attachData(t);
        armHello(t);
        rearm(t);
        ctx.events().tunnelUp(t);
        CompletableFuture<TunnelInfo> f = t.opened;
        t.opened = null;
        if (f != null) {
            f.complete(t.info());
        }
        sessions.tunnelOpen(t);
    }

    private static int windowOf(ControlMessage m) {
        int w = m.u16(AvpType.RECEIVE_WINDOW_SIZE);
        return w > 0 ? w : 4; // section 4.4.3: 4 when absent
    }

    // ---------------------------------------------------------------- StopCCN, hold, clean up

    /** Tears a tunnel down with a StopCCN (operator, removed peer, shutdown, malformed message). */
    void close(Tunnel t, int result, int error, String message) {
        fire(t, Event.ADMIN_CLOSE, null, t.peer, new Refusal(result, error, message));
    }

    /**
     * "Send StopCCN, clean up": the StopCCN goes reliably, then the hold period of section 5.7. Without a reason
     * of its own, the message that led here was not expected in that state (result 7, FSM error).
     */
    private void stop(Step s) {
        Tunnel t = s.tunnel;
        Refusal why = s.why != null ? s.why : fsmError(s.message, s.was);
        boolean send = t.peerId != 0;
        if (send) {
            t.send(Messages.stopCcn(t.localId, why.result(), why.error(), why.message()));
        }
        closeLocally(t, s.was, why.result(), why.message(), "StopCCN " + (send ? "sent, " : "not sent, ")
                + Messages.describe(MessageType.STOPCCN, Messages.resultCode(why.result(), why.error(),
                why.message())));
        if (!send) {
            delete(t);
            return;
        }
        t.deadline = ctx.scheduler().now() + ctx.config().holdS() * 1000L;
        rearm(t);
    }

    /** "Clean up" after the peer's StopCCN; we stay for the hold period to acknowledge its retransmissions. */
    private void stopReceived(Step s) {
        AvpValue.ResultCode rc = s.message.value(AvpType.RESULT_CODE, AvpValue.ResultCode.class);
        closeLocally(s.tunnel, s.was, rc == null ? 0 : rc.result(), rc == null ? null : rc.message(),
                "StopCCN received, " + Messages.describe(MessageType.STOPCCN, rc));
        s.tunnel.deadline = ctx.scheduler().now() + ctx.config().holdS() * 1000L;
        rearm(s.tunnel);
    }

    private void closeLocally(Tunnel t, TunnelState was, int result, String message, String how) {
        t.closeResult = result;
        t.closeMessage = message;
        sessions.dropAll(t, "tunnel closed");
        if (t.data != null) {
            t.data.close();
            t.data = null;
        }
        fail(t.opened, "tunnel setup failed: " + how);
        t.opened = null;
        boolean wasUp = was == ESTABLISHED;
        if (wasUp) {
            LOG.info(() -> t + " down: " + how);
        } else if (t.initiator) {
            LOG.info(() -> t + " setup failed: " + how);
        } else if (t.config != null) {
            // A configured peer's failure (a wrong secret, most likely) is the operator's business: not rate-limited.
            LOG.info(() -> t + " setup failed (peer " + t.config.name() + "): " + how);
        } else {
            // The responder's set-ups are the strangers' doing: their failures are rate-limited in the log.
            ctx.protection().log.log(LOG, Level.INFO, () -> t + " setup failed: " + how);
        }
        ctx.events().tunnelDown(t, result, message, how, wasUp);
    }

    private void setupExpired(Step s) {
        ctx.protection().tunnelSetupTimeouts++;
        String why = "not established within " + ctx.config().limits().tunnelSetupTimeoutS() + " s";
        closeLocally(s.tunnel, s.was, StopCcnResult.GENERAL_ERROR.code(), why, why + " (in " + s.was + ")");
        remove(s.tunnel);
    }

    /** Gone without a StopCCN: the peer cannot be reached or stopped answering. */
    private void forget(Step s, String how) {
        if (s.was != CLOSING) {
            closeLocally(s.tunnel, s.was, StopCcnResult.GENERAL_ERROR.code(), "peer not responding", how);
        }
        remove(s.tunnel);
    }

    /** The end of a tunnel: socket closed, id lingering for the hold time. */
    void delete(Tunnel t) {
        if (t.state != CLOSING && t.state != IDLE) {
            closeLocally(t, t.state, t.closeResult, t.closeMessage, "deleted");
        }
        remove(t);
    }

    /** Drops a tunnel's state without any protocol. */
    private void remove(Tunnel t) {
        ctx.tunnels().retransmissionsOfGone += t.transport.retransmissions();
        t.transport.resetCounters();
        ctx.scheduler().disarm(t.timer);
        t.transport.clear();
        ctx.closeSocket(t);
        long now = ctx.scheduler().now();
        ctx.tunnels().remove(t, now + ctx.config().holdS() * 1000L, now);
    }

    private static void fail(CompletableFuture<?> f, String why) {
        if (f != null) {
            f.completeExceptionally(new IOException(why));
        }
    }

    /** The transport gave up (section 5.8). */
    void peerUnresponsive(Tunnel t) {
        fire(t, Event.PEER_UNRESPONSIVE, null, t.peer, null);
    }

    /** ICMP port unreachable on the tunnel's socket; only wait-ctl-reply has a row for it (anyone can forge ICMP). */
    void portUnreachable(Tunnel t) {
        fire(t, Event.PORT_UNREACHABLE, null, t.peer, null);
    }

    // ---------------------------------------------------------------- timers

    private void armHello(Tunnel t) {
        t.deadline = t.helloIntervalS > 0 ? t.lastReceived + t.helloIntervalS * 1000L : -1;
    }

    private void sendHello(Tunnel t) {
        t.send(Messages.hello());
        t.lastReceived = ctx.scheduler().now();
        armHello(t);
    }

    void rearm(Tunnel t) {
        if (!ctx.tunnels().contains(t)) {
            return;
        }
        long d = t.transport.nextDeadline();
        if (t.deadline >= 0 && (d < 0 || t.deadline < d)) {
            d = t.deadline;
        }
        if (d < 0) {
            ctx.scheduler().disarm(t.timer);
        } else {
            ctx.scheduler().arm(t.timer, d);
        }
    }

    void onTimer(Tunnel t) {
        long now = ctx.scheduler().now();
        t.transport.onTimer();
        if (!ctx.tunnels().contains(t)) {
            return; // the transport gave up and the tunnel is gone
        }
        if (t.state == IDLE) {
            // A tunnel left in idle by a failure half-way through its set-up: nothing can move it any more.
            remove(t);
            return;
        }
        if (t.deadline >= 0 && now >= t.deadline) {
            fire(t, switch (t.state) {
                case ESTABLISHED -> Event.HELLO_DUE;
                case CLOSING -> Event.HOLD_EXPIRED;
                default -> Event.SETUP_EXPIRED;
            }, null, t.peer, null);
        }
        rearm(t);
    }
}
