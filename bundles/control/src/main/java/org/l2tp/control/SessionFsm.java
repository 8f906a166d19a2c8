package org.l2tp.control;

import org.l2tp.api.fsm.StateTable;
import static org.l2tp.api.SessionState.CLOSED;
import static org.l2tp.api.SessionState.ESTABLISHED;
import static org.l2tp.api.SessionState.IDLE;
import static org.l2tp.api.SessionState.WAIT_CONNECT;
import static org.l2tp.api.SessionState.WAIT_CS_ANSWER;
import static org.l2tp.api.SessionState.WAIT_REPLY;
import static org.l2tp.api.SessionState.WAIT_TUNNEL;
import static org.l2tp.api.fsm.StateTable.in;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.l2tp.api.SessionInfo;
import org.l2tp.api.SessionEnd;
import org.l2tp.api.SessionState;
import org.l2tp.api.TunnelState;
import org.l2tp.api.dataplane.SessionParameters;
import org.l2tp.codec.AvpType;
import org.l2tp.codec.AvpValue;
import org.l2tp.codec.CdnResult;
import org.l2tp.codec.ControlMessage;
import org.l2tp.codec.GeneralError;
import org.l2tp.codec.L2tpDecodeException;
import org.l2tp.codec.MessageType;

/**
 * The call automata of RFC 2661: one table per section, chosen by the call's role and direction: LAC incoming
 * ({@link #LAC_INCOMING}, 7.4.1), LAC outgoing ({@link #LAC_OUTGOING}, 7.4.2), LNS incoming ({@link #LNS_INCOMING},
 * 7.5.1) and LNS outgoing ({@link #LNS_OUTGOING}, 7.5.2). Messages are classified into the tables' events here
 * ("receive ICRQ, acceptable" with its reason when not); CLOSED stands for the RFC's "clean up, idle": the call is
 * gone. A message a table has no row for is answered with a CDN, as the tables do for the messages they name.
 */
final class SessionFsm {
    private static final Logger LOG = TunnelFsm.LOG;

    enum Event {
        /** Place a call: a ring or readiness on the LAC, an outgoing call request on the LNS. */
        LOCAL_OPEN,
        /** The tunnel-open event: the control connection is up. */
        TUNNEL_OPEN,
        RX_ICRQ_ACCEPTABLE, RX_ICRQ_NOT_ACCEPTABLE, RX_ICRQ,
        RX_ICRP_ACCEPTABLE, RX_ICRP_NOT_ACCEPTABLE, RX_ICRP,
        RX_ICCN_ACCEPTABLE, RX_ICCN_NOT_ACCEPTABLE, RX_ICCN,
        RX_OCRQ_ACCEPTABLE, RX_OCRQ_NOT_ACCEPTABLE, RX_OCRQ,
        RX_OCRP_ACCEPTABLE, RX_OCRP_NOT_ACCEPTABLE, RX_OCRP,
        RX_OCCN,
        RX_CDN,
        RX_WEN,
        RX_SLI,
        /** The LAC's bearer answered (a virtual LAC answers at once). */
        BEARER_ANSWER,
        /** Operator's session-close, or the data plane ended the call (pppd exit, ...). */
        LOCAL_CLOSE,
        /** session.setup.timeout passed before ESTABLISHED. */
        SETUP_EXPIRED
    }

    /** What a row's action works on; {@code session} is null for the idle rows of calls we do not have. */
    record Step(SessionFsm fsm, Tunnel tunnel, Session session, SessionState was, ControlMessage message,
                Refusal why) {
    }

    private static final Set<SessionState> BEFORE_UP = Set.of(WAIT_TUNNEL, WAIT_REPLY, WAIT_CONNECT,
            WAIT_CS_ANSWER);

    private static StateTable<SessionState, Event, Step> table(String name) {
        return new StateTable<>(name, SessionState.class, Event.class);
    }

