package org.l2tp.control;

import org.l2tp.api.fsm.StateTable;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.l2tp.api.dataplane.SessionParameters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.l2tp.api.SessionState;
import org.l2tp.api.TunnelState;
import org.l2tp.codec.Avp;
import org.l2tp.codec.AvpType;
import org.l2tp.codec.AvpValue;
import org.l2tp.codec.ControlMessage;
import org.l2tp.codec.MessageType;

/**
 * RFC 2661 sections 7.4.1, 7.4.2, 7.5.1 and 7.5.2 ({@link SessionFsm}), every cell of every table: the test puts
 * a call of the table's role in the cell's state (virtual clock, no sockets), causes the cell's event, and asserts
 * what was sent and the state after, as the row says: "send X" sends X first, "clean up" and CLOSED leave no call.
 */
class SessionTablesTest {

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (StateTable<SessionState, SessionFsm.Event, SessionFsm.Step> table : List.of(SessionFsm.LAC_INCOMING,
                SessionFsm.LAC_OUTGOING, SessionFsm.LNS_INCOMING, SessionFsm.LNS_OUTGOING)) {
            for (StateTable.Row<SessionState, SessionFsm.Event, SessionFsm.Step> row : table.rows()) {
                for (SessionState from : row.from()) {
                    out.add(Arguments.of(table.name(), from, row.event(), row));
                }
            }
        }
        return out.stream();
    }

    /** A harness with a tunnel of the table's role, and a call in {@code state} (null when the state is idle). */
    private static final class Cell {
        final FsmHarness h = new FsmHarness("session.setup.timeout", "5");
        Tunnel t;
        Session s;
        final boolean lac;
        final boolean outgoing;

        Cell(String table, SessionState state, SessionFsm.Event event) {
            lac = table.contains("LAC");
            outgoing = table.contains("outgoing");
            // A call placed on a tunnel still being set up waits for it.
            boolean waitTunnel = state == SessionState.WAIT_TUNNEL || event == SessionFsm.Event.LOCAL_OPEN;
            t = waitTunnel ? h.initiator() : h.establishedInitiator();
            if (state == SessionState.IDLE) {
                h.ack(t);
                return;
            }
            if (lac && !outgoing) {
                s = h.lacIncoming(t);
                if (!waitTunnel) {
                    h.sentOne(t, MessageType.ICRQ);
                }
                if (state == SessionState.ESTABLISHED) {
                    h.deliver(t, FsmHarness.icrp(50), s.localId);
                    h.sentOne(t, MessageType.ICCN);
                }
            } else if (lac) {
                s = h.lacOutgoing(t, 50);
                if (state == SessionState.WAIT_CS_ANSWER) {
                    // A virtual LAC's bearer answers at once; the state is entered by hand to test its rows.
                    h.registry.enter(s, SessionState.WAIT_CS_ANSWER);
                }
            } else if (!outgoing) {
                s = h.lnsIncoming(t, 50);
                if (state == SessionState.ESTABLISHED) {
                    h.deliver(t, Messages.iccn(s.localId, false), s.localId);
                }
            } else {
                s = h.lnsOutgoing(t);
                if (!waitTunnel) {
                    h.sentOne(t, MessageType.OCRQ);
                }
                if (state == SessionState.WAIT_CONNECT || state == SessionState.ESTABLISHED) {
                    h.deliver(t, FsmHarness.ocrp(50), s.localId);
                }
                if (state == SessionState.ESTABLISHED) {
                    h.deliver(t, Messages.occn(s.localId, false), s.localId);
                }
            }
            assertEquals(state, s.state, "set up in " + state);
            h.sent(t);
            h.ack(t); // everything sent so far is acknowledged: nothing waits in the window
            h.events.clear();
        }

        int to() {
            return s == null ? 999 : s.localId;
        }
    }

    @ParameterizedTest(name = "{0}: {1} + {2}")
    @MethodSource("cells")
    void everyCellDoesWhatItsRowSays(String table, SessionState state, SessionFsm.Event event,
                                     StateTable.Row<SessionState, SessionFsm.Event, SessionFsm.Step> row) {
        Cell c = new Cell(table, state, event);
        FsmHarness h = c.h;
        Tunnel t = c.t;
        int sessionsBefore = t.sessions.size();
        switch (event) {
            case LOCAL_OPEN -> {
                c.s = c.lac ? h.lacIncoming(t) : h.lnsOutgoing(t);
            }
            case TUNNEL_OPEN -> h.deliver(t, FsmHarness.sccrp(88));
            case LOCAL_CLOSE -> h.fsm.sessions.close(c.s, 3, 0, "operator");
            case SETUP_EXPIRED -> h.advance(5_100);
            case BEARER_ANSWER -> {
                // Only reachable from idle by an acceptable OCRQ: the bearer answers at once.
                c.s = h.lacOutgoing(t, 51);
                assertEquals(row.to(), c.s.state);
                return;
            }
            case RX_ICRQ_ACCEPTABLE -> h.deliver(t, Messages.icrq(60, 1, null, false), 0);
            case RX_ICRQ_NOT_ACCEPTABLE -> h.deliver(t, ControlMessage.of(MessageType.ICRQ,
                    Avp.u32(AvpType.CALL_SERIAL_NUMBER, 1)), 0);
            case RX_OCRQ_ACCEPTABLE -> h.deliver(t, Messages.ocrq(60, 1, "5551234", false), 0);
            case RX_OCRQ_NOT_ACCEPTABLE -> h.deliver(t, ControlMessage.of(MessageType.OCRQ,
                    Avp.u16(AvpType.ASSIGNED_SESSION_ID, 60)), 0);
            case RX_ICRQ -> h.deliver(t, Messages.icrq(60, 1, null, false), c.to());
            case RX_OCRQ -> h.deliver(t, Messages.ocrq(60, 1, "5551234", false), c.to());
            case RX_ICRP_ACCEPTABLE, RX_ICRP -> h.deliver(t, FsmHarness.icrp(50), c.to());
            case RX_ICRP_NOT_ACCEPTABLE -> h.deliver(t, ControlMessage.of(MessageType.ICRP), c.to());
            case RX_OCRP_ACCEPTABLE, RX_OCRP -> h.deliver(t, FsmHarness.ocrp(50), c.to());
            case RX_OCRP_NOT_ACCEPTABLE -> h.deliver(t, ControlMessage.of(MessageType.OCRP), c.to());
            case RX_ICCN_ACCEPTABLE, RX_ICCN -> h.deliver(t, Messages.iccn(c.to(), false), c.to());
            case RX_ICCN_NOT_ACCEPTABLE -> h.deliver(t, ControlMessage.of(MessageType.ICCN), c.to());
            case RX_OCCN -> h.deliver(t, Messages.occn(c.to(), false), c.to());
            case RX_CDN -> h.deliver(t, FsmHarness.cdn(50), c.to());
            case RX_WEN -> h.deliver(t, ControlMessage.of(MessageType.WEN, Avp.of(AvpType.CALL_ERRORS,
                    new AvpValue.CallErrors(1, 2, 3, 4, 5, 6))), c.to());
            case RX_SLI -> h.deliver(t, ControlMessage.of(MessageType.SLI, Avp.of(AvpType.ACCM,
                    new AvpValue.Accm(0xFFFFFFFFL, 0xFFFFFFFFL))), c.to());
        }
        // The call's messages (the tunnel's own, such as its SCCCN, are not this table's).
        List<ControlMessage> sent = h.sent(t).stream().filter(m -> m.type().scope()
                == MessageType.Scope.SESSION).toList();
        String action = row.action();
        if (action.startsWith("send ")) {
            String type = action.substring(5).split("[ ,]")[0];
            assertFalse(sent.isEmpty(), row + ": expected " + type + ", nothing was sent");
            assertEquals(type, sent.get(0).type().abbreviation(), row + ": sent " + sent);
            if (action.contains("result 10")) {
                assertEquals(10, sent.get(0).value(AvpType.RESULT_CODE, AvpValue.ResultCode.class).result());
            }
        } else {
            assertEquals(List.of(), sent, row + ": nothing is sent");
        }
        Session after = c.s != null ? c.s : t.sessions.values().stream().filter(x -> !t.sessions.isEmpty())
                .reduce((a, b) -> b).orElse(null);
        // An acceptable OCRQ's bearer answers at once: the next row (wait-cs-answer + bearer answer) follows.
        SessionState expected = event == SessionFsm.Event.RX_OCRQ_ACCEPTABLE
                ? SessionFsm.LAC_OUTGOING.row(SessionState.WAIT_CS_ANSWER, SessionFsm.Event.BEARER_ANSWER).to()
                : row.to();
        if (expected == SessionState.CLOSED) {
            assertEquals(sessionsBefore - (c.s != null ? 1 : 0), t.sessions.size(), row + ": the call is gone");
            if (c.s != null) {
                assertEquals(SessionState.CLOSED, c.s.state, row.toString());
            }
        } else {
            assertNotNull(after, row + ": a call");
            assertEquals(expected, after.state, row.toString());
        }
        assertEquals(TunnelState.ESTABLISHED, t.state == TunnelState.WAIT_CTL_REPLY ? TunnelState.ESTABLISHED
                : t.state, "the tunnel is not affected");
    }

    @Test
    void theDataPathFollowsTheCall() {
        FsmHarness h = new FsmHarness();
        Tunnel t = h.establishedResponder();
        Session s = h.lnsIncoming(t, 50);
        h.deliver(t, Messages.iccn(s.localId, false), s.localId);
        assertTrue(h.events.contains("data-session " + s.localId), "" + h.events);
        assertTrue(h.events.contains("session-up"));
        h.deliver(t, FsmHarness.cdn(50), s.localId);
        assertTrue(h.events.contains("data-session-closed " + s.localId), "" + h.events);
        assertEquals(0, h.registry.sessions());
        assertEquals(0, h.registry.establishedSessions());
    }

    @Test
    void listenersHearWhoEndedTheCall() {
        FsmHarness h = new FsmHarness();
        Tunnel t = h.establishedResponder();
        Session a = h.lnsIncoming(t, 50);
        h.deliver(t, Messages.iccn(a.localId, false), a.localId);
        h.deliver(t, FsmHarness.cdn(50), a.localId);
        Session b = h.lnsIncoming(t, 51);
        h.deliver(t, Messages.iccn(b.localId, false), b.localId);
        h.fsm.sessions.close(b, 3, 0, "operator");
        h.sent(t);
        Session c = h.lnsIncoming(t, 52);
        h.deliver(t, Messages.iccn(c.localId, false), c.localId);
        h.fsm.sessions.dropAll(t, "tunnel down");
        assertEquals(List.of(org.l2tp.api.SessionEnd.PEER, org.l2tp.api.SessionEnd.LOCAL,
                org.l2tp.api.SessionEnd.TUNNEL), h.ends);
    }

    @Test
    void theDataPathHearsWhatTheCallSaidOfItselfForAaa() {
        FsmHarness h = new FsmHarness();
        Tunnel t = h.establishedResponder();
        h.deliver(t, Messages.icrq(50, 4242, "5550100", false));
        Session s = t.sessions.get(h.sentOne(t, MessageType.ICRP).u16(AvpType.ASSIGNED_SESSION_ID));
        h.deliver(t, Messages.iccn(s.localId, false), s.localId);
        SessionParameters.Call c = h.dataSessions.get(0).call();
        assertEquals(4242, c.callSerial());
        assertEquals("5550100", c.callingNumber());
        assertEquals(t.peer.getAddress().getHostAddress(), c.peerAddress());
        assertEquals(t.peerHostName, c.peerHostName());
        assertEquals(h.config().hostName(), c.localHostName());
    }

    @Test
    void aMessageNoRowNamesIsAnsweredWithACdn() {
        FsmHarness h = new FsmHarness();
        Tunnel t = h.establishedResponder();
        Session s = h.lnsIncoming(t, 50);
        // An OCCN addressed to an incoming call: 7.5.1 has no row for it.
        h.deliver(t, Messages.occn(s.localId, false), s.localId);
        h.sentOne(t, MessageType.CDN);
        assertEquals(SessionState.CLOSED, s.state);
    }
}
