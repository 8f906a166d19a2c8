package org.l2tp.ppp.link;

import static org.l2tp.api.fsm.StateTable.in;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

import org.l2tp.api.aaa.AuthMethod;
import org.l2tp.api.aaa.AuthResult;
import org.l2tp.api.aaa.Authenticator;
import org.l2tp.api.aaa.SessionContext;
import org.l2tp.api.fsm.StateTable;
import org.l2tp.api.ppp.PppEnd;
import org.l2tp.api.ppp.PppSettings;
import org.l2tp.ppp.auth.AuthListener;
import org.l2tp.ppp.auth.AuthProtocols;
import org.l2tp.ppp.auth.AuthSide;
import org.l2tp.ppp.auth.AuthenticatorContext;
import org.l2tp.ppp.auth.ClientContext;
import org.l2tp.ppp.frame.ControlPacket;
import org.l2tp.ppp.frame.FrameException;
import org.l2tp.ppp.frame.PppFrame;
import org.l2tp.ppp.frame.Protocols;
import org.l2tp.ppp.fsm.Restart;
import org.l2tp.ppp.fsm.State;
import org.l2tp.ppp.lcp.IpcpConfig;
import org.l2tp.ppp.lcp.IpcpResult;
import org.l2tp.ppp.lcp.Ipcp;
import org.l2tp.ppp.lcp.Ipv6cp;
import org.l2tp.ppp.lcp.Ipv6cpResult;
import org.l2tp.ppp.lcp.Lcp;
import org.l2tp.ppp.lcp.LcpConfig;
import org.l2tp.ppp.lcp.LcpListener;
import org.l2tp.ppp.lcp.LcpResult;
import org.l2tp.ppp.lcp.NcpListener;

/**
 * One PPP link: the phases of RFC 1661 section 3.2 as a table ({@link #PHASES}), driving LCP, the authentication
 * protocols of both directions and the network control protocols (IPCP, IPv6CP). Everything runs on the link's
 * own thread (the engine's loop): frames, timers and AAA answers arrive there. What the link needs of the kernel
 * (a unit once authenticated, addresses once an NCP is up, tear-down) it asks of its {@link Io}.
 */
public final class PppLink {
    private static final Logger LOG = Logger.getLogger("org.l2tp.ppp");

    /** RFC 1661 section 3.2's phases. */
    public enum Phase { DEAD, ESTABLISH, AUTHENTICATE, NETWORK, TERMINATE }

    /** What moves a link from phase to phase. */
    public enum Event {
        /** The session's channel is attached: the lower layer is up. */
        START,
        /** LCP reached Opened (This-Layer-Up). */
        LCP_UP,
        /** LCP left Opened (This-Layer-Down) towards Closing or Stopping: the link terminates. */
        LCP_DOWN,
        /** LCP left Opened (This-Layer-Down) to negotiate again: a Configure-Request arrived in Opened. */
        LCP_RENEGOTIATE,
        /** LCP finished (This-Layer-Finished): no link any more. */
        LCP_FINISHED,
        /** Every authentication asked for, both directions, succeeded. */
        AUTH_OK,
        AUTH_FAILED,
        /** No network protocol is left running. */
        NCPS_FINISHED,
        /** The operator or the control plane ends the session, or a session timeout passed. */
        CLOSE,
        /** {@link #SETUP_DEADLINE_MS} passed without an authenticated link (a peer that never finishes). */
        SETUP_EXPIRED
    }

    /** How long a link may take from its start to its first authenticated Network phase, renegotiations included. */
    public static final long SETUP_DEADLINE_MS = 60_000;
    /** LCP renegotiations of one link that are followed; one more ends it (a peer looping costs AAA requests). */
    public static final int MAX_RENEGOTIATIONS = 3;

    /** The link's seam to the kernel's channel and unit (a pipe to another link in tests). */
    public interface Io {
        /** Sends a frame (protocol field first) on the channel: LCP and authentication. */
        void sendChannel(byte[] frame);

        /** Sends a frame of a network control protocol: on the unit once there is one. */
        void sendUnit(byte[] frame);

        /** The link is authenticated: create and connect the unit (the network interface). */
        void networkPhase(int mtu, int mru) throws java.io.IOException;

        /** IPCP is up: addresses on the interface, link up, IPv4 passes. */
        void ipv4Up(Inet4Address local, Inet4Address peer) throws java.io.IOException;

        /** IPv6CP is up: link-local addresses from the interface identifiers, IPv6 passes. */
        void ipv6Up(long localId, long peerId) throws java.io.IOException;

        /** IPCP left Opened: IPv4 must not pass (RFC 1661 section 3.4, 3.5: only LCP and authentication then). */
        default void ipv4Down() {
        }