    /** RFC 2661 section 7.4.1: LAC, incoming call (we send ICRQ). */
    static final StateTable<SessionState, Event, Step> LAC_INCOMING = table("RFC 2661 7.4.1 LAC incoming call")
            .row("7.4.1", in(IDLE), Event.LOCAL_OPEN, "initiate tunnel open", WAIT_TUNNEL, s -> { })
            .row("7.4.1", in(IDLE), Event.RX_ICCN, "clean up", CLOSED, s -> { })
            .row("7.4.1", in(IDLE), Event.RX_ICRP, "clean up", CLOSED, s -> { })
            .row("7.4.1", in(IDLE), Event.RX_CDN, "clean up", CLOSED, s -> { })
            .row("7.4.1", in(WAIT_TUNNEL), Event.LOCAL_CLOSE, "clean up", CLOSED, s -> s.fsm.cleanUp(s))
            .row("7.4.1", in(WAIT_TUNNEL), Event.TUNNEL_OPEN, "send ICRQ", WAIT_REPLY, s -> s.fsm.sendIcrq(s))
            .row("7.4.1", in(WAIT_REPLY), Event.RX_ICRP_ACCEPTABLE, "send ICCN", ESTABLISHED,
                    s -> s.fsm.sendIccn(s))
            .row("7.4.1", in(WAIT_REPLY), Event.RX_ICRP_NOT_ACCEPTABLE, "send CDN, clean up", CLOSED,
                    s -> s.fsm.sendCdn(s))
            .row("7.4.1", in(WAIT_REPLY), Event.RX_ICRQ, "send CDN, clean up", CLOSED, s -> s.fsm.sendCdn(s))
            .row("7.4.1", in(WAIT_REPLY), Event.RX_CDN, "clean up", CLOSED, s -> s.fsm.cdnReceived(s))
            .row("7.4.1", in(WAIT_REPLY), Event.RX_ICCN, "clean up", CLOSED, s -> s.fsm.cleanUp(s))
            .row("7.4.1", in(WAIT_REPLY, ESTABLISHED), Event.LOCAL_CLOSE, "send CDN, clean up", CLOSED,
                    s -> s.fsm.sendCdn(s))
            .row("7.4.1", in(ESTABLISHED), Event.RX_CDN, "clean up", CLOSED, s -> s.fsm.cdnReceived(s))
            .row("7.4.1", in(ESTABLISHED), Event.RX_ICRQ, "send CDN, clean up", CLOSED, s -> s.fsm.sendCdn(s))
            .row("7.4.1", in(ESTABLISHED), Event.RX_ICRP, "send CDN, clean up", CLOSED, s -> s.fsm.sendCdn(s))
            .row("7.4.1", in(ESTABLISHED), Event.RX_ICCN, "send CDN, clean up", CLOSED, s -> s.fsm.sendCdn(s))
            .deviation("6.14", in(ESTABLISHED), Event.RX_SLI, "give the ACCM to the data plane", ESTABLISHED,
                    s -> s.fsm.setLinkInfo(s), "section 6.14; not in the table")
            .deviation("7.4.1", in(WAIT_TUNNEL), Event.SETUP_EXPIRED, "clean up", CLOSED, s -> s.fsm.cleanUp(s),
                    "session.setup.timeout; not in the table")
            .deviation("7.4.1", in(WAIT_REPLY), Event.SETUP_EXPIRED, "send CDN (result 10), clean up", CLOSED,
                    s -> s.fsm.sendCdn(s), "session.setup.timeout; not in the table");

    /** RFC 2661 section 7.4.2: LAC, outgoing call (the LNS sent OCRQ). */
    static final StateTable<SessionState, Event, Step> LAC_OUTGOING = table("RFC 2661 7.4.2 LAC outgoing call")
            .row("7.4.2", in(IDLE), Event.RX_OCRQ_ACCEPTABLE, "send OCRP, open bearer", WAIT_CS_ANSWER,
                    s -> s.fsm.sendOcrp(s))
            .row("7.4.2", in(IDLE), Event.RX_OCRQ_NOT_ACCEPTABLE, "send CDN, clean up", CLOSED,
                    s -> s.fsm.refuse(s))
            .row("7.4.2", in(IDLE), Event.RX_OCCN, "clean up", CLOSED, s -> { })
            .row("7.4.2", in(WAIT_CS_ANSWER), Event.BEARER_ANSWER, "send OCCN", ESTABLISHED,
                    s -> s.fsm.sendOccn(s))
            .row("7.4.2", in(WAIT_CS_ANSWER, ESTABLISHED), Event.RX_OCRQ, "send CDN, clean up", CLOSED,
                    s -> s.fsm.sendCdn(s))
            .row("7.4.2", in(WAIT_CS_ANSWER, ESTABLISHED), Event.RX_OCRP, "send CDN, clean up", CLOSED,
                    s -> s.fsm.sendCdn(s))
            .row("7.4.2", in(WAIT_CS_ANSWER, ESTABLISHED), Event.RX_OCCN, "send CDN, clean up", CLOSED,
                    s -> s.fsm.sendCdn(s))
            .row("7.4.2", in(WAIT_CS_ANSWER, ESTABLISHED), Event.RX_CDN, "clean up", CLOSED,
                    s -> s.fsm.cdnReceived(s))
            .row("7.4.2", in(ESTABLISHED), Event.LOCAL_CLOSE, "send CDN, clean up", CLOSED, s -> s.fsm.sendCdn(s))
            .deviation("7.4.2", in(WAIT_CS_ANSWER), Event.LOCAL_CLOSE, "send CDN, clean up", CLOSED,
                    s -> s.fsm.sendCdn(s), "the table has bearer failure here; ours is a local close")
            .deviation("6.14", in(ESTABLISHED), Event.RX_SLI, "give the ACCM to the data plane", ESTABLISHED,
                    s -> s.fsm.setLinkInfo(s), "section 6.14; not in the table");

