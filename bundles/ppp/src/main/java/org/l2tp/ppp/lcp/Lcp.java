package org.l2tp.ppp.lcp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

import org.l2tp.api.aaa.AuthMethod;
import org.l2tp.ppp.frame.ControlPacket;
import org.l2tp.ppp.frame.Option;
import org.l2tp.ppp.frame.Protocols;
import org.l2tp.ppp.fsm.ControlProtocol;
import org.l2tp.ppp.fsm.Layer;
import org.l2tp.ppp.fsm.Negotiator;
import org.l2tp.ppp.fsm.State;
import org.l2tp.ppp.fsm.Verdict;
import org.l2tp.ppp.link.PacketSender;
import org.l2tp.ppp.link.Timers;

/**
 * LCP on one link (RFC 1661 sections 5 and 6): MRU, Auth-Protocol and Magic-Number negotiated, ACCM acked,
 * everything else rejected; Echo keep-alives, loop detection, Protocol-Reject.
 */
public final class Lcp extends ProtocolHandle<LcpResult> {
    public static final int MRU = 1;
    public static final int ACCM = 2;
    public static final int AUTH = 3;
    public static final int MAGIC = 5;
    public static final int PFC = 7;
    public static final int ACFC = 8;

    public static final int PROTOCOL_REJECT = 8;
    public static final int ECHO_REQUEST = 9;
    public static final int ECHO_REPLY = 10;
    public static final int DISCARD_REQUEST = 11;

    /** RFC 1661 6.1's default. */
    public static final int DEFAULT_MRU = 1500;
    /** Smallest MRU we accept from a peer (our choice: the RFC sets none; smaller is Nak'd to this). */
    public static final int MIN_MRU = 64;

    static final int CHAP_MD5 = 5;
    static final int CHAP_MSCHAP_V2 = 0x81;
    /** The order we propose methods the peer may make us use, strongest first (a Set has none). */
    private static final List<AuthMethod> PROPOSAL_ORDER = List.of(AuthMethod.MSCHAP_V2, AuthMethod.CHAP_MD5,
            AuthMethod.PAP);

    private final LcpConfig config;
    private final PacketSender out;
    private final Timers timers;
    private final RandomGenerator random;
    private final LcpListener listener;

    // Our request.
    private boolean askMru;
    private int mru;
    private AuthMethod auth;
    private final Set<AuthMethod> refused = new HashSet<>();
    private boolean askMagic;
    private int magic;
    // What the peer acked of it.
    private int ackedMru = DEFAULT_MRU;
    private AuthMethod ackedAuth;
    private int ackedMagic;
    // The peer's last acked request.
    private int peerMru = DEFAULT_MRU;
    private AuthMethod ownAuth;
    private int peerMagic;
    /** Configure-Requests carrying our own Magic-Number (RFC 1661 6.4). */
    private int loops;

    private Timers.Timer echoTimer;
    private int echoOutstanding;
    private boolean echoRejected;

    public Lcp(LcpConfig config, PacketSender out, Timers timers, RandomGenerator random, LcpListener listener) {
        this.config = config;
        this.out = out;
        this.timers = timers;
        this.random = random;
        this.listener = listener;
        this.cp = new ControlProtocol(Protocols.LCP, "LCP", new LcpNegotiator(), out, timers, new LinkLayer(),
                config.restart());
        reset();
    }

    /**
     * Protocol-Reject of a frame of {@code protocol} we do not speak (RFC 1661 5.7): only in Opened, its
     * Rejected-Information truncated to fit the peer's MRU. Returns whether it was sent.
     */
    public boolean sendProtocolReject(int protocol, byte[] wholeFrameAfterProtocolField) {
        if (cp.state() != State.OPENED) {
            return false;
        }
        int room = Math.max(0, (result != null ? result.peerMru() : DEFAULT_MRU) - 4 - 2);
        int n = Math.min(room, wholeFrameAfterProtocolField.length);
        byte[] data = new byte[2 + n];
        data[0] = (byte) (protocol >> 8);
        data[1] = (byte) protocol;
        System.arraycopy(wholeFrameAfterProtocolField, 0, data, 2, n);
        out.send(Protocols.LCP, new ControlPacket(PROTOCOL_REJECT, cp.nextId(), data));
        return true;
    }

    // ---------------------------------------------------------------- options

    /** Auth-Protocol's value for {@code m} (RFC 1334 3.2 for PAP, RFC 1994 3.1 and RFC 2759 2 for CHAP). */
    static Option authOption(AuthMethod m) {
        return switch (m) {
            case PAP -> Option.u16(AUTH, Protocols.PAP);
            case CHAP_MD5 -> new Option(AUTH, new byte[] {(byte) 0xc2, 0x23, CHAP_MD5});
            case MSCHAP_V2 -> new Option(AUTH, new byte[] {(byte) 0xc2, 0x23, (byte) CHAP_MSCHAP_V2});
        };
    }

