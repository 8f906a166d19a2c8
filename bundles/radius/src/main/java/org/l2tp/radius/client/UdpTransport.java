package org.l2tp.radius.client;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.aaa4j.radius.core.attribute.Attribute;
import org.aaa4j.radius.core.attribute.attributes.MessageAuthenticator;
import org.aaa4j.radius.core.dictionary.Dictionary;
import org.aaa4j.radius.core.dictionary.dictionaries.StandardDictionary;
import org.aaa4j.radius.core.packet.Packet;
import org.aaa4j.radius.core.packet.PacketCodec;
import org.aaa4j.radius.core.packet.PacketCodecException;
import org.aaa4j.radius.core.util.RandomProvider;
import org.l2tp.api.aaa.RadiusServerInfo;
import org.l2tp.radius.RateLimitedLog;

/**
 * RADIUS over UDP to several servers (RFC 2865 section 2.5, RFC 5080 section 2.2): for each request the servers of
 * its role in priority order; per server {@code timeout.ms}, {@code retries} retransmissions of the same packet (same
 * Identifier and Request Authenticator, RFC 5080 2.2.1), then fail-over to the next. A server that let a request
 * time out completely is dead for {@code dead.time.s}: skipped while another server of the role is not.
 *
 * <p>Threads: ONE receive thread (a Selector over every server's sockets) and ONE timer thread, which also sends;
 * {@link #send} only queues, so it never blocks the caller. Each server endpoint (server + role) has its own sockets,
 * each with its own 8-bit Identifier space; a socket whose 256 identifiers are all waiting gets a sibling.
 *
 * <p>A response is accepted only when it comes from the server's address and port, carries the Identifier of a
 * request waiting on that socket, has the right code for the role, a valid Response Authenticator (RFC 2865 3,
 * RFC 2866 3) and, on Access-Accept/Reject/Challenge, exactly one valid Message-Authenticator (RFC 3579 3.2,
 * required: Blast-RADIUS, CVE-2024-3596). Anything else is dropped, counted as a bad response of that server and
 * logged at most every 10 s; the request goes on waiting for the real answer.
 *
 * <p>{@link #configure} replaces the server list live: a server whose settings did not change keeps its sockets and
 * state; requests in flight to a removed or changed one finish there (then fail over among the new list).
 */
public final class UdpTransport implements RadiusTransport, AutoCloseable {
    private static final Logger LOG = Logger.getLogger("org.l2tp.radius");
    /** RFC 2865 section 3: 20 to 4096 octets. */
    static final int MAX_PACKET = 4096;
    static final int ACCESS_REQUEST = 1;
    static final int ACCESS_ACCEPT = 2;
    static final int ACCESS_REJECT = 3;
    static final int ACCOUNTING_REQUEST = 4;
    static final int ACCOUNTING_RESPONSE = 5;
    static final int ACCESS_CHALLENGE = 11;
    static final int MESSAGE_AUTHENTICATOR = 80;

    private final Dictionary dictionary = new StandardDictionary();
    private final SecureRandom random = new SecureRandom();
    private final RandomProvider randomProvider = random::nextBytes;
    /** Decoding keeps no state between packets: one for the receive thread. */
    private final PacketCodec decoder;
    private final Selector selector;
    private final Thread receiver;
    private final ScheduledThreadPoolExecutor timer;
    private final Queue<Sock> toRegister = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final RateLimitedLog badLog = new RateLimitedLog(LOG, Level.WARNING, 10_000);
    private final RateLimitedLog sendLog = new RateLimitedLog(LOG, Level.WARNING, 10_000);
    private volatile int maxInFlight = 256;
    private volatile boolean closed;

    // Guarded by this.
    private List<Server> servers = List.of();
    private InetAddress source;
    private final Set<Call> calls = new HashSet<>();