    /** RFC 2661 section 7.5.1: LNS, incoming call (the LAC sent ICRQ). */
    static final StateTable<SessionState, Event, Step> LNS_INCOMING = table("RFC 2661 7.5.1 LNS incoming call")
            .row("7.5.1", in(IDLE), Event.RX_ICRQ_ACCEPTABLE, "send ICRP", WAIT_CONNECT, s -> s.fsm.sendIcrp(s))
            .row("7.5.1", in(IDLE), Event.RX_ICRQ_NOT_ACCEPTABLE, "send CDN, clean up", CLOSED,
                    s -> s.fsm.refuse(s))
            .row("7.5.1", in(IDLE), Event.RX_ICCN, "clean up", CLOSED, s -> { })
            .row("7.5.1", in(WAIT_CONNECT), Event.RX_ICCN_ACCEPTABLE, "prepare for data", ESTABLISHED,
                    s -> s.fsm.prepareForData(s))
            .row("7.5.1", in(WAIT_CONNECT), Event.RX_ICCN_NOT_ACCEPTABLE, "send CDN, clean up", CLOSED,
                    s -> s.fsm.sendCdn(s))
            .row("7.5.1", in(WAIT_CONNECT), Event.RX_ICRQ, "send CDN, clean up", CLOSED, s -> s.fsm.sendCdn(s))
            .row("7.5.1", in(WAIT_CONNECT), Event.RX_ICRP, "send CDN, clean up", CLOSED, s -> s.fsm.sendCdn(s))
            .row("7.5.1", in(IDLE), Event.RX_CDN, "clean up", CLOSED, s -> { })
            .row("7.5.1", in(WAIT_CONNECT, ESTABLISHED), Event.RX_CDN, "clean up", CLOSED,
                    s -> s.fsm.cdnReceived(s))
            .row("7.5.1", in(WAIT_CONNECT, ESTABLISHED), Event.LOCAL_CLOSE, "send CDN, clean up", CLOSED,
                    s -> s.fsm.sendCdn(s))
            .row("7.5.1", in(ESTABLISHED), Event.RX_ICRQ, "send CDN, clean up", CLOSED, s -> s.fsm.sendCdn(s))
            .row("7.5.1", in(ESTABLISHED), Event.RX_ICRP, "send CDN, clean up", CLOSED, s -> s.fsm.sendCdn(s))
            .row("7.5.1", in(ESTABLISHED), Event.RX_ICCN, "send CDN, clean up", CLOSED, s -> s.fsm.sendCdn(s))
            .deviation("6.13", in(ESTABLISHED), Event.RX_WEN, "keep the Call Errors", ESTABLISHED,
                    s -> s.fsm.wanErrors(s), "section 6.13; not in the table")
            .deviation("7.5.1", in(WAIT_CONNECT), Event.SETUP_EXPIRED, "send CDN (result 10), clean up", CLOSED,
                    s -> s.fsm.sendCdn(s), "session.setup.timeout; not in the table");

    /** RFC 2661 section 7.5.2: LNS, outgoing call (we send OCRQ). */
    static final StateTable<SessionState, Event, Step> LNS_OUTGOING = table("RFC 2661 7.5.2 LNS outgoing call")
            .row("7.5.2", in(IDLE), Event.LOCAL_OPEN, "initiate tunnel open", WAIT_TUNNEL, s -> { })
            .row("7.5.2", in(IDLE), Event.RX_OCRP, "clean up", CLOSED, s -> { })
            .row("7.5.2", in(IDLE), Event.RX_CDN, "clean up", CLOSED, s -> { })
            .row("7.5.2", in(WAIT_TUNNEL), Event.TUNNEL_OPEN, "send OCRQ", WAIT_REPLY, s -> s.fsm.sendOcrq(s))
            .row("7.5.2", in(WAIT_REPLY), Event.RX_OCRP_ACCEPTABLE, "none", WAIT_CONNECT,
                    s -> s.session.peerId = s.message.u16(AvpType.ASSIGNED_SESSION_ID))
            .row("7.5.2", in(WAIT_REPLY), Event.RX_OCRP_NOT_ACCEPTABLE, "send CDN, clean up", CLOSED,
                    s -> s.fsm.sendCdn(s))
            .row("7.5.2", in(WAIT_REPLY), Event.RX_OCCN, "send CDN, clean up", CLOSED, s -> s.fsm.sendCdn(s))
            .row("7.5.2", in(WAIT_REPLY), Event.RX_OCRQ, "send CDN, clean up", CLOSED, s -> s.fsm.sendCdn(s))
            .row("7.5.2", in(WAIT_CONNECT), Event.RX_OCCN, "none", ESTABLISHED, s -> s.fsm.prepareForData(s))
            .row("7.5.2", in(WAIT_CONNECT), Event.RX_OCRQ, "send CDN, clean up", CLOSED, s -> s.fsm.sendCdn(s))
            .row("7.5.2", in(WAIT_CONNECT), Event.RX_OCRP, "send CDN, clean up", CLOSED, s -> s.fsm.sendCdn(s))
            .row("7.5.2", in(WAIT_REPLY, WAIT_CONNECT, ESTABLISHED), Event.RX_CDN, "clean up", CLOSED,
                    s -> s.fsm.cdnReceived(s))
            .row("7.5.2", in(ESTABLISHED), Event.RX_OCRQ, "send CDN, clean up", CLOSED, s -> s.fsm.sendCdn(s))
            .row("7.5.2", in(ESTABLISHED), Event.RX_OCRP, "send CDN, clean up", CLOSED, s -> s.fsm.sendCdn(s))
            .row("7.5.2", in(ESTABLISHED), Event.RX_OCCN, "send CDN, clean up", CLOSED, s -> s.fsm.sendCdn(s))
            .row("7.5.2", in(WAIT_REPLY, WAIT_CONNECT, ESTABLISHED), Event.LOCAL_CLOSE, "send CDN, clean up",
                    CLOSED, s -> s.fsm.sendCdn(s))
            .row("7.5.2", in(WAIT_TUNNEL), Event.LOCAL_CLOSE, "clean up", CLOSED, s -> s.fsm.cleanUp(s))
            .deviation("6.13", in(ESTABLISHED), Event.RX_WEN, "keep the Call Errors", ESTABLISHED,
                    s -> s.fsm.wanErrors(s), "section 6.13; not in the table")
            .deviation("7.5.2", in(WAIT_TUNNEL), Event.SETUP_EXPIRED, "clean up", CLOSED, s -> s.fsm.cleanUp(s),
                    "session.setup.timeout; not in the table")
            .deviation("7.5.2", in(WAIT_REPLY, WAIT_CONNECT), Event.SETUP_EXPIRED, "send CDN (result 10), clean up",
                    CLOSED, s -> s.fsm.sendCdn(s), "session.setup.timeout; not in the table");