        /** IPv6CP left Opened: IPv6 must not pass. */
        default void ipv6Down() {
        }

        /** The link is dead ({@code end} null: closed by us on request): release everything the link holds. */
        void ended(PppEnd end, String reason);

        /** The session's data counters now (the kernel's PPPIOCGL2TPSTATS); any thread. */
        default org.l2tp.api.dataplane.DataCounters counters() {
            return org.l2tp.api.dataplane.DataCounters.ZERO;
        }

        /** Seconds since the last data frame either way (the more recent of the two), or -1 when unknown. */
        default long idleSeconds() {
            return -1;
        }

        /** The network interface, or null; any thread. */
        default String interfaceName() {
            return null;
        }
    }

    /** The per-link context of the phase table's actions. */
    record Step(PppLink link, String reason) {
    }

    /** RFC 1661 section 3.2, "Link Phase Diagram", and the sections of each phase it cites. */
    public static final StateTable<Phase, Event, Step> PHASES = new StateTable<Phase, Event, Step>("RFC 1661 phases",
            Phase.class, Event.class)
            .row("3.2, 3.3", in(Phase.DEAD), Event.START, "LCP Up and Open", Phase.ESTABLISH,
                    s -> s.link.establish())
            .row("3.4, 3.5", in(Phase.ESTABLISH), Event.LCP_UP,
                    "start the authentication each side asked for; none asked: AUTH_OK", Phase.AUTHENTICATE,
                    s -> s.link.authenticate())
            .row("3.5", in(Phase.AUTHENTICATE), Event.AUTH_OK, "create the unit, Up and Open every NCP",
                    Phase.NETWORK, s -> s.link.network())
            .row("3.5; RFC 1994 section 2.2", in(Phase.AUTHENTICATE, Phase.NETWORK), Event.AUTH_FAILED,
                    "LCP Close (in Network: a failed rechallenge)", Phase.TERMINATE, s -> s.link.terminate(s.reason))
            .row("3.7", in(Phase.AUTHENTICATE, Phase.NETWORK), Event.LCP_DOWN,
                    "stop authentication, NCPs Down", Phase.TERMINATE, s -> s.link.lcpDown())
            .row("3.2, 3.4", in(Phase.AUTHENTICATE, Phase.NETWORK), Event.LCP_RENEGOTIATE,
                    "stop authentication, NCPs Down; LCP negotiates again, then authentication runs again; more "
                            + "than " + MAX_RENEGOTIATIONS + " times: LCP Close", Phase.ESTABLISH,
                    s -> s.link.renegotiate())
            .row("3.2", in(Phase.ESTABLISH, Phase.AUTHENTICATE), Event.SETUP_EXPIRED,
                    "LCP Close: no authenticated link within the set-up deadline", Phase.TERMINATE,
                    s -> s.link.terminate(s.reason))
            .row("3.6, 3.7", in(Phase.NETWORK), Event.NCPS_FINISHED, "LCP Close", Phase.TERMINATE,
                    s -> s.link.terminate(s.reason))
            .row("3.7", in(Phase.ESTABLISH, Phase.AUTHENTICATE, Phase.NETWORK), Event.CLOSE, "LCP Close",
                    Phase.TERMINATE, s -> s.link.terminate(s.reason))
            .row("3.7", in(Phase.TERMINATE), Event.LCP_DOWN, "NCPs Down", Phase.TERMINATE,
                    s -> s.link.ncpsDown())
            .row("3.7, 3.2", in(Phase.ESTABLISH, Phase.AUTHENTICATE, Phase.NETWORK, Phase.TERMINATE),
                    Event.LCP_FINISHED, "lower layer Down: release the channel and unit", Phase.DEAD,
                    s -> s.link.dead(s.reason))
            .deviation("3.7", in(Phase.TERMINATE), Event.CLOSE, "nothing: already terminating", Phase.TERMINATE,
                    s -> { }, "not in the RFC's diagram: a second close while the first runs")
            .deviation("3.2", in(Phase.DEAD), Event.CLOSE, "release what is held", Phase.DEAD,
                    s -> s.link.dead(s.reason), "not in the RFC's diagram: a close before the link started")
            .deviation("3.5", in(Phase.TERMINATE, Phase.DEAD),
                    Event.AUTH_FAILED, "nothing: a late answer", null, s -> { },
                    "an AAA answer that arrives after the link left Authenticate")
            .deviation("3.5", in(Phase.NETWORK, Phase.TERMINATE, Phase.DEAD), Event.AUTH_OK,
                    "nothing: a late answer", null, s -> { },
                    "an AAA answer that arrives after the link left Authenticate");