    /** The method an Auth-Protocol option names, or null for one we do not speak (EAP, MS-CHAPv1, SPAP...). */
    static AuthMethod authMethod(Option o) {
        if (o.valueLength() == 2 && o.number() == Protocols.PAP) {
            return AuthMethod.PAP;
        }
        if (o.valueLength() == 3 && (o.valueByte(0) << 8 | o.valueByte(1)) == Protocols.CHAP) {
            return switch (o.valueByte(2)) {
                case CHAP_MD5 -> AuthMethod.CHAP_MD5;
                case CHAP_MSCHAP_V2 -> AuthMethod.MSCHAP_V2;
                default -> null;
            };
        }
        return null;
    }

    private int newMagic() {
        int m;
        do {
            m = random.nextInt();
        } while (m == 0 || m == magic);
        return m;
    }

    private void reset() {
        mru = config.mru();
        askMru = mru != DEFAULT_MRU;
        auth = config.require().isEmpty() ? null : config.require().get(0);
        refused.clear();
        askMagic = true;
        magic = newMagic();
        loops = 0;
        echoRejected = false;
    }

    private final class LcpNegotiator implements Negotiator {
        @Override
        public void reset() {
            Lcp.this.reset();
        }

        @Override
        public List<Option> request() {
            List<Option> r = new ArrayList<>();
            if (askMru) {
                r.add(Option.u16(MRU, mru));
            }
            if (auth != null) {
                r.add(authOption(auth));
            }
            if (askMagic) {
                r.add(Option.u32(MAGIC, magic & 0xffffffffL));
            }
            return r;
        }

        @Override
        public Verdict judge(List<Option> peer) {
            Verdict.Builder b = new Verdict.Builder();
            int theirMru = DEFAULT_MRU;
            AuthMethod theirAuth = null;
            int theirMagic = 0;
            for (Option o : peer) {
                switch (o.type()) {
                    case MRU -> {
                        if (o.valueLength() != 2) {
                            b.reject(o);
                        } else if (o.number() < MIN_MRU) {
                            b.nak(Option.u16(MRU, MIN_MRU));
                        } else {
                            theirMru = (int) o.number();
                        }
                    }
                    case ACCM -> {
                        // Only asynchronous HDLC links use it (RFC 1662 7.1); L2TP has no such framing and
                        // pppd asks for 0 anyway: acking it costs nothing.
                        if (o.valueLength() != 4) {
                            b.reject(o);
                        }
                    }
                    case AUTH -> {
                        AuthMethod m = authMethod(o);
                        if (config.allow().isEmpty()) {
                            b.reject(o);
                        } else if (m != null && config.allow().contains(m)) {
                            theirAuth = m;
                        } else {
                            // RFC 1661 6.2: Nak with the protocol we prefer.
                            b.nak(authOption(PROPOSAL_ORDER.stream().filter(config.allow()::contains)
                                    .findFirst().orElseThrow()));
                        }
                    }
                    case MAGIC -> {
                        if (o.valueLength() != 4) {
                            b.reject(o);
                            break;
                        }
                        int v = (int) o.number();
                        if (v == 0) {
                            // RFC 1661 6.4: zero is not a Magic-Number; ask for another.
                            b.nak(Option.u32(MAGIC, newMagic() & 0xffffffffL));
                        } else if (askMagic && v == magic) {
                            // RFC 1661 6.4: perhaps our own request looped back; Nak with another number.
                            if (++loops >= config.restart().maxFailure()) {
                                return Verdict.fail("LCP: looped-back link");
                            }
                            b.nak(Option.u32(MAGIC, newMagic() & 0xffffffffL));
                        } else {
                            theirMagic = v;
                        }
                    }
                    // PFC and ACFC (and all we do not know) rejected: the peer then sends full fields, which
                    // every implementation must accept (RFC 1661 6.5, 6.6); the kernel channel needs neither.
                    default -> b.reject(o);
                }
            }
            Verdict v = b.build();
            if (v.kind() == Verdict.Kind.ACK) {
                peerMru = theirMru;
                ownAuth = theirAuth;
                peerMagic = theirMagic;
            }
            return v;
        }

        @Override
        public void acked(List<Option> ours) {
            ackedMru = DEFAULT_MRU;
            ackedAuth = null;
            ackedMagic = 0;
            for (Option o : ours) {
                switch (o.type()) {
                    case MRU -> ackedMru = (int) o.number();
                    case AUTH -> ackedAuth = authMethod(o);
                    case MAGIC -> ackedMagic = (int) o.number();
                    default -> {
                    }
                }
            }
        }

        @Override
        public String naked(List<Option> suggested) {
            for (Option o : suggested) {
                switch (o.type()) {
                    case MRU -> {
                        if (o.valueLength() == 2 && o.number() >= MIN_MRU) {
                            mru = (int) o.number();
                            askMru = true;
                        }
                    }
                    case AUTH -> {
                        if (auth == null) {
                            break; // a Nak of what we did not ask: the peer need not authenticate
                        }
                        refused.add(auth);
                        AuthMethod m = authMethod(o);
                        if (m != null && config.require().contains(m) && !refused.contains(m)) {
                            auth = m;
                        } else {
                            auth = config.require().stream().filter(x -> !refused.contains(x)).findFirst()
                                    .orElse(null);
                        }
                        if (auth == null) {
                            return refuses();
                        }
                    }
                    case MAGIC -> {
                        if (askMagic) {
                            magic = newMagic();
                        }
                    }
                    // Options we did not ask for are not added (RFC 1661 5.3 allows, does not require it).
                    default -> {
                    }
                }
            }
            return null;
        }

