package org.l2tp.radius.das;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.aaa4j.radius.core.attribute.Attribute;
import org.aaa4j.radius.core.attribute.EnumData;
import org.aaa4j.radius.core.attribute.IntegerData;
import org.aaa4j.radius.core.attribute.Ipv4AddrData;
import org.aaa4j.radius.core.attribute.Ipv6AddrData;
import org.aaa4j.radius.core.attribute.RawAttribute;
import org.aaa4j.radius.core.attribute.StringData;
import org.aaa4j.radius.core.attribute.TextData;
import org.aaa4j.radius.core.attribute.TimeData;
import org.aaa4j.radius.core.attribute.attributes.ErrorCause;
import org.aaa4j.radius.core.attribute.attributes.ProxyState;
import org.aaa4j.radius.core.dictionary.dictionaries.StandardDictionary;
import org.aaa4j.radius.core.packet.Packet;
import org.aaa4j.radius.core.packet.PacketCodec;
import org.aaa4j.radius.core.packet.PacketCodecException;
import org.l2tp.radius.RateLimitedLog;

/**
 * The Dynamic Authorization Server's logic (RFC 5176), without the socket: a datagram in, the answer's bytes out
 * (or none). Thread-safe; the socket's thread calls it, answers to Disconnect-Requests complete on the daemon's.
 *
 * <p>Heard: only Disconnect-Request and CoA-Request from a configured client address whose Request Authenticator,
 * and Message-Authenticator when present, verify with that client's secret, with an Event-Timestamp (when present)
 * within {@link #EVENT_WINDOW}. Everything else is dropped without an answer, counted, and logged rate-limited.
 *
 * <p>Sessions are named by Acct-Session-Id, User-Name and Framed-IP-Address; every one given must match, and every
 * matching session is acted on. A CoA-Request changes Session-Timeout and Idle-Timeout only; any other attribute is
 * refused with the whole request: a CoA-NAK means nothing was changed.
 */
final class DasHandler {
    private static final Logger LOG = Logger.getLogger("org.l2tp.radius");

    // RFC 5176 section 2.3: codes
    static final int DISCONNECT_REQUEST = 40;
    static final int DISCONNECT_ACK = 41;
    static final int DISCONNECT_NAK = 42;
    static final int COA_REQUEST = 43;
    static final int COA_ACK = 44;
    static final int COA_NAK = 45;

    // RFC 2865, 2866, 2869, 3162, 5176 attribute types
    static final int USER_NAME = 1;
    static final int NAS_IP_ADDRESS = 4;
    static final int SERVICE_TYPE = 6;
    static final int FRAMED_IP_ADDRESS = 8;
    static final int STATE = 24;
    static final int SESSION_TIMEOUT = 27;
    static final int IDLE_TIMEOUT = 28;
    static final int NAS_IDENTIFIER = 32;
    static final int PROXY_STATE = 33;
    static final int ACCT_SESSION_ID = 44;
    static final int EVENT_TIMESTAMP = 55;
    static final int NAS_IPV6_ADDRESS = 95;

    /** RFC 5176 section 2.3: a retransmission (same client, Identifier and Authenticator) gets the same answer. */
    static final Duration DUPLICATE_WINDOW = Duration.ofSeconds(30);
    /** RFC 5176 section 6 (replay protection): an Event-Timestamp further than this from our clock is discarded. */
    static final Duration EVENT_WINDOW = Duration.ofSeconds(300);
    /** How long a Disconnect-Request waits for its sessions' CDNs before a NAK. */
    static final Duration DISCONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_PACKET = 4096;
    private static final int MAX_REMEMBERED = 4096;

    /**
     * What the handler knows of its configuration; immutable.
     *
     * @param secrets       each client's secret by its address
     * @param nasIdentifier our NAS-Identifier
     * @param nasAddress    our NAS-IP(v6)-Address, or null: then any of this host's addresses
     */
    record Config(Map<InetAddress, byte[]> secrets, String nasIdentifier, InetAddress nasAddress) {
        Config {
            secrets = Map.copyOf(secrets);
        }

        @Override
        public String toString() {
            return "Config[" + secrets.size() + " clients, NAS " + nasIdentifier + "]"; // never the secrets
        }
    }

    private record Answer(int code, DasError error) {
    }

    private record Key(InetSocketAddress from, int identifier, String authenticator) {
    }

    private record Remembered(long atMs, CompletableFuture<byte[]> answer) {
    }