    private final PppSettings settings;
    private final boolean lns;
    private final Io io;
    private final Timers timers;
    private final Executor loop;
    private final RandomGenerator random;
    private final Authenticator aaa;
    private final SessionContext session;
    private final String name;
    private final Lcp lcp;
    private Phase phase = Phase.DEAD;
    private AuthSide authenticator;
    private AuthSide client;
    private boolean peerAuthenticated;
    private boolean selfAuthenticated;
    private AuthMethod authMethod;
    private String user;
    private String selfName;
    private AuthResult authResult;
    private Ipcp ipcp;
    private Ipv6cp ipv6cp;
    private volatile Inet4Address peerAddress;
    private Inet4Address localAddress;
    private Ipv6cpResult ipv6;
    private PppEnd cause;
    private String causeText;
    private Timers.Timer sessionTimer;
    private Timers.Timer idleTimer;
    /** The timeouts in force (AAA's, then a CoA's), seconds; 0 for none. */
    private volatile int sessionTimeoutS;
    private volatile int idleTimeoutS;
    /** When the Network phase began (monotonic ms): the session timeout counts from it. */
    private long networkMs;
    /** Where the peer's address came from, to give it back; null when it is not ours to give back. */
    private org.l2tp.api.ppp.AddressSource leasedFrom;
    /** The session as the AAA provider sees it once the network is up, for accounting; null before. */
    private Accounted accounted;
    private boolean ended;
    /** Closed on request (operator, control plane): the end is not reported as PPP's own. */
    private boolean requested;
    private Timers.Timer setupTimer;
    private int renegotiations;

    /**
     * @param lns     whether we are the LNS (the authenticator, and the one who assigns addresses)
     * @param aaa     who decides on the peer's credentials; null when {@code settings.require()} is empty
     * @param session the call, for the AAA provider
     */
    public PppLink(PppSettings settings, boolean lns, Io io, Timers timers, Executor loop, RandomGenerator random,
                   Authenticator aaa, SessionContext session) {
        this.settings = settings;
        this.lns = lns;
        this.io = io;
        this.timers = timers;
        this.loop = loop;
        this.random = random;
        this.aaa = aaa;
        this.session = session;
        this.name = "PPP " + session.localTunnelId() + "/" + session.localSessionId();
        int mru = settings.mru() > 0 ? settings.mru() : 1500;
        this.lcp = new Lcp(new LcpConfig(mru, settings.require(), Set.copyOf(settings.allow().isEmpty()
                ? EnumSet.noneOf(AuthMethod.class) : EnumSet.copyOf(settings.allow())), settings.echoIntervalS(),
                settings.echoFailures(), Restart.DEFAULT), sender(true), timers, random, new LcpListener() {
                    @Override
                    public void up(LcpResult r) {
                        fire(Event.LCP_UP, null);
                    }

                    @Override
                    public void down() {
                        // The automaton is already in its new state: negotiating again, or terminating.
                        State st = lcp.state();
                        fire(st == State.REQ_SENT || st == State.ACK_RCVD || st == State.ACK_SENT
                                ? Event.LCP_RENEGOTIATE : Event.LCP_DOWN, "LCP down");
                    }

                    @Override
                    public void finished(String reason) {
                        lcpFinished(reason);
                    }

                    @Override
                    public void protocolRejected(int protocol) {
                        ncpRejected(protocol);
                    }
                });
    }

    /** The lower layer is up: LCP starts (RFC 1661 section 3.3). Call on the link's thread. */
    public void start() {
        fire(Event.START, null);
    }

    /** Ends the link on request (RFC 1661 section 3.7): LCP Terminate-Request, then the link is released. */
    public void close(String reason) {
        if (cause == null && causeText == null) {
            requested = true;
            causeText = reason;
        }
        fire(Event.CLOSE, reason);
    }

    /**
     * Ends the link now, without waiting for the peer's Terminate-Ack: one Terminate-Request is sent if LCP is
     * opened, then everything is released. For the control plane's tear-down, whose socket closes right after.
     */
    public void abort(String reason) {
        if (ended) {
            return;
        }
        if (lcp.state() == State.OPENED) {
            lcp.close(reason);
        }
        phase = Phase.DEAD;
        release(null, reason);
    }

    /** The channel or unit went away under the link (the session was deleted in the kernel): a hangup. */
    public void lost(String reason) {
        if (!ended) {
            release(cause != null ? cause : PppEnd.HANGUP, reason);
        }
    }

    /** Something failed that the link cannot recover from (a bug, a kernel call): end it, reported as fatal. */
    public void fail(PppEnd end, String reason) {
        if (!ended) {
            release(end, reason);
        }
    }

