package org.l2tp.control;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.l2tp.api.TunnelState;
import org.l2tp.codec.Avp;
import org.l2tp.codec.AvpType;
import org.l2tp.codec.AvpValue;
import org.l2tp.codec.ControlMessage;
import org.l2tp.codec.L2tpDecodeException;
import org.l2tp.codec.MessageType;
import org.l2tp.codec.StopCcnResult;
import org.l2tp.codec.TunnelAuthentication;

/**
 * RFC 2661 section 7.2.1 ({@link TunnelFsm#TABLE}), row by row: each test puts one tunnel in a state, fires one
 * event with a virtual clock and no sockets, and asserts what was sent and the state after.
 */
class TunnelTableTest {
    private final FsmHarness h = new FsmHarness();

    private static int result(ControlMessage m) {
        return m.value(AvpType.RESULT_CODE, AvpValue.ResultCode.class).result();
    }

    private void stopCcnSent(Tunnel t, StopCcnResult r) {
        ControlMessage stop = h.sentOne(t, MessageType.STOPCCN);
        assertEquals(r.code(), result(stop));
        assertEquals(TunnelState.CLOSING, t.state);
    }

    // ---------------------------------------------------------------- idle

    @Test
    @Row(table = "7.2.1", state = "IDLE", event = "LOCAL_OPEN")
    void idleLocalOpenSendsSccrq() {
        Tunnel t = h.initiator();
        assertEquals(1, h.registry.halfOpen());
        assertNotNull(t.tieBreaker, "we always send a Tie Breaker");
    }

    @Test
    @Row(table = "7.2.1", state = "IDLE", event = "RX_SCCRQ_ACCEPTABLE")
    void idleAcceptableSccrqSendsSccrp() {
        Tunnel t = h.responder();
        assertEquals(77, t.peerId);
        assertEquals(1, h.registry.halfOpen());
    }

    @Test
    @Row(table = "7.2.1", state = "IDLE", event = "RX_SCCRQ_NOT_ACCEPTABLE")
    void idleUnacceptableSccrqGetsAStatelessStopCcn() {
        h.config = withKey("accept.unconfigured", "false");
        h.fsm.onTunnelZero(FsmHarness.PEER, FsmHarness.sccrq(5).withSequence(0, 0));
        assertEquals(0, h.registry.size());
        assertEquals(1, h.stateless.size());
        ControlMessage stop = h.stateless.get(0);
        assertEquals(MessageType.STOPCCN, stop.type());
        assertEquals(StopCcnResult.NOT_AUTHORIZED.code(), result(stop));
        assertEquals(5, stop.tunnelId(), "to the peer's tunnel");
        assertEquals(1, stop.nr(), "acknowledging the SCCRQ");
    }

    @Test
    @Row(table = "7.2.1", state = "IDLE", event = "RX_SCCRP")
    void idleSccrpGetsAStopCcn() {
        h.fsm.onUnknownTunnel(FsmHarness.PEER, FsmHarness.sccrp(9).withIds(4242, 0).withSequence(0, 1));
        assertEquals(MessageType.STOPCCN, h.stateless.get(0).type());
        assertEquals(9, h.stateless.get(0).tunnelId(), "to the tunnel the SCCRP named");
    }

    @Test
    @Row(table = "7.2.1", state = "IDLE", event = "RX_SCCCN")
    @Row(table = "7.2.1", state = "IDLE", event = "RX_STOPCCN")
    void idleScccnOrStopCcnIsOnlyCleanedUp() {
        h.fsm.onUnknownTunnel(FsmHarness.PEER, ControlMessage.of(MessageType.SCCCN).withIds(4242, 0)
                .withSequence(1, 1));
        h.fsm.onUnknownTunnel(FsmHarness.PEER, Messages.stopCcn(3, 1, 0, null).withIds(4242, 0).withSequence(2, 1));
        assertEquals(List.of(), h.stateless);
        assertEquals(2, h.protection.unknownTunnel);
    }