    static StateTable<SessionState, Event, Step> tableOf(boolean lac, boolean outgoing) {
        return lac ? (outgoing ? LAC_OUTGOING : LAC_INCOMING) : (outgoing ? LNS_OUTGOING : LNS_INCOMING);
    }

    private final ControlContext ctx;

    SessionFsm(ControlContext ctx) {
        this.ctx = ctx;
    }

    /** Runs the row of {@code table} for the call's state and {@code event}; the new state is entered first. */
    private void fire(StateTable<SessionState, Event, Step> table, Tunnel t, Session s, Event event,
                      ControlMessage m, Refusal why) {
        SessionState was = s == null ? IDLE : s.state;
        StateTable.Row<SessionState, Event, Step> row = table.row(was, event);
        if (row == null) {
            if (s == null) {
                LOG.fine(() -> t + ": no row for " + event + " without a session");
                return;
            }
            // A message the table has no row for: a CDN, as the tables answer the messages they name.
            row = table.row(was, Event.LOCAL_CLOSE);
            why = new Refusal(CdnResult.GENERAL_ERROR.code(), GeneralError.FIELD_OUT_OF_RANGE.code(),
                    "unexpected " + (m == null ? event : m.type().abbreviation()) + " in " + was);
            if (row == null) {
                return;
            }
        }
        if (s != null && was != row.to()) {
            ctx.tunnels().enter(s, row.to());
        }
        row.run().accept(new Step(this, t, s, was, m, why));
    }

    private void fire(Session s, Event event, ControlMessage m, Refusal why) {
        fire(tableOf(s.lac, s.outgoing), s.tunnel, s, event, m, why);
    }

    // ---------------------------------------------------------------- messages

    /** A call message on an established tunnel: classified into the event of the call's table. */
    void onMessage(Tunnel t, ControlMessage m) {
        Session s = m.sessionId() == 0 ? null : t.sessions.get(m.sessionId());
        if (s == null && m.sessionId() == 0 && m.type() == MessageType.CDN) {
            // A LAC may clear its call before our ICRP reached it: the CDN can only name the call by its own id.
            s = byPeerId(t, m.u16(AvpType.ASSIGNED_SESSION_ID));
        }
        switch (m.type()) {
            case ICRQ -> {
                if (s != null) {
                    fire(s, Event.RX_ICRQ, m, null);
                } else {
                    newCall(t, m, false);
                }
            }
            case OCRQ -> {
                if (s != null) {
                    fire(s, Event.RX_OCRQ, m, null);
                } else {
                    newCall(t, m, true);
                }
            }
            default -> {
                if (s == null) {
                    // Section 7.1: a message for a call we do not have (one that just ended, most likely).
                    ctx.protection().log.log(LOG, Level.FINE, () -> t + ": " + m.type().abbreviation()
                            + " for unknown session " + m.sessionId());
                    idle(t, m);
                    return;
                }
                classifyAndFire(s, m);
            }
        }
    }