    /** One frame from the channel or the unit, protocol field first. */
    public void receive(byte[] bytes) {
        if (ended) {
            return;
        }
        PppFrame frame;
        try {
            frame = PppFrame.decode(bytes, bytes.length);
        } catch (FrameException e) {
            debug(() -> "dropped a frame: " + e.getMessage());
            return;
        }
        int protocol = frame.protocol();
        if (protocol == Protocols.LCP) {
            packet(frame).ifPresent(lcp::receive);
            return;
        }
        // RFC 1661 section 3.4: only LCP while the link is established; 3.5: LCP and authentication while it
        // authenticates. Anything else is silently discarded in those phases.
        switch (phase) {
            case AUTHENTICATE -> {
                if (protocol == Protocols.PAP || protocol == Protocols.CHAP) {
                    packet(frame).ifPresent(p -> authPacket(protocol, p));
                }
            }
            case NETWORK -> {
                switch (protocol) {
                    case Protocols.PAP, Protocols.CHAP -> packet(frame).ifPresent(p -> authPacket(protocol, p));
                    case Protocols.IPCP -> packet(frame).ifPresent(p -> {
                        if (ipcp != null) {
                            ipcp.receive(p);
                        }
                    });
                    case Protocols.IPV6CP -> packet(frame).ifPresent(p -> {
                        if (ipv6cp != null) {
                            ipv6cp.receive(p);
                        } else {
                            lcp.sendProtocolReject(protocol, frame.payload());
                        }
                    });
                    // IP reaches userspace only before NPMODE is PASS: nothing to answer.
                    case Protocols.IPV4, Protocols.IPV6 -> { }
                    // CCP and anything else: "rejected politely" with LCP Protocol-Reject (RFC 1661 section 5.7).
                    default -> lcp.sendProtocolReject(protocol, frame.payload());
                }
            }
            default -> { }
        }
    }

    private java.util.Optional<ControlPacket> packet(PppFrame frame) {
        byte[] p = frame.payload();
        try {
            ControlPacket c = ControlPacket.decode(p, 0, p.length);
            debug(() -> "rcvd " + Protocols.name(frame.protocol()) + " " + c);
            return java.util.Optional.of(c);
        } catch (FrameException e) {
            // RFC 1661 section 5: a packet with a bad Length is silently discarded.
            debug(() -> "dropped " + Protocols.name(frame.protocol()) + ": " + e.getMessage());
            return java.util.Optional.empty();
        }
    }

    /**
     * Both directions share the protocol number: the code tells whose packet it is. PAP (RFC 1334 section 2.2):
     * Authenticate-Request goes to the authenticator, Ack and Nak to the client. CHAP and MS-CHAPv2 (RFC 1994
     * section 4): Response goes to the authenticator, Challenge, Success and Failure to the client.
     */
    private void authPacket(int protocol, ControlPacket p) {
        boolean toAuthenticator = protocol == Protocols.PAP ? p.code() == 1 : p.code() == 2;
        AuthMethod m = toAuthenticator ? lcp.result().peerAuth() : lcp.result().ownAuth();
        AuthSide target = toAuthenticator ? authenticator : client;
        // Each direction may use its own method: a packet of the other protocol is not this side's.
        if (target != null && m != null && (m == AuthMethod.PAP) == (protocol == Protocols.PAP)) {
            target.receive(p);
        }
    }

    private void fire(Event event, String reason) {
        StateTable.Row<Phase, Event, Step> row = PHASES.row(phase, event);
        if (row == null) {
            debug(() -> "no row for " + phase + " + " + event + ": ignored");
            return;
        }
        Phase from = phase;
        if (row.to() != null) {
            phase = row.to();
        }
        if (from != phase) {
            debug(() -> "phase " + from + " -> " + phase + " (" + event + ")");
        }
        row.run().accept(new Step(this, reason));
    }

    // ---- the phase table's actions

    private void establish() {
        setupTimer = timers.schedule(SETUP_DEADLINE_MS, () -> {
            setupTimer = null;
            if (cause == null) {
                cause = PppEnd.NEGOTIATION_FAILED;
                causeText = "PPP: no authenticated link after " + SETUP_DEADLINE_MS / 1000 + " s";
            }
            fire(Event.SETUP_EXPIRED, causeText);
        });
        lcp.lowerUp();
        lcp.open();
    }