    @Test
    @Row(table = "7.2.1", state = "IDLE", event = "RX_OTHER")
    void idleOtherMessageGetsNoControlConnectionRateLimited() {
        for (int i = 0; i < 150; i++) {
            h.fsm.onUnknownTunnel(FsmHarness.PEER, ControlMessage.of(MessageType.HELLO).withIds(4242, 0)
                    .withSequence(i, 0));
        }
        assertEquals(100, h.stateless.size(), "a burst of 100, then the rate limit");
        AvpValue.ResultCode rc = h.stateless.get(0).value(AvpType.RESULT_CODE, AvpValue.ResultCode.class);
        assertEquals(2, rc.result());
        assertEquals(1, rc.error(), "section 4.4.2: no control connection exists yet");
        assertEquals(50, h.protection.answers.suppressedTotal());
        h.advance(1000);
        h.fsm.onUnknownTunnel(FsmHarness.PEER, ControlMessage.of(MessageType.HELLO).withIds(4242, 0)
                .withSequence(0, 0));
        assertEquals(101, h.stateless.size(), "the bucket refills with the (virtual) clock");
    }

    @Test
    @Row(table = "7.2.1", state = "IDLE", event = "RX_SCCRQ_EARLY")
    void idleSccrqBeforeTheConfigurationIsLeftUnanswered() {
        h.configured = false;
        h.fsm.onTunnelZero(FsmHarness.PEER, FsmHarness.sccrq(5).withSequence(0, 0));
        assertEquals(0, h.registry.size());
        assertEquals(List.of(), h.stateless);
        assertEquals(1, h.protection.startupDropped);
    }

    /** The harness's configuration with {@code kv} changed. */
    private static DaemonConfig withKey(String... kv) {
        return new FsmHarness(kv).config;
    }

    // ---------------------------------------------------------------- wait-ctl-reply

    @Test
    @Row(table = "7.2.1", state = "WAIT_CTL_REPLY", event = "RX_SCCRP_ACCEPTABLE")
    void waitCtlReplyAcceptableSccrpSendsScccnAndOpens() throws Exception {
        Tunnel t = h.establishedInitiator();
        assertEquals(88, t.peerId);
        assertTrue(h.opened.isDone() && !h.opened.isCompletedExceptionally(), "tunnel-open to the waiter");
        assertEquals(0, h.registry.halfOpen());
    }

    @Test
    @Row(table = "7.2.1", state = "WAIT_CTL_REPLY", event = "RX_SCCRP_NOT_ACCEPTABLE")
    void waitCtlReplyUnacceptableSccrpSendsStopCcn() {
        h.config = withKey("secret", "s3cret");
        Tunnel t = h.initiator();
        assertNotNull(t.ourChallenge);
        h.deliver(t, FsmHarness.sccrp(88)); // no Challenge Response
        stopCcnSent(t, StopCcnResult.NOT_AUTHORIZED);
        assertTrue(h.opened.isCompletedExceptionally());
    }

    @Test
    @Row(table = "7.2.1", state = "WAIT_CTL_REPLY", event = "RX_SCCRQ_LOSE_TIE")
    void waitCtlReplyLosingTieTakesThePeersSccrq() {
        Tunnel ours = h.initiator();
        h.fsm.onTunnelZero(FsmHarness.PEER, Messages.sccrq("peer", 66, 4, null, new byte[8]).withSequence(0, 0));
        h.gone(ours);
        Tunnel theirs = h.tunnel();
        assertEquals(TunnelState.WAIT_CTL_CONN, theirs.state, "re-queued for idle: it is accepted");
        h.sentOne(theirs, MessageType.SCCRP);
        assertSame(h.opened, theirs.opened, "our caller waits for the peer's tunnel");
        assertTrue(h.events.contains("tunnel-replaced"));
        assertEquals(1, h.registry.halfOpen(), "only theirs is being set up");
    }

    @Test
    void equalTieBreakersWithdrawBothSccrqsAndTellOurCaller() {
        Tunnel ours = h.initiator();
        h.fsm.onTunnelZero(FsmHarness.PEER, Messages.sccrq("peer", 66, 4, null, ours.tieBreaker).withSequence(0, 0));
        h.gone(ours);
        assertEquals(0, h.registry.size(), "theirs is discarded too");
        assertTrue(h.opened.isCompletedExceptionally());
        assertTrue(h.events.contains("tunnel-failed 2"), "the dialer hears it and redials: " + h.events);
        assertEquals(0, h.registry.halfOpen());
    }