    private final SessionDirectory directory;
    private final Clock clock;
    private final PacketCodec codec = new PacketCodec(new StandardDictionary());
    private final RateLimitedLog dropLog = new RateLimitedLog(LOG, Level.WARNING, 60_000);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong naks = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final LinkedHashMap<Key, Remembered> answered = new LinkedHashMap<>();
    private volatile Config config;

    DasHandler(SessionDirectory directory, Clock clock, Config config) {
        this.directory = directory;
        this.clock = clock;
        this.config = config;
    }

    void configure(Config c) {
        config = c;
    }

    long requests() {
        return requests.get();
    }

    long acks() {
        return acks.get();
    }

    long naks() {
        return naks.get();
    }

    long dropped() {
        return dropped.get();
    }

    /** The answer to send back to {@code from}, or null for none (dropped, or a duplicate still in progress). */
    CompletionStage<byte[]> handle(byte[] datagram, int length, InetSocketAddress from) {
        Config c = config;
        byte[] secret = c.secrets().get(from.getAddress());
        if (secret == null) {
            return drop(from, "not a configured DAS client (org.l2tp.radius.das)");
        }
        // RFC 2865 section 3: octets beyond Length are padding; fewer than Length is not a packet.
        int declared = length >= DasPackets.HEADER ? ((datagram[2] & 0xff) << 8) | (datagram[3] & 0xff) : 0;
        if (declared < DasPackets.HEADER || declared > length) {
            return drop(from, "malformed packet (" + length + " octets)");
        }
        byte[] packet = Arrays.copyOf(datagram, declared);
        int code = packet[0] & 0xff;
        if (code != DISCONNECT_REQUEST && code != COA_REQUEST) {
            return drop(from, "code " + code + " is neither Disconnect-Request nor CoA-Request");
        }
        if (!DasPackets.requestAuthenticatorValid(packet, secret)) {
            return drop(from, "wrong Request Authenticator (not the client's secret?)");
        }
        int ma = DasPackets.messageAuthenticatorOffset(packet);
        if (ma == DasPackets.MALFORMED) {
            return drop(from, "malformed attributes");
        }
        if (ma >= 0 && !DasPackets.messageAuthenticatorValid(packet, ma, secret)) {
            return drop(from, "wrong Message-Authenticator");
        }
        int identifier = packet[1] & 0xff;
        byte[] authenticator = Arrays.copyOfRange(packet, 4, DasPackets.HEADER);
        Key key = new Key(from, identifier, HexFormat.of().formatHex(authenticator));
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        synchronized (answered) {
            long now = clock.millis();
            expire(now);
            Remembered r = answered.get(key);
            if (r != null) {
                // Answered already: the same answer again, nothing done twice. Still in progress: it will come.
                return r.answer().isDone() ? r.answer() : null;
            }
            answered.put(key, new Remembered(now, mine));
        }
        // Our copy with a zeroed authenticator: aaa4j then checks the Message-Authenticator as computed.
        byte[] zeroed = packet.clone();
        Arrays.fill(zeroed, 4, DasPackets.HEADER, (byte) 0);
        Packet request;
        try {
            request = codec.decodeRequest(zeroed, secret);
        } catch (PacketCodecException | RuntimeException e) {
            forget(key);
            return drop(from, "undecodable attributes");
        }
        Instant sent = eventTimestamp(request);
        if (sent != null && Duration.between(sent, clock.instant()).abs().compareTo(EVENT_WINDOW) > 0) {
            forget(key);
            return drop(from, "Event-Timestamp " + sent + " is not current (replayed?)");
        }
        requests.incrementAndGet();
        CompletionStage<Answer> decided;
        try {
            decided = decide(code, request, c, from);
        } catch (RuntimeException e) {
            decided = CompletableFuture.failedFuture(e); // answered, not left for the duplicates to wait on
        }
        decided.whenComplete((a, e) -> {
            Answer answer = e == null ? a : new Answer(code + 2, DasError.SESSION_CONTEXT_NOT_REMOVABLE);
            if (e != null) {
                LOG.log(Level.WARNING, "DAS: " + name(code) + " from " + from.getAddress().getHostAddress()
                        + " failed", e);
            }
            try {
                mine.complete(encode(answer, request, identifier, authenticator, ma >= 0, secret));
                (answer.error() == null ? acks : naks).incrementAndGet();
            } catch (PacketCodecException | RuntimeException x) {
                LOG.log(Level.WARNING, "DAS: could not encode the answer", x);
                forget(key);
                mine.complete(null);
            }
        });
        return mine;
    }