    private void authenticate() {
        LcpResult r = lcp.result();
        AuthMethod peerAuth = r.peerAuth();
        AuthMethod ownAuth = r.ownAuth();
        authenticator = null;
        client = null;
        peerAuthenticated = peerAuth == null;
        selfAuthenticated = ownAuth == null;
        if (peerAuth != null) {
            authMethod = peerAuth;
            authenticator = AuthProtocols.authenticator(peerAuth, new AuthenticatorContext(localName(), aaa, session,
                    sender(true), timers, loop, random, new AuthListener() {
                        @Override
                        public void succeeded(String name, AuthResult result) {
                            if (user != null && !user.equals(name)) {
                                // A renegotiated link that authenticates as someone else: a new identity takes
                                // a new call (the address, timers and accounting are the first one's).
                                close(PppEnd.PEER_AUTH_FAILED, "PPP: re-authenticated as another user");
                                return;
                            }
                            user = name;
                            authResult = result;
                            peerAuthenticated = true;
                            LOG.info(() -> PppLink.this.name + ": peer authenticated as " + printable(name) + " ("
                                    + peerAuth.key() + ")");
                            authDone();
                        }

                        @Override
                        public void failed(String why) {
                            cause = PppEnd.PEER_AUTH_FAILED;
                            causeText = "PPP authentication of the peer failed: " + why;
                            fire(Event.AUTH_FAILED, causeText);
                        }
                    }, 3000, 10, 30_000));
            authenticator.start();
        }
        if (ownAuth != null) {
            if (authMethod == null) {
                authMethod = ownAuth;
            }
            client = AuthProtocols.client(ownAuth, new ClientContext(localName(), settings.localPassword() == null
                    ? "" : settings.localPassword(), sender(true), timers, new AuthListener() {
                        @Override
                        public void succeeded(String name, AuthResult result) {
                            selfAuthenticated = true;
                            selfName = localName();
                            authDone();
                        }

                        @Override
                        public void failed(String why) {
                            cause = PppEnd.AUTH_TO_PEER_FAILED;
                            causeText = "PPP authentication to the peer failed: " + why;
                            fire(Event.AUTH_FAILED, causeText);
                        }
                    }, 3000, 10));
            client.start();
        }
        authDone();
    }

    private void authDone() {
        if (peerAuthenticated && selfAuthenticated && phase == Phase.AUTHENTICATE) {
            fire(Event.AUTH_OK, null);
        }
    }

    private void network() {
        if (setupTimer != null) {
            setupTimer.cancel();
            setupTimer = null;
        }
        LcpResult r = lcp.result();
        int mtu = settings.mtu() > 0 ? Math.min(settings.mtu(), r.peerMru()) : r.peerMru();
        if (authResult != null && authResult.mtu() > 0) {
            mtu = Math.min(mtu, Math.max(64, authResult.mtu())); // RADIUS Framed-MTU (RFC 2865 section 5.12)
        }
        try {
            localAddress = settings.localAddress() == null ? null : v4(settings.localAddress());
            if (lns && peerAddress == null) {
                String why = assignAddress();
                if (why != null) {
                    close(PppEnd.NO_ADDRESS, why);
                    return;
                }
            }
            io.networkPhase(mtu, r.localMru());
        } catch (java.io.IOException | IllegalArgumentException e) {
            close(PppEnd.FATAL, "cannot set up the PPP unit: " + e.getMessage());
            return;
        }
        if (networkMs == 0 && authResult != null) {
            // Once per link: a renegotiation keeps the first Network phase's clock (the session goes on).
            networkMs = Math.max(1, timers.nowMs());
            applyTimeouts(authResult.sessionTimeoutS(), authResult.idleTimeoutS());
        }
        List<Inet4Address> dns = new ArrayList<>();
        for (String d : settings.dns()) {
            dns.add(v4(d));
        }
        IpcpConfig ic = lns
                ? new IpcpConfig(localAddress, peerAddress, dns.size() > 0 ? dns.get(0) : null,
                        dns.size() > 1 ? dns.get(1) : null, false)
                : new IpcpConfig(null, null, null, null, true);
        ipcp = new Ipcp(ic, sender(false), timers, Restart.DEFAULT, new NcpListener<>() {
            @Override
            public void up(IpcpResult result) {
                if (result.local() == null || result.peer() == null || result.local().isAnyLocalAddress()
                        || result.local().equals(result.peer())) {
                    close(PppEnd.NEGOTIATION_FAILED, "IPCP: no usable addresses (" + result.local() + ", "
                            + result.peer() + ")");
                    return;
                }
                localAddress = result.local();
                if (!lns) {
                    peerAddress = result.peer();
                }
                try {
                    io.ipv4Up(result.local(), result.peer());
                    LOG.info(() -> name + ": IPCP up, " + result.local().getHostAddress() + " <-> "
                            + result.peer().getHostAddress() + (user != null ? ", user " + printable(user) : ""));
                    accountingStart();
                } catch (java.io.IOException e) {
                    close(PppEnd.FATAL, "cannot configure IPv4 on the PPP interface: " + e.getMessage());
                }
            }

            @Override
            public void down() {
                io.ipv4Down();
            }

            @Override
            public void finished(String reason) {
                io.ipv4Down();
                ncpFinished("IPCP: " + reason);
            }
        });
        ipcp.lowerUp();
        ipcp.open();
        if (settings.ipv6()) {
            ipv6cp = new Ipv6cp(sender(false), timers, random, Restart.DEFAULT, new NcpListener<>() {
                @Override
                public void up(Ipv6cpResult result) {
                    ipv6 = result;
                    try {
                        io.ipv6Up(result.localId(), result.peerId());
                        accountingStart();
                    } catch (java.io.IOException e) {
                        LOG.warning(name + ": cannot configure IPv6 on the PPP interface: " + e.getMessage());
                    }
                }

                @Override
                public void down() {
                    io.ipv6Down();
                }

                @Override
                public void finished(String reason) {
                    io.ipv6Down();
                    ncpFinished("IPv6CP: " + reason);
                }
            });
            ipv6cp.lowerUp();
            ipv6cp.open();
        }
    }