    @Test
    @Row(table = "7.2.1", state = "WAIT_CTL_REPLY", event = "RX_SCCRQ_WIN_TIE")
    void waitCtlReplyWinningTieDiscardsThePeersSccrq() {
        Tunnel ours = h.initiator();
        byte[] high = new byte[8];
        java.util.Arrays.fill(high, (byte) 0xFF);
        h.fsm.onTunnelZero(FsmHarness.PEER, Messages.sccrq("peer", 66, 4, null, high).withSequence(0, 0));
        assertEquals(1, h.registry.size());
        assertEquals(TunnelState.WAIT_CTL_REPLY, ours.state);
        h.nothingSent(ours);
        assertEquals(List.of(), h.stateless);
    }

    @Test
    @Row(table = "7.2.1", state = "WAIT_CTL_REPLY", event = "RX_SCCCN")
    void waitCtlReplyScccnClears() {
        Tunnel t = h.initiator();
        h.deliver(t, ControlMessage.of(MessageType.SCCCN));
        // The peer's Tunnel ID is unknown yet: nowhere to send a StopCCN; the tunnel is cleared.
        h.gone(t);
        assertTrue(h.opened.isCompletedExceptionally());
    }

    @Test
    @Row(table = "7.2.1", state = "WAIT_CTL_REPLY", event = "RX_STOPCCN")
    @Row(table = "7.2.1", state = "WAIT_CTL_CONN", event = "RX_STOPCCN")
    @Row(table = "7.2.1", state = "ESTABLISHED", event = "RX_STOPCCN")
    void stopCcnInAnyLiveStateClosesForTheHoldPeriod() {
        for (int i = 0; i < 3; i++) {
            FsmHarness f = new FsmHarness();
            Tunnel t = i == 0 ? f.initiator() : i == 1 ? f.responder() : f.establishedResponder();
            f.deliver(t, Messages.stopCcn(77, 1, 0, "bye"));
            assertEquals(TunnelState.CLOSING, t.state);
            f.nothingSent(t);
            f.advance(5_000);
            f.gone(t);
        }
    }

    @Test
    @Row(table = "7.2.1", state = "WAIT_CTL_REPLY", event = "RX_CALL_MESSAGE")
    @Row(table = "7.2.1", state = "WAIT_CTL_CONN", event = "RX_CALL_MESSAGE")
    @Row(table = "7.2.1", state = "WAIT_CTL_CONN", event = "RX_HELLO")
    @Row(table = "7.2.1", state = "WAIT_CTL_REPLY", event = "RX_HELLO")
    void callsOrHelloBeforeTheConnectionIsUpAreAnFsmError() {
        Tunnel t = h.responder();
        h.deliver(t, Messages.icrq(5, 1, null, false));
        stopCcnSent(t, StopCcnResult.FSM_ERROR);
        FsmHarness f = new FsmHarness();
        Tunnel u = f.responder();
        f.deliver(u, Messages.hello());
        assertEquals(StopCcnResult.FSM_ERROR.code(), result(f.sentOne(u, MessageType.STOPCCN)));
        FsmHarness g = new FsmHarness();
        Tunnel w = g.initiator();
        g.deliver(w, Messages.hello());
        g.gone(w); // no peer Tunnel ID yet: cleared without a StopCCN
        FsmHarness k = new FsmHarness();
        Tunnel x = k.initiator();
        k.deliver(x, Messages.icrq(5, 1, null, false));
        k.gone(x);
    }

    @Test
    @Row(table = "7.2.1", state = "WAIT_CTL_REPLY", event = "ADMIN_CLOSE")
    @Row(table = "7.2.1", state = "WAIT_CTL_CONN", event = "ADMIN_CLOSE")
    void closingATunnelBeingSetUp() {
        Tunnel t = h.initiator();
        h.fsm.close(t, 1, 0, "operator");
        h.gone(t);
        FsmHarness f = new FsmHarness();
        Tunnel u = f.responder();
        f.ack(u);
        f.fsm.close(u, 1, 0, "operator");
        ControlMessage stop = f.sentOne(u, MessageType.STOPCCN);
        assertEquals(77, stop.tunnelId());
        assertEquals(TunnelState.CLOSING, u.state);
    }