        @Override
        public String rejected(List<Option> rejected) {
            for (Option o : rejected) {
                switch (o.type()) {
                    case MRU -> {
                        askMru = false;
                        mru = DEFAULT_MRU;
                    }
                    case AUTH -> {
                        return refuses();
                    }
                    case MAGIC -> {
                        askMagic = false;
                        magic = 0;
                    }
                    default -> {
                    }
                }
            }
            return null;
        }

        private String refuses() {
            return "LCP: peer refuses to authenticate with any of " + config.require().stream()
                    .map(AuthMethod::key).collect(Collectors.joining(", "));
        }

        @Override
        public Extra classify(ControlPacket p) {
            switch (p.code()) {
                case PROTOCOL_REJECT -> {
                    // RFC 1661 5.7: only meaningful in Opened, silently discarded elsewhere.
                    if (cp.state() != State.OPENED || p.dataLength() < 2) {
                        return Extra.DISCARD;
                    }
                    int proto = p.dataByte(0) << 8 | p.dataByte(1);
                    if (proto == Protocols.LCP) {
                        return Extra.RXJ_MINUS;
                    }
                    listener.protocolRejected(proto);
                    return Extra.RXJ_PLUS;
                }
                case ECHO_REQUEST, ECHO_REPLY -> {
                    return p.dataLength() < 4 ? Extra.DISCARD : Extra.RXR;
                }
                case DISCARD_REQUEST -> {
                    return Extra.RXR;
                }
                default -> {
                    return Extra.UNKNOWN;
                }
            }
        }

        @Override
        public void ser(ControlPacket p) {
            switch (p.code()) {
                case ECHO_REQUEST -> {
                    // RFC 1661 5.8: the reply carries our Magic-Number and the request's data.
                    byte[] d = p.data();
                    d[0] = (byte) (ackedMagic >> 24);
                    d[1] = (byte) (ackedMagic >> 16);
                    d[2] = (byte) (ackedMagic >> 8);
                    d[3] = (byte) ackedMagic;
                    out.send(Protocols.LCP, new ControlPacket(ECHO_REPLY, p.id(), d));
                }
                case ECHO_REPLY -> {
                    int theirs = p.dataByte(0) << 24 | p.dataByte(1) << 16 | p.dataByte(2) << 8 | p.dataByte(3);
                    // Our own Magic-Number: our request came back over a loop, not an answer (6.4).
                    if (theirs == 0 || theirs != ackedMagic) {
                        echoOutstanding = 0;
                    }
                }
                default -> {
                    // Discard-Request (5.9).
                }
            }
        }

        @Override
        public boolean catastrophic(int code) {
            if (code == ECHO_REQUEST) {
                // The peer has no Echo: keep-alives would only kill the link.
                echoRejected = true;
                stopEcho();
            }
            return code >= 1 && code <= 7;
        }
    }

    // ---------------------------------------------------------------- this-layer actions and keep-alives

    private final class LinkLayer implements Layer {
        @Override
        public void up() {
            result = new LcpResult(peerMru, ackedMru, ackedAuth, ownAuth, ackedMagic, peerMagic);
            cp.maxPacket(peerMru);
            loops = 0;
            echoOutstanding = 0;
            scheduleEcho();
            listener.up(result);
        }

        @Override
        public void down() {
            stopEcho();
            result = null;
            listener.down();
        }

        @Override
        public void started() {
            // The lower layer is the L2TP session, brought up by the coordinator before lowerUp().
        }

        @Override
        public void finished(String reason) {
            stopEcho();
            listener.finished(reason);
        }
    }

    private void scheduleEcho() {
        if (config.echoIntervalS() > 0 && config.echoFailures() > 0 && !echoRejected) {
            echoTimer = timers.schedule(config.echoIntervalS() * 1000L, this::echoDue);
        }
    }

    private void stopEcho() {
        if (echoTimer != null) {
            echoTimer.cancel();
            echoTimer = null;
        }
    }

    private void echoDue() {
        echoTimer = null;
        if (cp.state() != State.OPENED) {
            return;
        }
        if (echoOutstanding >= config.echoFailures()) {
            cp.close("peer not answering LCP Echo-Requests");
            return;
        }
        echoOutstanding++;
        byte[] d = {(byte) (ackedMagic >> 24), (byte) (ackedMagic >> 16), (byte) (ackedMagic >> 8),
                (byte) ackedMagic};
        out.send(Protocols.LCP, new ControlPacket(ECHO_REQUEST, cp.nextId(), d));
        scheduleEcho();
    }

}