    /**
     * The peer's address: the one AAA gave (kept in the pool it falls in, so no other session gets it), or one from
     * the pool AAA named (Framed-Pool: a PPP profile's), or from the profile's pool. Returns why there is none, or
     * null when {@link #peerAddress} is set.
     */
    private String assignAddress() {
        org.l2tp.api.ppp.AddressSource pool = settings.pool();
        if (authResult != null && authResult.address() != null) {
            if (org.l2tp.api.aaa.AuthResult.PEER_CHOOSES.equals(authResult.address())) {
                // RFC 2865 section 5.8 lets the peer pick its address; we do not: a route to an address of its
                // choice could take another subscriber's or a server's (RADIUS, DNS) traffic. It gets one of
                // the pool's, as for 255.255.255.254.
                debug(() -> "Framed-IP-Address 255.255.255.255: an address from the pool instead");
                return leaseFrom(pool);
            }
            Inet4Address a = v4(authResult.address());
            if (pool != null && pool.contains(a.getHostAddress())) {
                if (!pool.reserve(a.getHostAddress())) {
                    return "the address " + a.getHostAddress() + " the AAA server gave is in use";
                }
                leasedFrom = pool;
            }
            if (a.equals(localAddress)) {
                return "the address " + a.getHostAddress() + " the AAA server gave is our own";
            }
            peerAddress = a;
            return null;
        }
        if (authResult != null && authResult.pool() != null) {
            pool = settings.pools().apply(authResult.pool());
            if (pool == null) {
                return "the AAA server named pool '" + printable(authResult.pool()) + "': no PPP profile has it";
            }
        }
        return leaseFrom(pool);
    }

    private String leaseFrom(org.l2tp.api.ppp.AddressSource pool) {
        if (pool == null) {
            return "no address for the peer: the profile has no pool";
        }
        String a = pool.lease();
        if (a == null) {
            return "no address for the peer: the pool is exhausted";
        }
        leasedFrom = pool;
        peerAddress = v4(a);
        return null;
    }

    // ---- timeouts and accounting (RFC 2865 Session-Timeout, Idle-Timeout; RFC 5176 CoA changes them)

    /** New timeouts from now on; 0 removes one, a negative value leaves it. On the loop. */
    private void applyTimeouts(int sessionS, int idleS) {
        if (ended) {
            return;
        }
        if (sessionS >= 0) {
            sessionTimeoutS = sessionS;
            if (sessionTimer != null) {
                sessionTimer.cancel();
                sessionTimer = null;
            }
            if (sessionS > 0) {
                long left = networkMs + sessionS * 1000L - timers.nowMs();
                Runnable expire = () -> close(PppEnd.CONNECT_TIME, "session timeout (" + sessionS + " s)");
                if (left <= 0) {
                    expire.run();
                    return;
                }
                sessionTimer = timers.schedule(left, expire);
            }
        }
        if (idleS >= 0) {
            idleTimeoutS = idleS;
            if (idleTimer != null) {
                idleTimer.cancel();
                idleTimer = null;
            }
            if (idleS > 0) {
                idleTimer = timers.schedule(idleS * 1000L, this::checkIdle);
            }
        }
    }

    /** The idle timer: ends the link when no data frame went either way for the idle timeout, else looks again. */
    private void checkIdle() {
        idleTimer = null;
        int limit = idleTimeoutS;
        if (ended || limit <= 0) {
            return;
        }
        long idle = io.idleSeconds();
        if (idle >= limit) {
            close(PppEnd.IDLE, "idle for " + idle + " s (idle timeout " + limit + " s)");
            return;
        }
        // Unknown (no unit yet): look again after a whole period.
        long next = idle < 0 ? limit : limit - idle;
        idleTimer = timers.schedule(Math.max(1, next) * 1000L, this::checkIdle);
    }