    public UdpTransport() throws IOException {
        decoder = new PacketCodec(dictionary, randomProvider);
        selector = Selector.open();
        timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "radius-timer"));
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        receiver = daemon(this::receiveLoop, "radius-receive");
        receiver.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    // ---------------------------------------------------------------------------------------------- configuration

    /**
     * Applies a server list (host names are resolved here, on the caller's thread) and the source address of
     * requests (null: the system's choice). Servers are told apart by name.
     */
    public void configure(List<RadiusServer> list, InetAddress sourceAddress) {
        Map<String, InetAddress> resolved = new HashMap<>();
        for (RadiusServer r : list) {
            try {
                resolved.put(r.name(), InetAddress.getByName(r.host()));
            } catch (UnknownHostException e) {
                LOG.warning(() -> "RADIUS server " + r.name() + ": cannot resolve " + r.host()
                        + "; not used until its configuration is applied again");
            }
        }
        List<Server> retire = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            Map<String, Server> old = new HashMap<>();
            for (Server s : servers) {
                old.put(s.config.name(), s);
            }
            boolean sameSource = Objects.equals(source, sourceAddress);
            List<Server> next = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (RadiusServer r : list) {
                if (!names.add(r.name())) {
                    LOG.warning(() -> "RADIUS server " + r.name() + " is configured twice; the first one is used");
                    continue;
                }
                Server o = old.remove(r.name());
                InetAddress a = resolved.get(r.name());
                if (o != null && sameSource && o.config.equals(r) && Objects.equals(o.address, a)) {
                    next.add(o);
                } else {
                    next.add(new Server(r, a, o != null ? o.counters : new Counters(), o != null ? o.deadUntil : 0));
                    if (o != null) {
                        retire.add(o);
                    }
                }
            }
            retire.addAll(old.values());
            next.sort(Comparator.comparingInt((Server s) -> s.config.priority()).thenComparing(s -> s.config.name()));
            servers = List.copyOf(next);
            source = sourceAddress;
            for (Server s : retire) {
                s.retired = true;
                s.closeIfIdle();
            }
        }
    }

    /** The most requests waiting for an answer at once; more are refused at once. */
    public void setMaxInFlight(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max.in.flight must be at least 1");
        }
        maxInFlight = max;
    }

    @Override
    public synchronized boolean hasServers(Role role) {
        for (Server s : servers) {
            if (s.serves(role)) {
                return true;
            }
        }
        return false;
    }

    /** The configured servers in the order they are asked, with their counters. */
    public List<RadiusServerInfo> servers() {
        long now = System.nanoTime();
        List<RadiusServerInfo> out = new ArrayList<>();
        synchronized (this) {
            for (Server s : servers) {
                Counters c = s.counters;
                out.add(new RadiusServerInfo(s.config.name(), s.config.host(), s.config.authPort(),
                        s.config.acctPort(), s.config.priority(), s.state(now), c.requests, c.retransmissions,
                        c.accepts, c.rejects, c.timeouts, c.accountingAcks, c.badResponses, s.pending()));
            }
        }
        return out;
    }

    /** Whether its receive or timer thread still runs (false soon after {@link #close()}). */
    boolean running() {
        return receiver.isAlive() || !timer.isTerminated();
    }

    /** Requests waiting for an answer now (all servers). */
    public int inFlight() {
        return inFlight.get();
    }

    // ------------------------------------------------------------------------------------------------- requests

    @Override
    public CompletionStage<Packet> send(Role role, Packet request) {
        Objects.requireNonNull(role, "role");
        int code = request.getCode();
        if (role == Role.AUTH ? code != ACCESS_REQUEST : code != ACCOUNTING_REQUEST) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("packet code " + code
                    + " is not a request of role " + role));
        }
        if (closed) {
            return CompletableFuture.failedFuture(stopped());
        }
        int max = maxInFlight;
        if (inFlight.incrementAndGet() > max) {
            inFlight.decrementAndGet();
            return CompletableFuture.failedFuture(new RejectedExecutionException(
                    "too many RADIUS requests in flight (max.in.flight " + max + ")"));
        }
        Call c = new Call(role, role == Role.AUTH ? withMessageAuthenticator(request) : request);
        synchronized (this) {
            if (closed) {
                // close() took its list of waiting calls already: this one would wait for nothing.
                inFlight.decrementAndGet();
                return CompletableFuture.failedFuture(stopped());
            }
            calls.add(c);
        }
        try {
            timer.execute(() -> next(c));
        } catch (RejectedExecutionException e) {
            fail(c, stopped());
        }
        return c.future;
    }

    private static IllegalStateException stopped() {
        return new IllegalStateException("the RADIUS client is stopped");
    }

    /**
     * The request with one Message-Authenticator, first (RFC 3579 3.2; RFC 2869 5.14). Its 16 octets must be zero:
     * the codec zeroes only 14 of them before computing the HMAC.
     */
    private static Packet withMessageAuthenticator(Packet p) {
        List<Attribute<?>> attributes = new ArrayList<>();
        attributes.add(new MessageAuthenticator());
        for (Attribute<?> a : p.getAttributes()) {
            if (a.getType().head() != MESSAGE_AUTHENTICATOR) {
                attributes.add(a);
            }
        }
        return new Packet(p.getCode(), attributes);
    }

    /**
     * Sends the call to the next server it has not tried: the first by priority that is not dead, or, when every
     * remaining one is, the first of those. On the timer thread.
     */
    private void next(Call c) {
        Throwable failure = null;
        synchronized (this) {
            if (c.done) {
                return;
            }
            if (closed) {
                failure = stopped();
            } else {
                long now = System.nanoTime();
                while (true) {
                    Server s = pick(c, now);
                    if (s == null) {
                        failure = new RadiusTimeoutException("no RADIUS " + (c.role == Role.AUTH ? "authentication"
                                : "accounting") + " server answered" + (c.tried.isEmpty() ? " (none configured)"
                                : " (" + String.join(", ", c.tried) + ")"));
                        break;
                    }
                    c.tried.add(s.config.name());
                    try {
                        start(c, s);
                        break;
                    } catch (IOException e) {
                        sendLog.log(() -> "RADIUS server " + s.config.name() + ": no socket (" + e.getMessage() + ")");
                    } catch (PacketCodecException | RuntimeException e) {
                        failure = new IllegalArgumentException("cannot encode the RADIUS request: " + e.getMessage(),
                                e);
                        break;
                    }
                }
            }
        }
        if (failure != null) {
            fail(c, failure);
        }
    }

    private Server pick(Call c, long now) {
        Server dead = null;
        for (Server s : servers) {
            if (s.serves(c.role) && !c.tried.contains(s.config.name())) {
                if (!s.dead(now)) {
                    return s;
                }
                if (dead == null) {
                    dead = s;
                }
            }
        }
        return dead;
    }

    /** Encodes the call for {@code s} (its own Identifier, authenticator and secret) and sends it. */
    private void start(Call c, Server s) throws IOException, PacketCodecException {
        Endpoint e = s.endpoint(c.role);
        Sock sock = e.socketWithFreeId();
        int id = sock.freeId();
        byte[] authenticator = new byte[16];
        random.nextBytes(authenticator); // RFC 2865 3: unpredictable (Accounting: replaced by the codec)
        byte[] bytes = new PacketCodec(dictionary, randomProvider, () -> id).encodeRequest(c.request, s.secret,
                authenticator);
        if (bytes.length > MAX_PACKET) {
            throw new IllegalArgumentException("the request is " + bytes.length + " octets, more than " + MAX_PACKET);
        }
        sock.pending[id] = c;
        sock.used++;
        c.server = s;
        c.sock = sock;
        c.id = id;
        c.bytes = bytes;
        c.authenticator = authenticator;
        c.transmissions = 0;
        s.counters.requests++;
        transmit(c);
    }

    /** Sends the call's packet (again) and arms its timer. Holds the lock. */
    private void transmit(Call c) {
        c.transmissions++;
        Sock sock = c.sock;
        try {
            if (sock.channel.send(ByteBuffer.wrap(c.bytes), sock.endpoint.address) == 0) {
                sendLog.log(() -> "RADIUS server " + c.server.config.name() + ": send buffer full");
            }
        } catch (IOException e) {
            // A local failure (no route ...) is like a lost datagram: the timer retransmits or fails over.
            sendLog.log(() -> "RADIUS server " + c.server.config.name() + ": " + e.getMessage());
        }
        int token = ++c.token;
        c.timeout = timer.schedule(() -> timedOut(c, token), c.server.config.timeoutMs(), TimeUnit.MILLISECONDS);
    }

    private void timedOut(Call c, int token) {
        synchronized (this) {
            if (c.done || c.token != token || closed) {
                return;
            }
            Server s = c.server;
            if (c.transmissions <= s.config.retries()) {
                s.counters.retransmissions++;
                transmit(c);
                return;
            }
            s.counters.timeouts++;
            if (s.config.deadTimeS() > 0 && !s.retired) {
                boolean wasDead = s.dead(System.nanoTime());
                s.deadUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(s.config.deadTimeS());
                if (!wasDead) {
                    LOG.warning(() -> "RADIUS server " + s.config.name() + " did not answer " + c.transmissions
                            + " transmissions; skipped for " + s.config.deadTimeS() + " s");
                }
            }
            release(c);
        }
        next(c);
    }

    /** Frees the call's Identifier. Holds the lock. */
    private void release(Call c) {
        if (c.sock != null && c.sock.pending[c.id] == c) {
            c.sock.pending[c.id] = null;
            c.sock.used--;
        }
        if (c.timeout != null) {
            c.timeout.cancel(false);
        }
        Server s = c.server;
        c.sock = null;
        if (s != null && s.retired) {
            s.closeIfIdle();
        }
    }

    private void fail(Call c, Throwable t) {
        synchronized (this) {
            if (c.done) {
                return;
            }
            c.done = true;
            release(c);
            calls.remove(c);
        }
        inFlight.decrementAndGet();
        c.future.completeExceptionally(t);
    }

    // ------------------------------------------------------------------------------------------------ responses

    private void receiveLoop() {
        ByteBuffer buf = ByteBuffer.allocate(MAX_PACKET + 1);
        while (!closed) {
            try {
                for (Sock s; (s = toRegister.poll()) != null; ) {
                    if (s.channel.isOpen()) {
                        s.channel.register(selector, SelectionKey.OP_READ, s);
                    }
                }
                selector.select();
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (key.isValid()) {
                        drain((Sock) key.attachment(), buf);
                    }
                }
            } catch (ClosedSelectorException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "RADIUS receive loop", e);
                }
            }
        }
    }

    private void drain(Sock sock, ByteBuffer buf) {
        while (true) {
            SocketAddress from;
            buf.clear();
            try {
                from = sock.channel.receive(buf);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                sendLog.log(() -> "RADIUS receive: " + e.getMessage());
                return;
            }
            if (from == null) {
                return;
            }
            buf.flip();
            byte[] bytes = new byte[buf.remaining()];
            buf.get(bytes);
            received(sock, (InetSocketAddress) from, bytes);
        }
    }

    private void received(Sock sock, InetSocketAddress from, byte[] bytes) {
        Server s = sock.endpoint.server;
        Call c;
        byte[] secret;
        byte[] authenticator;
        synchronized (this) {
            if (!from.equals(sock.endpoint.address)) {
                bad(s, "from " + from.getAddress().getHostAddress() + ":" + from.getPort() + ", not the server");
                return;
            }
            if (bytes.length < 20 || bytes.length > MAX_PACKET) {
                bad(s, bytes.length + " octets");
                return;
            }
            c = sock.pending[bytes[1] & 0xff];
            if (c == null) {
                bad(s, "Identifier " + (bytes[1] & 0xff) + " answers no waiting request");
                return;
            }
            secret = s.secret;
            authenticator = c.authenticator;
        }
        Packet p = null;
        String why = null;
        try {
            p = verify(c.role, bytes, secret, authenticator);
        } catch (BadResponse | RuntimeException e) {
            why = e.getMessage();
        }
        synchronized (this) {
            if (p == null) {
                bad(s, why);
                return;
            }
            if (c.done || sock.pending[bytes[1] & 0xff] != c) {
                return; // a duplicate of an answer taken already
            }
            Counters k = s.counters;
            switch (p.getCode()) {
                case ACCESS_ACCEPT -> k.accepts++;
                case ACCESS_REJECT -> k.rejects++;
                case ACCOUNTING_RESPONSE -> k.accountingAcks++;
                default -> { }
            }
            if (s.deadUntil != 0) {
                s.deadUntil = 0;
                LOG.info(() -> "RADIUS server " + s.config.name() + " answers again");
            }
            c.done = true;
            release(c);
            calls.remove(c);
        }
        inFlight.decrementAndGet();
        c.future.complete(p);
    }

    /** Counts and logs (rate-limited) a dropped response. Holds the lock. */
    private void bad(Server s, String why) {
        s.counters.badResponses++;
        badLog.log(() -> "RADIUS response from server " + s.config.name() + " dropped: " + why);
    }

    /**
     * The response if it answers a request of {@code role} sent with {@code requestAuthenticator}, else a
     * BadResponse saying why.
     */
    Packet verify(Role role, byte[] bytes, byte[] secret, byte[] requestAuthenticator) throws BadResponse {
        int code = bytes[0] & 0xff;
        if (role == Role.AUTH) {
            if (code != ACCESS_ACCEPT && code != ACCESS_REJECT && code != ACCESS_CHALLENGE) {
                throw new BadResponse("code " + code + " does not answer an Access-Request");
            }
            // RFC 3579 3.2: required on every Access-Accept/Reject/Challenge (Blast-RADIUS); the codec checks it
            // only when present.
            requireOneMessageAuthenticator(bytes);
        } else if (code != ACCOUNTING_RESPONSE) {
            throw new BadResponse("code " + code + " does not answer an Accounting-Request");
        }
        try {
            return decoder.decodeResponse(bytes, secret, requestAuthenticator);
        } catch (PacketCodecException e) {
            throw new BadResponse(e.getMessage());
        }
    }

    /** Why a response was dropped. */
    static final class BadResponse extends Exception {
        private static final long serialVersionUID = 1L;

        BadResponse(String why) {
            super(why, null, false, false);
        }
    }

    static void requireOneMessageAuthenticator(byte[] bytes) throws BadResponse {
        int length = ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
        if (length != bytes.length) {
            throw new BadResponse("Length " + length + " but " + bytes.length + " octets");
        }
        int found = 0;
        for (int p = 20; p < length; ) {
            int len = p + 1 < length ? bytes[p + 1] & 0xff : 0;
            if (len < 2 || p + len > length) {
                throw new BadResponse("malformed attribute at octet " + p);
            }
            if ((bytes[p] & 0xff) == MESSAGE_AUTHENTICATOR) {
                if (len != 18) {
                    throw new BadResponse("Message-Authenticator of " + (len - 2) + " octets");
                }
                found++;
            }
            p += len;
        }
        if (found != 1) {
            throw new BadResponse(found == 0 ? "no Message-Authenticator (RFC 3579 3.2 requires one)"
                    : found + " Message-Authenticators");
        }
    }

    // ---------------------------------------------------------------------------------------------------- close

    /** Stops both threads and closes every socket; requests still waiting fail with IllegalStateException. */
    @Override
    public void close() {
        List<Call> waiting;
        List<Server> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            waiting = new ArrayList<>(calls);
            all = new ArrayList<>(servers);
            servers = List.of();
        }
        timer.shutdownNow();
        selector.wakeup();
        try {
            receiver.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Call c : waiting) {
            fail(c, stopped());
        }
        synchronized (this) {
            for (Server s : all) {
                s.closeSockets();
            }
            for (Call c : waiting) {
                if (c.server != null) {
                    c.server.closeSockets();
                }
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.fine(() -> "closing the selector: " + e);
        }
    }

    // ------------------------------------------------------------------------------------------------- the state

    /** A server's counters; they survive a change of its configuration. Guarded by the transport. */
    private static final class Counters {
        long requests;
        long retransmissions;
        long accepts;
        long rejects;
        long timeouts;
        long accountingAcks;
        long badResponses;
    }

    /** One configured server and its endpoints. Guarded by the transport. */
    private final class Server {
        final RadiusServer config;
        final InetAddress address;
        final byte[] secret;
        final Counters counters;
        final Endpoint auth;
        final Endpoint acct;
        long deadUntil;
        boolean retired;

        Server(RadiusServer config, InetAddress address, Counters counters, long deadUntil) {
            this.config = config;
            this.address = address;
            this.secret = config.secret().getBytes(StandardCharsets.UTF_8);
            this.counters = counters;
            this.deadUntil = deadUntil;
            this.auth = address != null && config.authPort() != 0
                    ? new Endpoint(this, new InetSocketAddress(address, config.authPort())) : null;
            this.acct = address != null && config.acctPort() != 0
                    ? new Endpoint(this, new InetSocketAddress(address, config.acctPort())) : null;
        }

        boolean serves(Role role) {
            return endpoint(role) != null && !retired;
        }

        Endpoint endpoint(Role role) {
            return role == Role.AUTH ? auth : acct;
        }

        boolean dead(long now) {
            return deadUntil != 0 && now - deadUntil < 0;
        }

        String state(long now) {
            if (address == null) {
                return "unresolved";
            }
            if (dead(now)) {
                return "dead (retry in " + Math.max(1, TimeUnit.NANOSECONDS.toSeconds(deadUntil - now + 999_999_999L))
                        + " s)";
            }
            return "up";
        }

        int pending() {
            return (auth == null ? 0 : auth.pending()) + (acct == null ? 0 : acct.pending());
        }

        void closeIfIdle() {
            if (pending() == 0) {
                closeSockets();
            }
        }

        void closeSockets() {
            for (Endpoint e : new Endpoint[] {auth, acct}) {
                if (e != null) {
                    for (Sock s : e.sockets) {
                        try {
                            s.channel.close();
                        } catch (IOException ex) {
                            LOG.fine(() -> "closing a RADIUS socket: " + ex);
                        }
                    }
                    e.sockets.clear();
                }
            }
        }
    }

    /** A server's address for one role, and the sockets that talk to it. */
    private final class Endpoint {
        final Server server;
        final InetSocketAddress address;
        final List<Sock> sockets = new ArrayList<>();

        Endpoint(Server server, InetSocketAddress address) {
            this.server = server;
            this.address = address;
        }

        int pending() {
            int n = 0;
            for (Sock s : sockets) {
                n += s.used;
            }
            return n;
        }

        Sock socketWithFreeId() throws IOException {
            for (Sock s : sockets) {
                if (s.used < 256) {
                    return s;
                }
            }
            Sock s = new Sock(this, open());
            sockets.add(s);
            toRegister.add(s);
            selector.wakeup();
            return s;
        }

        /** A socket of the server's address family, bound to the source address when it is of that family. */
        private DatagramChannel open() throws IOException {
            boolean v6 = address.getAddress() instanceof Inet6Address;
            ProtocolFamily family = v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET;
            DatagramChannel ch = DatagramChannel.open(family);
            try {
                ch.configureBlocking(false);
                InetAddress src = source;
                boolean fits = src != null && (v6 ? src instanceof Inet6Address : src instanceof Inet4Address);
                ch.bind(fits ? new InetSocketAddress(src, 0) : null);
                return ch;
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        }
    }

    /** One socket: an Identifier space of 256 (RFC 2865 5: per source address and port). */
    private static final class Sock {
        final Endpoint endpoint;
        final DatagramChannel channel;
        final Call[] pending = new Call[256];
        int used;
        int next;

        Sock(Endpoint endpoint, DatagramChannel channel) {
            this.endpoint = endpoint;
            this.channel = channel;
        }

        /** A free Identifier, going round so that the one just freed is reused last. */
        int freeId() {
            for (int i = 0; i < 256; i++) {
                int id = (next + i) & 0xff;
                if (pending[id] == null) {
                    next = (id + 1) & 0xff;
                    return id;
                }
            }
            throw new IllegalStateException("no free identifier"); // socketWithFreeId() prevents it
        }
    }

    /** One request until it is answered or given up. Guarded by the transport. */
    private static final class Call {
        final Role role;
        final Packet request;
        final CompletableFuture<Packet> future = new CompletableFuture<>();
        final Set<String> tried = new LinkedHashSet<>();
        Server server;
        Sock sock;
        int id;
        byte[] bytes;
        byte[] authenticator;
        int transmissions;
        int token;
        ScheduledFuture<?> timeout;
        boolean done;

        Call(Role role, Packet request) {
            this.role = role;
            this.request = request;
        }
    }
}