    /** The idle rows: a message for a call we do not have, in the table of its natural recipient. */
    private void idle(Tunnel t, ControlMessage m) {
        switch (m.type()) {
            case ICRP -> fire(LAC_INCOMING, t, null, Event.RX_ICRP, m, null);
            case ICCN -> fire(LNS_INCOMING, t, null, Event.RX_ICCN, m, null);
            case OCRP -> fire(LNS_OUTGOING, t, null, Event.RX_OCRP, m, null);
            case OCCN -> fire(LAC_OUTGOING, t, null, Event.RX_OCCN, m, null);
            case CDN -> fire(LNS_INCOMING, t, null, Event.RX_CDN, m, null);
            default -> { } // WEN, SLI for nobody: no table has them
        }
    }

    /**
     * Classifies a message for an existing call into its table's event, deciding "acceptable" for the reply the
     * call waits for (with the reason when it is not), and fires it.
     */
    private void classifyAndFire(Session s, ControlMessage m) {
        Event e;
        Refusal why = null;
        boolean awaited = switch (m.type()) {
            case ICRP -> s.state == WAIT_REPLY && s.lac && !s.outgoing;
            case ICCN -> s.state == WAIT_CONNECT && !s.lac && !s.outgoing;
            case OCRP -> s.state == WAIT_REPLY && !s.lac && s.outgoing;
            default -> false;
        };
        if (awaited) {
            why = replyRefusal(s, m);
        }
        e = switch (m.type()) {
            case ICRP -> !awaited ? Event.RX_ICRP : why == null ? Event.RX_ICRP_ACCEPTABLE
                    : Event.RX_ICRP_NOT_ACCEPTABLE;
            case ICCN -> !awaited ? Event.RX_ICCN : why == null ? Event.RX_ICCN_ACCEPTABLE
                    : Event.RX_ICCN_NOT_ACCEPTABLE;
            case OCRP -> !awaited ? Event.RX_OCRP : why == null ? Event.RX_OCRP_ACCEPTABLE
                    : Event.RX_OCRP_NOT_ACCEPTABLE;
            case OCCN -> Event.RX_OCCN;
            case CDN -> Event.RX_CDN;
            case WEN -> Event.RX_WEN;
            case SLI -> Event.RX_SLI;
            default -> throw new IllegalArgumentException(m.type() + " is not a call message");
        };
        fire(s, e, m, why);
    }

    /** Why a reply (ICRP, OCRP, ICCN) is not acceptable; null when it is. */
    private static Refusal replyRefusal(Session s, ControlMessage m) {
        if (!m.missingRequired().isEmpty()) {
            return new Refusal(CdnResult.GENERAL_ERROR.code(), GeneralError.FIELD_OUT_OF_RANGE.code(),
                    m.type().abbreviation() + " lacks " + m.missingRequired());
        }
        if (m.type() != MessageType.ICCN && m.u16(AvpType.ASSIGNED_SESSION_ID) <= 0) {
            return new Refusal(CdnResult.GENERAL_ERROR.code(), GeneralError.FIELD_OUT_OF_RANGE.code(),
                    m.type().abbreviation() + " lacks Assigned Session ID");
        }
        return null;
    }

    /** The reason of a CDN for a message the call's state did not expect (made only when a CDN is sent). */
    private static Refusal unexpected(ControlMessage m, SessionState state) {
        return new Refusal(CdnResult.GENERAL_ERROR.code(), GeneralError.FIELD_OUT_OF_RANGE.code(), "unexpected "
                + m.type().abbreviation() + " in " + state);
    }

    // ---------------------------------------------------------------- new calls: ICRQ (7.5.1), OCRQ (7.4.2)

    /** An ICRQ (we are the LNS: {@code lac} false) or an OCRQ (we are the LAC): acceptable or not, in idle. */
    private void newCall(Tunnel t, ControlMessage m, boolean lac) {
        boolean outgoing = lac;
        StateTable<SessionState, Event, Step> table = tableOf(lac, outgoing);
        Refusal why = callRefusal(t, m, lac);
        Session s = why == null ? create(t, lac, outgoing) : null;
        if (why == null && s == null) {
            why = new Refusal(CdnResult.TEMPORARY_NO_FACILITIES.code(), GeneralError.INSUFFICIENT_RESOURCES.code(),
                    "no Session ID free");
        }
        if (why != null) {
            fire(table, t, null, outgoing ? Event.RX_OCRQ_NOT_ACCEPTABLE : Event.RX_ICRQ_NOT_ACCEPTABLE, m, why);
            return;
        }
        s.peerId = m.u16(AvpType.ASSIGNED_SESSION_ID);
        s.callSerial = Math.max(0, m.u32(AvpType.CALL_SERIAL_NUMBER));
        s.callingNumber = m.text(AvpType.CALLING_NUMBER);
        s.calledNumber = m.text(AvpType.CALLED_NUMBER);
        fire(table, t, s, outgoing ? Event.RX_OCRQ_ACCEPTABLE : Event.RX_ICRQ_ACCEPTABLE, m, null);
    }