    private CompletionStage<Answer> decide(int code, Packet request, Config c, InetSocketAddress from) {
        boolean coa = code == COA_REQUEST;
        int ack = coa ? COA_ACK : DISCONNECT_ACK;
        int nak = coa ? COA_NAK : DISCONNECT_NAK;
        String acctSessionId = null;
        String user = null;
        Inet4Address framed = null;
        int sessionTimeout = -1;
        int idleTimeout = -1;
        DasError refusal = null;
        for (Attribute<?> a : request.getAttributes()) {
            int type = a.getType().head();
            DasError e = null;
            switch (type) {
                case ACCT_SESSION_ID -> acctSessionId = text(a);
                case USER_NAME -> user = text(a);
                case FRAMED_IP_ADDRESS -> {
                    if (a.getData() instanceof Ipv4AddrData ip) {
                        framed = ip.getValue();
                    } else {
                        e = DasError.INVALID_ATTRIBUTE_VALUE;
                    }
                }
                case NAS_IDENTIFIER -> {
                    if (!c.nasIdentifier().equals(text(a))) {
                        e = DasError.NAS_IDENTIFICATION_MISMATCH;
                    }
                }
                case NAS_IP_ADDRESS, NAS_IPV6_ADDRESS -> {
                    InetAddress ip = a.getData() instanceof Ipv4AddrData v4 ? v4.getValue()
                            : a.getData() instanceof Ipv6AddrData v6 ? v6.getValue() : null;
                    if (ip == null || !ours(ip, c)) {
                        e = DasError.NAS_IDENTIFICATION_MISMATCH;
                    }
                }
                case SESSION_TIMEOUT, IDLE_TIMEOUT -> {
                    if (!coa) {
                        e = DasError.UNSUPPORTED_ATTRIBUTE;
                    } else if (!(a.getData() instanceof IntegerData i)) {
                        e = DasError.INVALID_ATTRIBUTE_VALUE;
                    } else if (type == SESSION_TIMEOUT) {
                        sessionTimeout = seconds(i);
                    } else {
                        idleTimeout = seconds(i);
                    }
                }
                // Authorize Only (re-authorization) and any other service change: not offered here.
                case SERVICE_TYPE -> e = DasError.UNSUPPORTED_SERVICE;
                case DasPackets.MESSAGE_AUTHENTICATOR, EVENT_TIMESTAMP, STATE, PROXY_STATE -> {
                    // checked above, or only echoed
                }
                default -> e = DasError.UNSUPPORTED_ATTRIBUTE;
            }
            // The most telling refusal: another NAS's request before anything about its content.
            if (e != null && (refusal == null || e == DasError.NAS_IDENTIFICATION_MISMATCH)) {
                refusal = e;
            }
        }
        String what = name(code) + " from " + from.getAddress().getHostAddress() + describe(acctSessionId, user,
                framed);
        if (refusal == null && acctSessionId == null && user == null && framed == null) {
            refusal = DasError.MISSING_ATTRIBUTE; // nothing names a session: never "all of them"
        }
        if (refusal != null) {
            DasError r = refusal;
            LOG.info(() -> "DAS: " + what + ": NAK " + r.value() + " " + r);
            return CompletableFuture.completedFuture(new Answer(nak, refusal));
        }
        List<DasSession> matching = new ArrayList<>();
        for (DasSession s : directory.sessions()) {
            if ((acctSessionId == null || acctSessionId.equals(s.acctSessionId()))
                    && (user == null || user.equals(s.user()))
                    && (framed == null || framed.equals(org.l2tp.radius.Addresses.literal(s.framedIp())))
                    && (!coa || s.aaa() != null)) {
                matching.add(s);
            }
        }
        if (matching.isEmpty()) {
            LOG.info(() -> "DAS: " + what + ": no such session, NAK 503");
            return CompletableFuture.completedFuture(new Answer(nak, DasError.SESSION_CONTEXT_NOT_FOUND));
        }
        if (coa) {
            int st = sessionTimeout;
            int it = idleTimeout;
            for (DasSession s : matching) {
                s.aaa().setTimeouts(st, it);
            }
            LOG.info(() -> "DAS: " + what + ": " + matching.size() + " session(s)" + (st >= 0 ? ", Session-Timeout "
                    + st + " s" : "") + (it >= 0 ? ", Idle-Timeout " + it + " s" : "") + ", CoA-ACK");
            return CompletableFuture.completedFuture(new Answer(ack, null));
        }
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (DasSession s : matching) {
            closing.add(directory.disconnect(s).toCompletableFuture());
        }
        return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                .orTimeout(DISCONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .handle((v, e) -> {
                    if (e == null) {
                        LOG.info(() -> "DAS: " + what + ": " + matching.size() + " session(s) closed, "
                                + "Disconnect-ACK");
                        return new Answer(ack, null);
                    }
                    Throwable cause = e.getCause() != null ? e.getCause() : e;
                    DasError err = cause instanceof IllegalStateException ? DasError.RESOURCES_UNAVAILABLE
                            : DasError.SESSION_CONTEXT_NOT_REMOVABLE;
                    LOG.warning(() -> "DAS: " + what + ": " + cause.getMessage() + ", NAK " + err.value());
                    return new Answer(nak, err);
                });
    }

    /**
     * The ACK or NAK: its Response Authenticator over the request's (RFC 5176 section 2.3); Error-Cause on a NAK;
     * Proxy-State echoed in order (RFC 5176 section 3.1 via RFC 2865 section 5.33); a Message-Authenticator when
     * the request had one.
     */
    private byte[] encode(Answer a, Packet request, int identifier, byte[] authenticator, boolean sign,
                          byte[] secret) throws PacketCodecException {
        List<Attribute<?>> attrs = new ArrayList<>();
        if (a.error() != null) {
            attrs.add(new ErrorCause(new EnumData(a.error().value())));
        }
        for (Attribute<?> p : request.getAttributes()) {
            if (p.getType().head() == PROXY_STATE && p.getData() instanceof StringData s) {
                attrs.add(new ProxyState(new StringData(s.getValue())));
            }
        }
        if (sign) {
            attrs.add(new RawAttribute(DasPackets.MESSAGE_AUTHENTICATOR, new byte[16])); // computed by the codec
        }
        return codec.encodeResponse(new Packet(a.code(), attrs), secret, identifier, authenticator);
    }

    private CompletionStage<byte[]> drop(InetSocketAddress from, String why) {
        dropped.incrementAndGet();
        dropLog.log(() -> "DAS: dropped a packet from " + from.getAddress().getHostAddress() + ":" + from.getPort()
                + ": " + why);
        return null;
    }

    private void forget(Key key) {
        synchronized (answered) {
            answered.remove(key);
        }
    }

    private void expire(long now) {
        for (Iterator<Remembered> it = answered.values().iterator(); it.hasNext(); ) {
            if (now - it.next().atMs() <= DUPLICATE_WINDOW.toMillis() && answered.size() <= MAX_REMEMBERED) {
                return; // in arrival order: the rest are younger
            }
            it.remove();
        }
    }

    private static boolean ours(InetAddress a, Config c) {
        if (c.nasAddress() != null) {
            return c.nasAddress().equals(a);
        }
        try {
            return a.isLoopbackAddress() || NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private static Instant eventTimestamp(Packet p) {
        for (Attribute<?> a : p.getAttributes()) {
            if (a.getType().head() == EVENT_TIMESTAMP && a.getData() instanceof TimeData t) {
                return t.getValue();
            }
        }
        return null;
    }

    private static String text(Attribute<?> a) {
        if (a.getData() instanceof TextData t) {
            return t.getValue();
        }
        if (a.getData() instanceof StringData s) {
            return new String(s.getValue(), StandardCharsets.UTF_8);
        }
        return "";
    }

    /** An unsigned 32-bit number of seconds as the int setTimeouts takes. */
    private static int seconds(IntegerData i) {
        return (int) Math.min(Integer.toUnsignedLong(i.getValue()), Integer.MAX_VALUE);
    }

    private static String name(int code) {
        return code == COA_REQUEST ? "CoA-Request" : "Disconnect-Request";
    }

    private static String describe(String acctSessionId, String user, InetAddress framed) {
        StringBuilder b = new StringBuilder();
        if (acctSessionId != null) {
            b.append(" Acct-Session-Id ").append(printable(acctSessionId));
        }
        if (user != null) {
            b.append(" User-Name ").append(printable(user));
        }
        if (framed != null) {
            b.append(" Framed-IP-Address ").append(framed.getHostAddress());
        }
        return b.length() == 0 ? "" : " for" + b;
    }

    /** A client's text for the log: printable, at most 64 characters. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 64; i++) {
            char ch = s.charAt(i);
            b.append(ch >= 0x20 && ch < 0x7f ? ch : '?');
        }
        return "\"" + b + "\"";
    }
}