    @Test
    @Row(table = "7.2.1", state = "WAIT_CTL_REPLY", event = "SETUP_EXPIRED")
    @Row(table = "7.2.1", state = "WAIT_CTL_CONN", event = "SETUP_EXPIRED")
    void setUpDeadlineClearsWithoutAStopCcn() {
        FsmHarness f = new FsmHarness("tunnel.setup.timeout", "10", "retransmit.retries", "100");
        Tunnel t = f.responder();
        // The SCCRP is acknowledged: nothing left to retransmit, no timer of the RFC applies.
        f.ack(t);
        f.advance(9_900);
        assertEquals(TunnelState.WAIT_CTL_CONN, t.state);
        f.advance(200);
        f.gone(t);
        f.nothingSent(t);
        assertEquals(1, f.protection.tunnelSetupTimeouts);
        assertEquals(0, f.registry.halfOpen());
        FsmHarness g = new FsmHarness("tunnel.setup.timeout", "10", "retransmit.retries", "100",
                "retransmit.max.ms", "60000");
        Tunnel u = g.initiator();
        g.advance(10_100);
        g.gone(u);
        assertTrue(g.opened.isCompletedExceptionally());
    }

    @Test
    @Row(table = "7.2.1", state = "WAIT_CTL_REPLY", event = "PORT_UNREACHABLE")
    void portUnreachableWhileWaitingForSccrpFailsAtOnce() {
        Tunnel t = h.initiator();
        h.fsm.portUnreachable(t);
        h.gone(t);
        ExecutionException e = assertThrows(ExecutionException.class, () -> h.opened.get());
        assertTrue(e.getCause().getMessage().contains("unreachable"), e.getCause().getMessage());
    }

    @Test
    @Row(table = "7.2.1", state = "WAIT_CTL_REPLY", event = "PEER_UNRESPONSIVE")
    @Row(table = "7.2.1", state = "WAIT_CTL_CONN", event = "PEER_UNRESPONSIVE")
    @Row(table = "7.2.1", state = "ESTABLISHED", event = "PEER_UNRESPONSIVE")
    @Row(table = "7.2.1", state = "CLOSING", event = "PEER_UNRESPONSIVE")
    void unacknowledgedRetransmissionsEndTheTunnelWithoutAStopCcn() {
        Tunnel t = h.initiator();
        h.advance(1000 + 2000 + 4000 + 4000 + 100); // three retransmissions, then the last time-out
        h.gone(t);
        assertEquals(3, h.sent(t).size(), "the SCCRQ's retransmissions only");
        FsmHarness f = new FsmHarness();
        Tunnel u = f.establishedResponder();
        f.fsm.close(u, 1, 0, "bye");
        f.sentOne(u, MessageType.STOPCCN);
        f.advance(11_200);
        f.gone(u);
        FsmHarness g = new FsmHarness();
        Tunnel w = g.establishedResponder();
        w.send(Messages.hello());
        g.advance(11_200);
        g.gone(w);
        assertTrue(g.events.contains("tunnel-down 2"));
        FsmHarness k = new FsmHarness();
        Tunnel x = k.responder();
        k.advance(11_200);
        k.gone(x);
    }

    // ---------------------------------------------------------------- wait-ctl-conn

    @Test
    @Row(table = "7.2.1", state = "WAIT_CTL_CONN", event = "RX_SCCCN_ACCEPTABLE")
    void waitCtlConnAcceptableScccnEstablishes() {
        FsmHarness f = new FsmHarness("secret", "s3cret");
        f.fsm.onTunnelZero(FsmHarness.PEER, FsmHarness.sccrq(77).withSequence(0, 0));
        Tunnel t = f.tunnel();
        byte[] challenge = f.sentOne(t, MessageType.SCCRP).octets(AvpType.CHALLENGE);
        f.peerSeq.get(t)[0] = 1;
        f.deliver(t, Messages.scccn(TunnelAuthentication.response(MessageType.SCCCN,
                "s3cret".getBytes(java.nio.charset.StandardCharsets.UTF_8), challenge)));
        assertEquals(TunnelState.ESTABLISHED, t.state);
        assertTrue(f.events.contains("tunnel-up"));
        assertNotNull(t.data, "the data path is attached");
    }