    /**
     * The checks an ICRQ or OCRQ passes to be "acceptable": the role, its required AVPs, an Assigned Session ID no
     * live call has, a data plane able to carry it, and the limits. Null when it is acceptable.
     */
    private Refusal callRefusal(Tunnel t, ControlMessage m, boolean lac) {
        int peerSession = m.u16(AvpType.ASSIGNED_SESSION_ID);
        if (!lac && !ctx.config().lns() && t.config == null) {
            return new Refusal(CdnResult.PERMANENT_NO_FACILITIES.code(), 0, "not an LNS");
        }
        if (peerSession <= 0 || !m.missingRequired().isEmpty()) {
            return new Refusal(CdnResult.GENERAL_ERROR.code(), GeneralError.FIELD_OUT_OF_RANGE.code(),
                    m.type().abbreviation() + " lacks " + (peerSession <= 0 ? Set.of(AvpType.ASSIGNED_SESSION_ID)
                            : m.missingRequired()));
        }
        Session live = byPeerId(t, peerSession);
        if (live != null) {
            // A new call cannot take the id of a live one: its messages would reach the wrong session.
            ctx.protection().duplicateSessionIds++;
            return new Refusal(CdnResult.GENERAL_ERROR.code(), GeneralError.FIELD_OUT_OF_RANGE.code(),
                    "Assigned Session ID " + peerSession + " is in use by live session " + live.localId);
        }
        String problem = ctx.dataPlaneProblem();
        if (problem != null) {
            return new Refusal(CdnResult.PERMANENT_NO_FACILITIES.code(), 0, "no data plane: " + problem);
        }
        String limit = limitReached(t);
        if (limit != null) {
            return new Refusal(CdnResult.TEMPORARY_NO_FACILITIES.code(), GeneralError.INSUFFICIENT_RESOURCES.code(),
                    limit);
        }
        return null;
    }

    /** Why the daemon or this tunnel takes no more sessions, counting the refusal; null when it does. */
    private String limitReached(Tunnel t) {
        if (ctx.tunnels().sessions() >= ctx.config().maxSessions()) {
            ctx.protection().sessionLimit++;
            return "session limit (max.sessions " + ctx.config().maxSessions() + ") reached";
        }
        if (t.sessions.size() >= ctx.config().limits().sessionsPerTunnel()) {
            ctx.protection().tunnelSessionLimit++;
            return "the tunnel's session limit (max.sessions.per.tunnel "
                    + ctx.config().limits().sessionsPerTunnel() + ") reached";
        }
        return null;
    }

    /** A new call in idle, after the limits were checked; null when no Session ID is free. */
    private Session create(Tunnel t, boolean lac, boolean outgoing) {
        long now = ctx.scheduler().now();
        int id = t.sessionIds.allocate(t.sessions::containsKey, now);
        if (id == 0) {
            return null;
        }
        Session s = new Session(t, id, lac, outgoing);
        t.sessions.put(id, s);
        s.setupTimer = new Scheduler.Timer(() -> {
            if (s.state != ESTABLISHED && t.sessions.get(s.localId) == s) {
                fire(s, Event.SETUP_EXPIRED, null, new Refusal(CdnResult.TIMEOUT.code(), 0,
                        "call not established within " + ctx.config().sessionSetupTimeoutS() + " s"));
            }
        });
        ctx.scheduler().arm(s.setupTimer, now + ctx.config().sessionSetupTimeoutS() * 1000L);
        return s;
    }

    /** A CDN for a call we never created (section 7.5.1: "send CDN, clean up"), rate-limited in the log. */
    private void refuse(Step s) {
        Tunnel t = s.tunnel;
        ctx.protection().log.log(LOG, Level.INFO, () -> t + ": refused a call: " + s.why.message());
        long now = ctx.scheduler().now();
        int id = t.sessionIds.allocate(t.sessions::containsKey, now);
        if (id != 0) {
            t.sessionIds.linger(id, now + ctx.config().holdS() * 1000L);
        }
        t.send(Messages.cdn(Math.max(0, s.message.u16(AvpType.ASSIGNED_SESSION_ID)), id, s.why.result(),
                s.why.error(), s.why.message()));
    }

    private void sendIcrp(Step s) {
        s.tunnel.send(Messages.icrp(s.session.peerId, s.session.localId, s.tunnel.hideAvps));
    }

    private void sendOcrp(Step s) {
        Session c = s.session;
        s.tunnel.send(Messages.ocrp(c.peerId, c.localId, s.tunnel.hideAvps));
        // A virtual LAC has no line to dial: the bearer answers at once.
        fire(c, Event.BEARER_ANSWER, null, null);
    }

    private void sendOccn(Step s) {
        s.tunnel.send(Messages.occn(s.session.peerId, s.tunnel.hideAvps));
        up(s.session);
    }

