package org.l2tp.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.l2tp.api.SessionInfo;
import org.l2tp.api.SessionState;
import org.l2tp.api.TunnelInfo;
import org.l2tp.api.TunnelState;
import org.l2tp.api.dataplane.DataCounters;
import org.l2tp.api.dataplane.DataSession;
import org.l2tp.api.dataplane.DataSessionListener;
import org.l2tp.api.dataplane.DataTunnel;
import org.l2tp.api.dataplane.SessionParameters;
import org.l2tp.codec.Avp;
import org.l2tp.codec.AvpType;
import org.l2tp.codec.ControlMessage;
import org.l2tp.codec.MessageType;

/**
 * One automaton driven by hand: a {@link ControlContext} with a virtual clock, no sockets and no threads. A test
 * plays the peer: it delivers messages (with the right Ns and Nr), moves the clock, and reads what the automaton
 * sent, where it is, and what it reported.
 */
final class FsmHarness implements ControlContext, ControlContext.Events {
    static final InetSocketAddress LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1701);
    static final InetSocketAddress PEER = new InetSocketAddress(address("192.0.2.1"), 1701);

    long clock = 1_000_000;
    final TimerQueue timers = new TimerQueue(() -> clock);
    DaemonConfig config;
    final PeerRegistry peers = new PeerRegistry();
    final Protection protection = new Protection(() -> clock);
    final TunnelRegistry registry = new TunnelRegistry(protection);
    final TunnelFsm fsm;
    boolean configured = true;
    String dataPlaneProblem;
    final Map<Tunnel, List<ControlMessage>> sent = new HashMap<>();
    final List<ControlMessage> stateless = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    /** Per tunnel: the peer's next Ns, and what it acknowledges (our next Ns it expects). */
    final Map<Tunnel, int[]> peerSeq = new HashMap<>();

    FsmHarness(String... keyValues) {
        Map<String, Object> p = new HashMap<>(Map.of("host.name", "us", "listen.address", "127.0.0.1",
                "dataplane", "null", "accept.unconfigured", "true", "hold.time", "5", "hello.interval", "60",
                "retransmit.initial.ms", "1000", "retransmit.max.ms", "4000", "retransmit.retries", "3",
                "ack.delay.ms", "0"));
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        try {
            config = DaemonConfig.from(p);
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
        fsm = new TunnelFsm(this);
    }

    private static InetAddress address(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------ ControlContext

    @Override
    public DaemonConfig config() {
        return config;
    }

    @Override
    public Scheduler scheduler() {
        return timers;
    }

    @Override
    public TunnelRegistry tunnels() {
        return registry;
    }

    @Override
    public PeerRegistry peers() {
        return peers;
    }

    @Override
    public Protection protection() {
        return protection;
    }

    @Override
    public InetSocketAddress localAddress() {
        return LOCAL;
    }

    @Override
    public boolean configured() {
        return configured;
    }

    @Override
    public void openSocket(Tunnel t) {
    }

    @Override
    public void repoint(Tunnel t, InetSocketAddress to) {
    }

    @Override
    public void closeSocket(Tunnel t) {
    }

    @Override
    public void transmit(Tunnel t, ControlMessage m) {
        sent.computeIfAbsent(t, k -> new ArrayList<>()).add(m);
    }

    @Override
    public void sendStateless(InetSocketAddress to, ControlMessage m) {
        stateless.add(m);
    }

    @Override
    public String dataPlaneProblem() {
        return dataPlaneProblem;
    }

    /** Who ended each call, in order. */
    final List<org.l2tp.api.SessionEnd> ends = new ArrayList<>();

    /** What each data session was created with. */
    final List<SessionParameters> dataSessions = new ArrayList<>();

    /** A data plane that records what it was asked to do. */
    @Override
    public void attachData(Tunnel t) {
        if (t.data != null || dataPlaneProblem != null) {
            return;
        }
        t.data = new DataTunnel() {
            @Override
            public DataSession createSession(SessionParameters p, DataSessionListener l) {
                events.add("data-session " + p.localSessionId());
                dataSessions.add(p);
                return new DataSession() {
                    @Override
                    public String interfaceName() {
                        return "l2tp" + p.localTunnelId() + "-" + p.localSessionId();
                    }

                    @Override
                    public void setAccm(long send, long receive) {
                        events.add("accm " + send + " " + receive);
                    }

                    @Override
                    public DataCounters counters() {
                        return DataCounters.ZERO;
                    }

                    @Override
                    public void close() {
                        events.add("data-session-closed " + p.localSessionId());
                    }
                };
            }

            @Override
            public DataCounters counters() {
                return DataCounters.ZERO;
            }

            @Override
            public void close() {
                events.add("data-tunnel-closed");
            }
        };
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public Events events() {
        return this;
    }

    @Override
    public void tunnelUp(Tunnel t) {
        events.add("tunnel-up");
    }

    @Override
    public void tunnelDown(Tunnel t, int result, String message, String how, boolean wasUp) {
        events.add((wasUp ? "tunnel-down " : "tunnel-failed ") + result);
    }

    @Override
    public void tunnelReplaced(Tunnel lost, Tunnel winner) {
        events.add("tunnel-replaced");
    }

    @Override
    public void sessionUp(Session s) {
        events.add("session-up");
    }

    @Override
    public void sessionDown(Session s, int result, String message, String how, boolean wasUp,
                            org.l2tp.api.SessionEnd end) {
        events.add((wasUp ? "session-down " : "session-failed ") + result);
        ends.add(end);
    }

    @Override
    public void sessionRefused(Tunnel t) {
        events.add("session-refused");
    }

    // ------------------------------------------------------------ driving

    /** Moves the virtual clock and fires what is due. */
    void advance(long ms) {
        long end = clock + ms;
        while (clock < end) {
            clock = Math.min(end, clock + 100);
            timers.runDue();
        }
    }

    /** What the automaton sent on {@code t} since the last call, ZLBs left out; the peer acknowledges it all. */
    List<ControlMessage> sent(Tunnel t) {
        List<ControlMessage> out = new ArrayList<>();
        for (ControlMessage m : sent.getOrDefault(t, List.of())) {
            if (!m.isZlb()) {
                out.add(m);
                seq(t)[1] = (m.ns() + 1) & 0xFFFF;
            }
        }
        sent.remove(t);
        return out;
    }

    /** The one message sent on {@code t} since the last call, which must be of {@code type}. */
    ControlMessage sentOne(Tunnel t, MessageType type) {
        List<ControlMessage> s = sent(t);
        assertEquals(1, s.size(), "one message sent: " + s);
        assertEquals(type, s.get(0).type(), "sent " + s);
        return s.get(0);
    }

    void nothingSent(Tunnel t) {
        assertEquals(List.of(), sent(t), "nothing sent");
    }

    private int[] seq(Tunnel t) {
        return peerSeq.computeIfAbsent(t, k -> new int[2]);
    }

    /** The peer's message on {@code t}: its next Ns, acknowledging all we sent. */
    void deliver(Tunnel t, ControlMessage m, int sessionId) {
        int[] s = seq(t);
        ControlMessage withSeq = m.withIds(t.localId, sessionId).withSequence(s[0], s[1]);
        s[0] = (s[0] + 1) & 0xFFFF;
        fsm.onMessage(t, t.peer, withSeq);
    }

    /** The peer's ZLB: it acknowledges all we sent (a ZLB takes no Ns). */
    void ack(Tunnel t) {
        int[] s = seq(t);
        fsm.onMessage(t, t.peer, ControlMessage.zlb(t.localId, 0, s[0], s[1]));
    }

    void deliver(Tunnel t, ControlMessage m) {
        deliver(t, m, 0);
    }

    Tunnel tunnel() {
        assertEquals(1, registry.size(), "one tunnel");
        return registry.all().iterator().next();
    }

    static ControlMessage sccrq(int peerTunnel) {
        return Messages.sccrq("peer", peerTunnel, 8, null, null);
    }

    /** The peer's SCCRQ arrives: a responder's tunnel in wait-ctl-conn. */
    Tunnel responder() {
        fsm.onTunnelZero(PEER, sccrq(77).withSequence(0, 0));
        Tunnel t = tunnel();
        seq(t)[0] = 1;
        assertEquals(TunnelState.WAIT_CTL_CONN, t.state);
        sentOne(t, MessageType.SCCRP);
        return t;
    }

    /** ... and its SCCCN: established. */
    Tunnel establishedResponder() {
        Tunnel t = responder();
        deliver(t, ControlMessage.of(MessageType.SCCCN));
        assertEquals(TunnelState.ESTABLISHED, t.state);
        events.clear();
        return t;
    }

    CompletableFuture<TunnelInfo> opened;

    /** We open a tunnel: wait-ctl-reply, SCCRQ sent. */
    Tunnel initiator() {
        opened = new CompletableFuture<>();
        try {
            fsm.open(PeerConfig.from(Map.of("name", "p", "address", "192.0.2.1"), config), opened);
        } catch (IOException | ConfigException e) {
            throw new AssertionError(e);
        }
        Tunnel t = tunnel();
        assertEquals(TunnelState.WAIT_CTL_REPLY, t.state);
        sentOne(t, MessageType.SCCRQ);
        return t;
    }

    static ControlMessage sccrp(int peerTunnel) {
        return Messages.sccrp("peer", peerTunnel, 8, null, null);
    }

    /** ... and the peer's SCCRP: established, SCCCN sent. */
    Tunnel establishedInitiator() {
        Tunnel t = initiator();
        deliver(t, sccrp(88));
        assertEquals(TunnelState.ESTABLISHED, t.state);
        sentOne(t, MessageType.SCCCN);
        events.clear();
        return t;
    }

    // ------------------------------------------------------------ calls

    /** The peer's ICRQ on an established tunnel (we are the LNS): a call in wait-connect, ICRP sent. */
    Session lnsIncoming(Tunnel t, int peerSession) {
        deliver(t, Messages.icrq(peerSession, 1, null, false));
        ControlMessage icrp = sentOne(t, MessageType.ICRP);
        Session s = t.sessions.get(icrp.u16(AvpType.ASSIGNED_SESSION_ID));
        assertNotNull(s);
        assertEquals(SessionState.WAIT_CONNECT, s.state);
        return s;
    }

    /** We place an incoming call (we are the LAC): wait-reply once the tunnel is up, ICRQ sent. */
    Session lacIncoming(Tunnel t) {
        CompletableFuture<SessionInfo> f = new CompletableFuture<>();
        fsm.sessions.open(t, null, f);
        Session s = t.sessions.values().stream().filter(x -> x.lac && !x.outgoing).reduce((a, b) -> b)
                .orElseThrow();
        s.opened = f;
        return s;
    }

    /** The peer's OCRQ (we are the LAC): OCRP and OCCN sent, established. */
    Session lacOutgoing(Tunnel t, int peerSession) {
        deliver(t, Messages.ocrq(peerSession, 1, "5551234", false));
        List<ControlMessage> s = sent(t);
        assertEquals(List.of(MessageType.OCRP, MessageType.OCCN), s.stream().map(ControlMessage::type).toList());
        return t.sessions.get(s.get(0).u16(AvpType.ASSIGNED_SESSION_ID));
    }

    /** We place an outgoing call (we are the LNS). */
    Session lnsOutgoing(Tunnel t) {
        fsm.sessions.open(t, "5551234", new CompletableFuture<>());
        return t.sessions.values().stream().filter(x -> !x.lac && x.outgoing).reduce((a, b) -> b).orElseThrow();
    }

    static ControlMessage icrp(int peerSession) {
        return ControlMessage.of(MessageType.ICRP, Avp.u16(AvpType.ASSIGNED_SESSION_ID, peerSession));
    }

    static ControlMessage ocrp(int peerSession) {
        return ControlMessage.of(MessageType.OCRP, Avp.u16(AvpType.ASSIGNED_SESSION_ID, peerSession));
    }

    static ControlMessage cdn(int peerSession) {
        return Messages.cdn(0, peerSession, 3, 0, "bye");
    }

    void gone(Tunnel t) {
        assertTrue(!registry.contains(t), "the tunnel is gone");
    }
}