    @Test
    @Row(table = "7.2.1", state = "WAIT_CTL_CONN", event = "RX_SCCCN_NOT_ACCEPTABLE")
    void waitCtlConnWrongChallengeResponseSendsStopCcn() {
        FsmHarness f = new FsmHarness("secret", "s3cret");
        f.fsm.onTunnelZero(FsmHarness.PEER, FsmHarness.sccrq(77).withSequence(0, 0));
        Tunnel t = f.tunnel();
        f.sent(t);
        f.peerSeq.get(t)[0] = 1;
        f.deliver(t, Messages.scccn(new byte[16]));
        ControlMessage stop = f.sentOne(t, MessageType.STOPCCN);
        assertEquals(StopCcnResult.NOT_AUTHORIZED.code(), result(stop));
        assertEquals(TunnelState.CLOSING, t.state);
    }

    @Test
    @Row(table = "7.2.1", state = "WAIT_CTL_CONN", event = "RX_SCCRQ")
    @Row(table = "7.2.1", state = "WAIT_CTL_CONN", event = "RX_SCCRP")
    void waitCtlConnSccrqOrSccrpSendsStopCcn() {
        Tunnel t = h.responder();
        h.deliver(t, FsmHarness.sccrq(77));
        stopCcnSent(t, StopCcnResult.FSM_ERROR);
        FsmHarness f = new FsmHarness();
        Tunnel u = f.responder();
        f.deliver(u, FsmHarness.sccrp(77));
        assertEquals(StopCcnResult.FSM_ERROR.code(), result(f.sentOne(u, MessageType.STOPCCN)));
    }

    // ---------------------------------------------------------------- established

    @Test
    @Row(table = "7.2.1", state = "ESTABLISHED", event = "LOCAL_OPEN")
    void establishedNewCallGetsTheTunnelOpenEventAtOnce() {
        Tunnel t = h.establishedInitiator();
        Session s = h.lacIncoming(t);
        assertEquals(org.l2tp.api.SessionState.WAIT_REPLY, s.state);
        h.sentOne(t, MessageType.ICRQ);
    }

    @Test
    @Row(table = "7.2.1", state = "ESTABLISHED", event = "ADMIN_CLOSE")
    void establishedAdminCloseSendsStopCcnAndHolds() {
        Tunnel t = h.establishedResponder();
        h.fsm.close(t, 1, 0, "operator");
        stopCcnSent(t, StopCcnResult.GENERAL_REQUEST);
        assertTrue(h.events.contains("tunnel-down 1"));
        assertTrue(h.events.contains("data-tunnel-closed"));
    }

    @Test
    @Row(table = "7.2.1", state = "ESTABLISHED", event = "RX_SCCRQ")
    @Row(table = "7.2.1", state = "ESTABLISHED", event = "RX_SCCRP")
    @Row(table = "7.2.1", state = "ESTABLISHED", event = "RX_SCCCN")
    void establishedSccrqSccrpOrScccnSendsStopCcn() {
        for (ControlMessage m : List.of(FsmHarness.sccrq(77), FsmHarness.sccrp(77),
                ControlMessage.of(MessageType.SCCCN))) {
            FsmHarness f = new FsmHarness();
            Tunnel t = f.establishedResponder();
            f.deliver(t, m);
            assertEquals(StopCcnResult.FSM_ERROR.code(), result(f.sentOne(t, MessageType.STOPCCN)), "" + m);
            assertEquals(TunnelState.CLOSING, t.state);
        }
    }

    @Test
    @Row(table = "7.2.1", state = "ESTABLISHED", event = "RX_HELLO")
    void establishedHelloIsOnlyAcknowledged() {
        Tunnel t = h.establishedResponder();
        h.deliver(t, Messages.hello());
        assertEquals(TunnelState.ESTABLISHED, t.state);
        h.nothingSent(t);
    }

    @Test
    @Row(table = "7.2.1", state = "ESTABLISHED", event = "HELLO_DUE")
    void establishedSilenceSendsHello() {
        Tunnel t = h.establishedResponder();
        h.advance(59_900);
        h.nothingSent(t);
        h.advance(200);
        h.sentOne(t, MessageType.HELLO);
    }