    // ---------------------------------------------------------------- placing calls: ICRQ (7.4.1), OCRQ (7.5.2)

    /**
     * Places a call: incoming (ICRQ, we are the LAC) when {@code number} is null, else outgoing (OCRQ, LNS). On a
     * tunnel still being set up the call waits for it (wait-tunnel).
     */
    void open(Tunnel t, String number, CompletableFuture<SessionInfo> opened) {
        String problem = ctx.dataPlaneProblem();
        if (problem != null) {
            opened.completeExceptionally(new IOException("no call is placed without a data plane: " + problem));
            ctx.events().sessionRefused(t);
            return;
        }
        boolean outgoing = number != null;
        String limit = limitReached(t);
        Session s = limit == null ? create(t, !outgoing, outgoing) : null;
        if (s == null) {
            opened.completeExceptionally(new IOException("no session can be placed on tunnel " + t.localId + ": "
                    + (limit != null ? limit : "no Session ID free")));
            return;
        }
        s.opened = opened;
        s.callSerial = t.nextCallSerial++;
        s.calledNumber = number;
        fire(s, Event.LOCAL_OPEN, null, null);
        if (t.state == TunnelState.ESTABLISHED) {
            fire(s, Event.TUNNEL_OPEN, null, null);
        }
    }

    /** The tunnel came up: the tunnel-open event to every call waiting for it. */
    void tunnelOpen(Tunnel t) {
        for (Session s : new ArrayList<>(t.sessions.values())) {
            if (s.state == WAIT_TUNNEL) {
                fire(s, Event.TUNNEL_OPEN, null, null);
            }
        }
    }

    private void sendIcrq(Step s) {
        s.tunnel.send(Messages.icrq(s.session.localId, s.session.callSerial, null, s.tunnel.hideAvps));
    }

    private void sendOcrq(Step s) {
        Session c = s.session;
        s.tunnel.send(Messages.ocrq(c.localId, c.callSerial, c.calledNumber, s.tunnel.hideAvps));
    }

    private void sendIccn(Step s) {
        Session c = s.session;
        c.peerId = s.message.u16(AvpType.ASSIGNED_SESSION_ID);
        s.tunnel.send(Messages.iccn(c.peerId, s.tunnel.hideAvps));
        up(c);
    }

    /** ICCN or OCCN accepted (LNS): sequencing as the LAC asks, then the data path. */
    private void prepareForData(Step s) {
        s.session.sequencing = s.message.has(AvpType.SEQUENCING_REQUIRED);
        up(s.session);
    }