    /** The first NCP is up on a link an AAA provider accepted: its accounting starts (once per link). */
    private void accountingStart() {
        if (accounted != null || aaa == null || authResult == null || user == null || ended) {
            return;
        }
        accounted = new Accounted(user, authMethod, java.time.Instant.now());
        try {
            aaa.sessionStarted(accounted);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + ": the AAA provider failed on the session's start", e);
        }
    }

    private void accountingStop(PppEnd end, String reason) {
        Accounted a = accounted;
        if (a == null) {
            return;
        }
        a.last = io.counters();
        a.over = true;
        try {
            aaa.sessionEnded(a, end, reason);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, name + ": the AAA provider failed on the session's end", e);
        }
    }

    /** The link as its AAA provider sees it: read from any thread, changed on the link's loop. */
    private final class Accounted implements org.l2tp.api.aaa.AaaSession {
        private final String user;
        private final AuthMethod method;
        private final java.time.Instant started;
        private volatile org.l2tp.api.dataplane.DataCounters last = org.l2tp.api.dataplane.DataCounters.ZERO;
        private volatile boolean over;

        Accounted(String user, AuthMethod method, java.time.Instant started) {
            this.user = user;
            this.method = method;
            this.started = started;
        }

        @Override
        public SessionContext context() {
            return session;
        }

        @Override
        public String user() {
            return user;
        }

        @Override
        public AuthMethod method() {
            return method;
        }

        @Override
        public String peerAddress() {
            Inet4Address a = PppLink.this.peerAddress;
            return a == null ? null : a.getHostAddress();
        }

        @Override
        public String interfaceName() {
            return io.interfaceName();
        }

        @Override
        public java.time.Instant started() {
            return started;
        }

        @Override
        public org.l2tp.api.dataplane.DataCounters counters() {
            return over ? last : io.counters();
        }

        @Override
        public int sessionTimeoutS() {
            return sessionTimeoutS;
        }

        @Override
        public int idleTimeoutS() {
            return idleTimeoutS;
        }

        @Override
        public void setTimeouts(int sessionS, int idleS) {
            loop.execute(() -> applyTimeouts(sessionS, idleS));
        }

        @Override
        public String toString() {
            return name + " user " + printable(user);
        }
    }

    private void ncpFinished(String reason) {
        boolean v4 = ipcp == null || !running(ipcp.state());
        boolean v6 = ipv6cp == null || !running(ipv6cp.state());
        if (v4 && v6 && PHASES.row(phase, Event.NCPS_FINISHED) != null) {
            cause = cause != null ? cause : PppEnd.NEGOTIATION_FAILED;
            causeText = causeText != null ? causeText : "no network protocol is running (" + reason + ")";
            fire(Event.NCPS_FINISHED, causeText);
        }
    }

    private static boolean running(State s) {
        return s != State.INITIAL && s != State.CLOSED && s != State.STOPPED && s != State.STARTING;
    }

    private void ncpRejected(int protocol) {
        // RFC 1661 section 5.7: a Protocol-Reject of an NCP stops that NCP (its RXJ-).
        if (protocol == Protocols.IPV6CP && ipv6cp != null) {
            debug(() -> "peer rejects IPv6CP: IPv4 only");
            Ipv6cp n = ipv6cp;
            ipv6cp = null;
            n.lowerDown();
            ncpFinished("IPv6CP rejected by the peer");
        } else if (protocol == Protocols.IPCP && ipcp != null) {
            Ipcp n = ipcp;
            ipcp = null;
            n.lowerDown();
            ncpFinished("IPCP rejected by the peer");
        }
    }

    private void close(PppEnd end, String reason) {
        if (cause == null) {
            cause = end;
            causeText = reason;
        }
        fire(Event.CLOSE, reason);
    }

    private void terminate(String reason) {
        stopAuth();
        lcp.close(reason == null ? "closed" : reason);
    }

    /**
     * LCP left Opened: the peer sent Terminate-Request or our echo found it dead (This-Layer-Finished follows and
     * says why), or the peer renegotiates (a retransmitted Configure-Request crossing our Ack is enough on a loaded
     * link): authentication and the NCPs start over once LCP is up again, on the same unit and addresses.
     */
    private void lcpDown() {
        stopAuth();
        ncpsDown();
    }

    private void renegotiate() {
        lcpDown();
        if (++renegotiations > MAX_RENEGOTIATIONS) {
            close(PppEnd.HANGUP, "PPP: the peer renegotiated LCP " + renegotiations + " times");
        }
    }

    private void ncpsDown() {
        io.ipv4Down();
        io.ipv6Down();
        if (ipcp != null) {
            ipcp.lowerDown();
        }
        if (ipv6cp != null) {
            ipv6cp.lowerDown();
        }
    }

    private void stopAuth() {
        if (authenticator != null) {
            authenticator.stop();
        }
        if (client != null) {
            client.stop();
        }
    }

    private void lcpFinished(String reason) {
        if (cause == null && !requested) {
            // Not closed by us: the peer terminated, LCP gave up, or the echo found the peer dead.
            String r = reason == null ? "" : reason;
            // Our own texts (Lcp): the peer's Terminate-Request text comes after "peer sent Terminate-Request".
            if (r.startsWith("peer not answering LCP Echo")) {
                cause = PppEnd.PEER_DEAD;
            } else if (r.startsWith("LCP: looped-back")) {
                cause = PppEnd.LOOPBACK;
            } else if (phase == Phase.ESTABLISH) {
                cause = PppEnd.NEGOTIATION_FAILED;
            } else {
                cause = PppEnd.HANGUP;
            }
            causeText = "PPP: " + r;
        }
        fire(Event.LCP_FINISHED, causeText);
    }

    private void dead(String reason) {
        release(cause, causeText != null ? causeText : reason);
    }

    private void release(PppEnd end, String reason) {
        if (ended) {
            return;
        }
        ended = true;
        stopAuth();
        if (sessionTimer != null) {
            sessionTimer.cancel();
        }
        if (idleTimer != null) {
            idleTimer.cancel();
        }
        if (setupTimer != null) {
            setupTimer.cancel();
        }
        ncpsDown();
        if (lcp.state() != State.INITIAL && lcp.state() != State.STARTING) {
            lcp.lowerDown();
        }
        accountingStop(end, reason);
        if (leasedFrom != null && peerAddress != null) {
            leasedFrom.release(peerAddress.getHostAddress());
            leasedFrom = null;
        }
        io.ended(end, reason);
    }

    // ---- what an operator sees

    public Phase phase() {
        return phase;
    }

    /** "LCP opened, IPCP opened, IPv6CP opened" and the like. */
    public String state() {
        StringBuilder b = new StringBuilder("LCP ").append(name(lcp.state()));
        if (phase == Phase.AUTHENTICATE) {
            b.append(", authenticating");
        }
        if (ipcp != null) {
            b.append(", IPCP ").append(name(ipcp.state()));
        }
        if (ipv6cp != null) {
            b.append(", IPv6CP ").append(name(ipv6cp.state()));
        }
        return b.toString();
    }

    private static String name(State s) {
        return s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The name the peer authenticated as; on a client that was not asked to check the peer: our own name. */
    public String user() {
        return user != null ? user : selfName;
    }

    public String authMethod() {
        return authMethod == null ? (phase == Phase.NETWORK ? "none" : null) : authMethod.key();
    }

    public Inet4Address localAddress() {
        return localAddress;
    }

    public Inet4Address peerAddress() {
        return peerAddress;
    }

    public boolean ipv4Up() {
        return ipcp != null && ipcp.state() == State.OPENED;
    }

    // ---- helpers

    private String localName() {
        return settings.localName() != null ? settings.localName() : HostName.NAME;
    }

    /** The host name, looked up once (it may ask DNS): never on a loop per link. */
    private static final class HostName {
        static final String NAME = lookup();

        private static String lookup() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "l2tpd";
            }
        }
    }

    /** A peer's text for our log: control characters (a forged new line) shown as '?', at most 64 characters. */
    static String printable(String s) {
        return org.l2tp.api.PeerText.printable(s, 64);
    }

    private PacketSender sender(boolean channel) {
        return (protocol, packet) -> {
            if (ended) {
                return;
            }
            debug(() -> "sent " + Protocols.name(protocol) + " " + packet);
            byte[] p = packet.encode();
            byte[] f = new byte[p.length + 2];
            f[0] = (byte) (protocol >> 8);
            f[1] = (byte) protocol;
            System.arraycopy(p, 0, f, 2, p.length);
            if (channel) {
                io.sendChannel(f);
            } else {
                io.sendUnit(f);
            }
        };
    }

    private static Inet4Address v4(String s) {
        try {
            InetAddress a = InetAddress.getByName(s);
            if (a instanceof Inet4Address v) {
                return v;
            }
        } catch (UnknownHostException e) {
            // below
        }
        throw new IllegalArgumentException("not an IPv4 address: " + s);
    }

    private void debug(java.util.function.Supplier<String> s) {
        if (settings.debug() && LOG.isLoggable(Level.INFO)) {
            LOG.info(name + ": " + s.get());
        }
    }
}