    @Test
    @Row(table = "7.2.1", state = "ESTABLISHED", event = "RX_CALL_MESSAGE")
    void establishedCallMessagesGoToTheCallAutomaton() {
        Tunnel t = h.establishedResponder();
        h.lnsIncoming(t, 5);
        assertEquals(1, t.sessions.size());
    }

    // ---------------------------------------------------------------- closing

    @Test
    @Row(table = "7.2.1", state = "CLOSING", event = "HOLD_EXPIRED")
    void closingEndsAfterTheHoldPeriod() {
        Tunnel t = h.establishedResponder();
        h.deliver(t, Messages.stopCcn(77, 1, 0, "bye"));
        h.advance(4_900);
        assertEquals(TunnelState.CLOSING, t.state);
        h.advance(200);
        h.gone(t);
    }

    @Test
    @Row(table = "7.2.1", state = "CLOSING", event = "RX_SCCRQ")
    @Row(table = "7.2.1", state = "CLOSING", event = "RX_SCCRP")
    @Row(table = "7.2.1", state = "CLOSING", event = "RX_SCCCN")
    @Row(table = "7.2.1", state = "CLOSING", event = "RX_STOPCCN")
    @Row(table = "7.2.1", state = "CLOSING", event = "RX_HELLO")
    @Row(table = "7.2.1", state = "CLOSING", event = "RX_CALL_MESSAGE")
    @Row(table = "7.2.1", state = "CLOSING", event = "ADMIN_CLOSE")
    @Row(table = "7.2.1", state = "CLOSING", event = "RX_SCCRP_ACCEPTABLE")
    @Row(table = "7.2.1", state = "CLOSING", event = "RX_SCCRP_NOT_ACCEPTABLE")
    @Row(table = "7.2.1", state = "CLOSING", event = "RX_SCCCN_ACCEPTABLE")
    @Row(table = "7.2.1", state = "CLOSING", event = "RX_SCCCN_NOT_ACCEPTABLE")
    @Row(table = "7.2.1", state = "CLOSING", event = "PORT_UNREACHABLE")
    void closingOnlyAcknowledges() {
        Tunnel t = h.establishedResponder();
        h.deliver(t, Messages.stopCcn(77, 1, 0, "bye"));
        for (ControlMessage m : List.of(FsmHarness.sccrq(77), FsmHarness.sccrp(77),
                ControlMessage.of(MessageType.SCCCN), Messages.stopCcn(77, 1, 0, "again"), Messages.hello(),
                Messages.icrq(5, 1, null, false))) {
            h.deliver(t, m);
        }
        h.fsm.close(t, 1, 0, "operator");
        h.fsm.portUnreachable(t);
        assertEquals(TunnelState.CLOSING, t.state);
        h.nothingSent(t);
        // The classified events a closing tunnel can meet have their rows too.
        for (TunnelFsm.Event e : List.of(TunnelFsm.Event.RX_SCCRP_ACCEPTABLE, TunnelFsm.Event.RX_SCCRP_NOT_ACCEPTABLE,
                TunnelFsm.Event.RX_SCCCN_ACCEPTABLE, TunnelFsm.Event.RX_SCCCN_NOT_ACCEPTABLE)) {
            assertEquals(TunnelState.CLOSING, TunnelFsm.TABLE.row(TunnelState.CLOSING, e).to());
        }
    }

    // ---------------------------------------------------------------- around the table

    @Test
    void aMalformedMessageFromThePeerClosesWithTheDecodersStopCcn() throws Exception {
        Tunnel t = h.establishedResponder();
        L2tpDecodeException e = assertThrows(L2tpDecodeException.class, () -> org.l2tp.codec.L2tpDecoder.decode(
                org.l2tp.codec.L2tpEncoder.encode(ControlMessage.of(MessageType.HELLO, Avp.raw(9, 99, true,
                        new byte[] {1})).withIds(t.localId, 0).withSequence(1, 1), null), 0, 30, null));
        h.fsm.malformed(t, t.peer, e);
        assertEquals(TunnelState.CLOSING, t.state);
        h.fsm.malformed(t, new java.net.InetSocketAddress(t.peer.getAddress(), 9999), e);
        assertEquals(1, h.protection.foreignSource, "from another port: counted, nothing else");
    }
}