    /** Entered ESTABLISHED: the data path, then the session-up report. */
    private void up(Session s) {
        ctx.scheduler().disarm(s.setupTimer);
        s.setupTimer = null;
        Tunnel t = s.tunnel;
        if (t.data == null) {
            // The data plane became able to carry calls after this tunnel came up.
            ctx.attachData(t);
        }
        if (t.data != null) {
            try {
                s.data = t.data.createSession(new SessionParameters(t.localId, t.peerId, s.localId, s.peerId,
                        !s.lac, s.sequencing, null, call(s)), (result, message) -> dataPlaneEnded(s, result, message));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, s + ": the data plane failed", e);
                close(s, CdnResult.GENERAL_ERROR.code(), GeneralError.VENDOR_SPECIFIC.code(), "data plane: "
                        + e.getMessage());
                return;
            }
        }
        ctx.events().sessionUp(s);
        if (s.opened != null) {
            s.opened.complete(s.info());
            s.opened = null;
        }
    }

    /** What AAA may tell RADIUS of the call (RFC 2865 Calling/Called-Station-Id, RFC 2868 tunnel attributes). */
    private SessionParameters.Call call(Session s) {
        Tunnel t = s.tunnel;
        String local = t.local.getAddress().isAnyLocalAddress() ? null : t.local.getAddress().getHostAddress();
        return new SessionParameters.Call(s.callSerial, s.callingNumber, s.calledNumber,
                t.peer.getAddress().getHostAddress(), local, t.peerHostName, ctx.config().hostName());
    }

    /** The data plane ended the call on its own (pppd exited, ...): from its thread, onto the loop. */
    private void dataPlaneEnded(Session s, int result, String message) {
        ctx.execute(() -> {
            if (s.tunnel.sessions.get(s.localId) == s) {
                close(s, result, 0, "data plane: " + message);
            }
        });
    }

    // ---------------------------------------------------------------- any state

    /** A local close (operator, data plane): "send CDN, clean up" where the table says so. */
    void close(Session s, int result, int error, String message) {
        if (s.tunnel.sessions.get(s.localId) == s) {
            fire(s, Event.LOCAL_CLOSE, null, new Refusal(result, error, message));
        }
    }

    private void sendCdn(Step s) {
        Session c = s.session;
        Refusal why = s.why != null ? s.why : unexpected(s.message, s.was);
        s.tunnel.send(Messages.cdn(c.peerId, c.localId, why.result(), why.error(), why.message()));
        finish(c, s.was, why.result(), why.message(), "CDN sent, " + Messages.describe(MessageType.CDN,
                Messages.resultCode(why.result(), why.error(), why.message())), SessionEnd.LOCAL);
    }

    private void cdnReceived(Step s) {
        AvpValue.ResultCode rc = s.message.value(AvpType.RESULT_CODE, AvpValue.ResultCode.class);
        if (s.session.peerId == 0) {
            s.session.peerId = Math.max(0, s.message.u16(AvpType.ASSIGNED_SESSION_ID));
        }
        finish(s.session, s.was, rc == null ? 0 : rc.result(), rc == null ? null : rc.message(),
                "CDN received, " + Messages.describe(MessageType.CDN, rc), SessionEnd.PEER);
    }

    private void cleanUp(Step s) {
        finish(s.session, s.was, s.why == null ? CdnResult.ADMINISTRATIVE.code() : s.why.result(),
                s.why == null ? null : s.why.message(), s.why == null ? "cleaned up" : s.why.message(),
                SessionEnd.LOCAL);
    }

    /** Section 6.14: the ACCM goes to the data plane. */
    private void setLinkInfo(Step s) {
        AvpValue.Accm accm = s.message.value(AvpType.ACCM, AvpValue.Accm.class);
        if (accm != null && s.session.data != null) {
            s.session.data.setAccm(accm.sendAccm(), accm.receiveAccm());
        }
    }

    /** Section 6.13: kept; the counters are the LAC's view of the line. */
    private void wanErrors(Step s) {
        AvpValue.CallErrors e = s.message.value(AvpType.CALL_ERRORS, AvpValue.CallErrors.class);
        LOG.fine(() -> s.session + ": WAN errors " + e);
        s.session.wanErrors = e;
    }

    /** A call message that did not decode and that the decoder answers with a CDN (section 4.1). */
    void malformed(Tunnel t, L2tpDecodeException e) {
        Session s = t.sessions.get(e.sessionId());
        Refusal why = new Refusal(e.resultCode(), e.errorCode(), e.getMessage());
        if (s != null) {
            fire(s, Event.LOCAL_CLOSE, null, why);
        } else if (e.message() != null && e.sessionId() == 0) {
            // A call request we cannot accept: "receive ICRQ/OCRQ, not acceptable".
            boolean ocrq = e.message().type() == MessageType.OCRQ;
            fire(tableOf(ocrq, ocrq), t, null, ocrq ? Event.RX_OCRQ_NOT_ACCEPTABLE : Event.RX_ICRQ_NOT_ACCEPTABLE,
                    e.message(), why);
        }
    }

    /** The live call the peer knows as {@code peerId}, or null. */
    private static Session byPeerId(Tunnel t, int peerId) {
        if (peerId > 0) {
            for (Session s : t.sessions.values()) {
                if (s.peerId == peerId) {
                    return s;
                }
            }
        }
        return null;
    }

    /** Removes an ended call: its id lingers, its data path closes, its waiter and the daemon hear of it. */
    private void finish(Session s, SessionState was, int result, String message, String howEnded, SessionEnd end) {
        Tunnel t = s.tunnel;
        if (t.sessions.remove(s.localId) != s) {
            return;
        }
        ctx.tunnels().enter(s, CLOSED);
        t.sessionIds.linger(s.localId, ctx.scheduler().now() + ctx.config().holdS() * 1000L);
        if (s.setupTimer != null) {
            ctx.scheduler().disarm(s.setupTimer);
        }
        String traffic = "";
        if (s.data != null) {
            // The session's data counters, read before its socket goes (PPPIOCGL2TPSTATS with the kernel plane).
            org.l2tp.api.dataplane.DataCounters d = s.data.counters();
            if (d.txPackets() + d.rxPackets() > 0) {
                traffic = "; data tx " + d.txPackets() + " packets/" + d.txBytes() + " bytes, rx " + d.rxPackets()
                        + " packets/" + d.rxBytes() + " bytes";
            }
            s.data.close();
            s.data = null;
        }
        String how = howEnded + traffic;
        boolean wasUp = was == ESTABLISHED;
        if (!wasUp) {
            LOG.fine(() -> s + " setup failed: " + how);
        }
        if (s.opened != null) {
            s.opened.completeExceptionally(new IOException("call failed: " + how));
            s.opened = null;
        }
        ctx.events().sessionDown(s, result, message, how, wasUp, end);
    }

    /** The tunnel is going: every call ends with it, without CDNs (a StopCCN implies them, section 5.7). */
    void dropAll(Tunnel t, String why) {
        for (Session s : new ArrayList<>(t.sessions.values())) {
            finish(s, s.state, CdnResult.GENERAL_ERROR.code(), why, why, SessionEnd.TUNNEL);
        }
    }
}
