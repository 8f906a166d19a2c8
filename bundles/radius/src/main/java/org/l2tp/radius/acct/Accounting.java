package org.l2tp.radius.acct;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.aaa4j.radius.core.attribute.Attribute;
import org.aaa4j.radius.core.attribute.EnumData;
import org.aaa4j.radius.core.attribute.IntegerData;
import org.aaa4j.radius.core.attribute.Ipv4AddrData;
import org.aaa4j.radius.core.attribute.Ipv6AddrData;
import org.aaa4j.radius.core.attribute.StringData;
import org.aaa4j.radius.core.attribute.TextData;
import org.aaa4j.radius.core.attribute.TimeData;
import org.aaa4j.radius.core.attribute.attributes.AcctAuthentic;
import org.aaa4j.radius.core.attribute.attributes.AcctInputGigawords;
import org.aaa4j.radius.core.attribute.attributes.AcctInputOctets;
import org.aaa4j.radius.core.attribute.attributes.AcctInputPackets;
import org.aaa4j.radius.core.attribute.attributes.AcctOutputGigawords;
import org.aaa4j.radius.core.attribute.attributes.AcctOutputOctets;
import org.aaa4j.radius.core.attribute.attributes.AcctOutputPackets;
import org.aaa4j.radius.core.attribute.attributes.AcctSessionId;
import org.aaa4j.radius.core.attribute.attributes.AcctSessionTime;
import org.aaa4j.radius.core.attribute.attributes.AcctStatusType;
import org.aaa4j.radius.core.attribute.attributes.AcctTerminateCause;
import org.aaa4j.radius.core.attribute.attributes.AcctTunnelConnection;
import org.aaa4j.radius.core.attribute.attributes.EventTimestamp;
import org.aaa4j.radius.core.attribute.attributes.FramedIpAddress;
import org.aaa4j.radius.core.attribute.attributes.NasIdentifier;
import org.aaa4j.radius.core.attribute.attributes.NasIpAddress;
import org.aaa4j.radius.core.attribute.attributes.NasIpv6Address;
import org.aaa4j.radius.core.attribute.attributes.UserName;
import org.aaa4j.radius.core.packet.Packet;
import org.aaa4j.radius.core.packet.packets.AccountingResponse;
import org.l2tp.api.SessionInfo;
import org.l2tp.api.TunnelInfo;
import org.l2tp.api.aaa.AaaSession;
import org.l2tp.api.aaa.SessionContext;
import org.l2tp.api.dataplane.DataCounters;
import org.l2tp.api.ppp.PppEnd;
import org.l2tp.radius.AcceptedSessions;
import org.l2tp.radius.AccountingPlug;
import org.l2tp.radius.Addresses;
import org.l2tp.radius.NasAttributes;
import org.l2tp.radius.NasSettings;
import org.l2tp.radius.RadiusParts;
import org.l2tp.radius.RateLimitedLog;
import org.l2tp.radius.client.RadiusTimeoutException;
import org.l2tp.radius.client.RadiusTransport;

/**
 * RADIUS accounting (RFC 2866, RFC 2869 Interim-Update and gigawords, RFC 2867 tunnel attributes) for the sessions
 * the RADIUS authenticator accepted: Start when a session's network is up, Interim-Update at its interval, Stop with
 * its last counters and why it ended; Accounting-On when it starts and Accounting-Off when it stops.
 *
 * <p>Requests go through the {@link RadiusTransport} (retransmission, fail-over). One that no server acknowledged
 * waits in a bounded queue, in order, and is sent again with Acct-Delay-Time once a server answers: while requests
 * wait, one probe goes out every {@link #RETRY_MS}; when it is acknowledged the queue drains
 * {@link #DRAIN_WINDOW} at a time. Nothing is lost silently: what the queue cannot hold is counted and logged.
 *
 * <p>Every method returns at once: the work happens on the {@link Scheduler}'s thread, where all state lives
 * (the map of accounted sessions excepted, which dynamic authorization reads from its own thread). The L2TP events
 * ({@link org.l2tp.api.L2tpListener}, forwarded by the component) tell why a session stopped from outside ended.
 */
public final class Accounting implements AccountingPlug {
    private static final Logger LOG = Logger.getLogger("org.l2tp.radius");

    /** How long a session stopped from outside PPP waits for the L2TP side to say why (see {@link EndCauses}). */
    static final long CAUSE_WAIT_MS = 1000;
    /** Between probes while no accounting server answers (each probe is itself the transport's whole try). */
    static final long RETRY_MS = 10_000;
    /** Between tries after the transport refused a request (too many in flight): busy, not dead. */
    static final long BUSY_RETRY_MS = 1000;
    /** Queued requests in flight at once while the queue drains: leaves the transport room for authentication. */
    static final int DRAIN_WINDOW = 32;

    /** How long stopping waits for the last Stops and Accounting-Off. */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

    /** RFC 2866 section 5.6: authenticated by RADIUS. */
    private static final int ACCT_AUTHENTIC_RADIUS = 1;

    private final RadiusTransport transport;
    private final AcceptedSessions accepts;
    private final NasAttributeSource nas;
    private final BooleanSupplier l2tpPresent;
    private final Scheduler scheduler;
    private final AutoCloseable ownScheduler;
    /** Two limits: a line about waiting requests must not keep one about lost requests out of the log. */
    private final RateLimitedLog waitingLog = new RateLimitedLog(LOG, Level.WARNING, 60_000);
    private final RateLimitedLog droppedLog = new RateLimitedLog(LOG, Level.WARNING, 60_000);
    private final AtomicLong dropped = new AtomicLong();
    private volatile long waiting;
    private final ConcurrentMap<String, AccountedSession> accounted = new ConcurrentHashMap<>();

    // ---- the scheduler's thread only
    private AccountingSettings settings;
    private final AccountingQueue queue;
    private final Map<AaaSession, Open> open = new IdentityHashMap<>();
    private final Map<Long, Ended> awaitingCause = new LinkedHashMap<>();
    private final EndCauses causes = new EndCauses();
    private long seq;
    private int inFlight;
    private int queuedInFlight;
    /** Whether the last answer-or-not was an answer; while not, the queue sends one probe per retry. */
    private boolean answering = true;
    private boolean probeAllowed;
    private Scheduler.Cancellable retry;
    private boolean onSent;
    private boolean closing;
    private CompletableFuture<Void> idle;

    /**
     * Accounting as the RADIUS component plugs it in: a thread of its own (closed by {@link #close}), the NAS and
     * tunnel attributes of {@link NasAttributes}; sends Accounting-On if an accounting server is configured.
     */
    public static Accounting of(RadiusParts parts) {
        NasAttributeSource nas = call -> call == null ? nasOnly(parts.nas().get())
                : NasAttributes.of(call, parts.nas().get());
        Accounting a = new Accounting(parts.transport(), parts.accepted(), nas, () -> parts.l2tp().get() != null,
                new ExecutorScheduler("radius-accounting"), AccountingSettings.of(parts.nas().get()), true);
        a.start();
        return a;
    }

    /**
     * On {@code scheduler} (tests: a virtual clock), which stays the caller's.
     *
     * @param accepts     where the Access-Accepts' Class and Acct-Interim-Interval wait for their sessions
     * @param l2tpPresent whether the L2TP daemon is there: sessions that end while it is not end with NAS-Reboot
     */
    public Accounting(RadiusTransport transport, AcceptedSessions accepts, NasAttributeSource nas,
                      BooleanSupplier l2tpPresent, Scheduler scheduler, AccountingSettings settings) {
        this(transport, accepts, nas, l2tpPresent, scheduler, settings, false);
    }

    private Accounting(RadiusTransport transport, AcceptedSessions accepts, NasAttributeSource nas,
                       BooleanSupplier l2tpPresent, Scheduler scheduler, AccountingSettings settings, boolean own) {
        this.transport = transport;
        this.accepts = accepts;
        this.nas = nas;
        this.l2tpPresent = l2tpPresent;
        this.scheduler = scheduler;
        this.ownScheduler = own ? (AutoCloseable) scheduler : null;
        this.settings = settings;
        this.queue = new AccountingQueue(settings.queueCapacity());
    }

    /** Accounting-On/Off describe the NAS only: NAS-Identifier, and NAS-IP(v6)-Address when configured. */
    private static List<Attribute<?>> nasOnly(NasSettings n) {
        List<Attribute<?>> a = new ArrayList<>();
        a.add(new NasIdentifier(NasAttributes.text(n.identifier())));
        if (n.address() instanceof Inet4Address v4) {
            a.add(new NasIpAddress(new Ipv4AddrData(v4)));
        } else if (n.address() instanceof Inet6Address v6) {
            a.add(new NasIpv6Address(new Ipv6AddrData(v6)));
        }
        return a;
    }

    // ------------------------------------------------------------------------------------------------ inputs

    @Override
    public void configure(NasSettings n) {
        configure(AccountingSettings.of(n));
    }

    /** New settings; running sessions keep their interim interval. */
    public void configure(AccountingSettings s) {
        run(() -> {
            settings = s;
            queue.capacity(s.queueCapacity());
        });
    }

    /** Sends Accounting-On (RFC 2866 section 5.1) if an accounting server is configured. */
    public void start() {
        run(this::maybeOn);
    }

    /** The servers changed: Accounting-On goes out when the first accounting server appears. */
    @Override
    public void serversChanged() {
        run(() -> {
            maybeOn();
            drain();
        });
    }

    /** {@link org.l2tp.api.aaa.Authenticator#sessionStarted}: Accounting-Request Start. */
    @Override
    public void sessionStarted(AaaSession session) {
        run(() -> started(session));
    }

    /** {@link org.l2tp.api.aaa.Authenticator#sessionEnded}: Accounting-Request Stop. */
    @Override
    public void sessionEnded(AaaSession session, PppEnd end, String reason) {
        Instant at = scheduler.now();
        long atMs = scheduler.millis();
        run(() -> ended(session, end, at, atMs));
    }

    @Override
    public void sessionDown(SessionInfo s, int resultCode, String message) {
        sessionDown(s, resultCode, message, null);
    }

    @Override
    public void sessionDown(SessionInfo s, int resultCode, String message, org.l2tp.api.SessionEnd end) {
        run(() -> {
            causes.sessionDown(s.tunnelId(), s.localId(), resultCode, end, scheduler.millis());
            recheck(EndCauses.key(s.tunnelId(), s.localId()));
        });
    }

    @Override
    public void tunnelDown(TunnelInfo t, int resultCode, String message) {
        run(() -> {
            causes.tunnelDown(t.localId(), scheduler.millis());
            for (Long key : List.copyOf(awaitingCause.keySet())) {
                if ((int) (key >>> 16) == t.localId()) {
                    recheck(key);
                }
            }
        });
    }

    /** Our Disconnect-Request (RFC 5176) is about to end this call: its Stop says Admin-Reset. */
    public void disconnecting(int tunnelId, int sessionId) {
        run(() -> causes.adminReset(tunnelId, sessionId, scheduler.millis()));
    }

    // ----------------------------------------------------------------------------------------------- outputs

    /** The sessions accounting started and that have not ended; thread-safe. */
    public Collection<AccountedSession> accounted() {
        return List.copyOf(accounted.values());
    }

    /** Requests waiting for a server: queued, or sent again from the queue and not answered yet. */
    @Override
    public long queued() {
        return waiting;
    }

    /** Requests given up: the queue was full, a server refused them, or the component stopped before delivery. */
    @Override
    public long dropped() {
        return dropped.get();
    }

    /** {@link #close(Duration)} waiting at most {@link #CLOSE_WAIT}. */
    @Override
    public void close() {
        close(CLOSE_WAIT);
    }

    /**
     * Stops: open sessions get their Stop (NAS-Reboot), then Accounting-Off (RFC 2866 section 5.1); waits at most
     * {@code wait} for them and what was queued, then counts and logs what is left as dropped.
     */
    public void close(Duration wait) {
        try {
            stop().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return; // closed before
        } catch (TimeoutException e) {
            CompletableFuture<Void> counted = new CompletableFuture<>();
            scheduler.execute(() -> {
                long left = queue.clear() + inFlight;
                inFlight = 0;
                queuedInFlight = 0;
                updateWaiting();
                if (left > 0) {
                    dropped.addAndGet(left);
                    LOG.warning(() -> left + " accounting requests were not delivered before RADIUS stopped: no "
                            + "accounting server answered within " + wait.toSeconds() + " s");
                }
                counted.complete(null);
            });
            await(counted, 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(Level.WARNING, "stopping accounting failed", e.getCause());
        } finally {
            if (ownScheduler != null) {
                try {
                    ownScheduler.close();
                } catch (Exception e) {
                    LOG.log(Level.FINE, "accounting thread", e);
                }
            }
        }
    }

    /**
     * The first half of {@link #close}: the Stops and Accounting-Off are sent; completes when nothing is waiting
     * any more. Throws RejectedExecutionException when the scheduler is closed.
     */
    CompletableFuture<Void> stop() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        scheduler.execute(() -> shutdown(done));
        return done;
    }

    // ------------------------------------------------------------------------------------------------ sessions

    /** A session with its Start sent (or meant to be: without servers nothing is sent). */
    private static final class Open {
        final AaaSession session;
        final String id;
        final List<byte[]> classes;
        final int intervalS;
        final long startMs;
        Scheduler.Cancellable interim;

        Open(AaaSession session, String id, List<byte[]> classes, int intervalS, long startMs) {
            this.session = session;
            this.id = id;
            this.classes = classes;
            this.intervalS = intervalS;
            this.startMs = startMs;
        }
    }

    /** A session ended from outside, its Stop waiting for the cause. */
    private record Ended(Open open, DataCounters counters, Instant at, long atMs, Scheduler.Cancellable timer) {
    }

    private void started(AaaSession s) {
        if (closing || open.containsKey(s)) {
            return;
        }
        AcceptedSessions.Accept a = accepts.take(s.context().port());
        Open o = new Open(s, AcctSessionIds.next(), a == null ? List.of() : a.classes(),
                settings.interimFor(a == null ? 0 : a.interimIntervalS()), scheduler.millis());
        open.put(s, o);
        accounted.put(o.id, new AccountedSession(o.id, s));
        maybeOn();
        LOG.fine(() -> "accounting Start " + o.id + " for " + s.interfaceName() + " (user " + s.user()
                + (o.intervalS > 0 ? ", interim every " + o.intervalS + " s)" : ")"));
        submit(sessionRecord(AcctStatus.START, o, null, null, scheduler.now(), o.startMs));
        scheduleInterim(o);
    }

    /** RFC 2869 section 5.16: every interval from the Start; late timers skip the intervals they missed. */
    private void scheduleInterim(Open o) {
        if (o.intervalS <= 0) {
            return;
        }
        long period = o.intervalS * 1000L;
        long now = scheduler.millis();
        long next = o.startMs + ((now - o.startMs) / period + 1) * period;
        o.interim = scheduler.schedule(next - now, () -> {
            if (open.get(o.session) == o) {
                submit(sessionRecord(AcctStatus.INTERIM_UPDATE, o, o.session.counters(), null, scheduler.now(),
                        scheduler.millis()));
                scheduleInterim(o);
            }
        });
    }

    private void ended(AaaSession s, PppEnd end, Instant at, long atMs) {
        Open o = open.remove(s);
        if (o == null) {
            return;
        }
        accounted.remove(o.id);
        if (o.interim != null) {
            o.interim.cancel();
        }
        DataCounters c = s.counters();
        if (end != null) {
            stop(o, c, TerminateCause.of(end), at, atMs);
            return;
        }
        int tunnel = s.context().localTunnelId();
        int session = s.context().localSessionId();
        causes.stopping(closing || !l2tpPresent.getAsBoolean());
        TerminateCause cause = causes.decide(tunnel, session, o.startMs);
        if (cause != null) {
            stop(o, c, cause, at, atMs);
            return;
        }
        long key = EndCauses.key(tunnel, session);
        Scheduler.Cancellable timer = scheduler.schedule(CAUSE_WAIT_MS, () -> {
            Ended e = awaitingCause.remove(key);
            if (e != null) {
                causes.stopping(closing || !l2tpPresent.getAsBoolean());
                stop(e.open, e.counters, causes.decideFinally(tunnel, session, o.startMs), e.at, e.atMs);
            }
        });
        Ended previous = awaitingCause.put(key, new Ended(o, c, at, atMs, timer));
        if (previous != null) { // the same ids again within a second: the earlier one's Stop goes now
            previous.timer.cancel();
            stop(previous.open, previous.counters, causes.decideFinally(tunnel, session, previous.open.startMs),
                    previous.at, previous.atMs);
        }
    }

    /** An L2TP event arrived: a Stop waiting for its cause may go now. */
    private void recheck(long key) {
        Ended e = awaitingCause.get(key);
        if (e == null) {
            return;
        }
        SessionContext c = e.open.session.context();
        causes.stopping(closing || !l2tpPresent.getAsBoolean());
        TerminateCause cause = causes.decide(c.localTunnelId(), c.localSessionId(), e.open.startMs);
        if (cause != null) {
            awaitingCause.remove(key);
            e.timer.cancel();
            stop(e.open, e.counters, cause, e.at, e.atMs);
        }
    }

    private void stop(Open o, DataCounters c, TerminateCause cause, Instant at, long atMs) {
        LOG.fine(() -> "accounting Stop " + o.id + " for " + o.session.interfaceName() + ": " + cause);
        submit(sessionRecord(AcctStatus.STOP, o, c, cause, at, atMs));
    }

    private void maybeOn() {
        if (!onSent && !closing && transport.hasServers(RadiusTransport.Role.ACCT)) {
            onSent = true;
            submit(nasRecord(AcctStatus.ACCOUNTING_ON));
        }
    }

    private void shutdown(CompletableFuture<Void> done) {
        closing = true;
        idle = done;
        causes.stopping(true);
        Instant at = scheduler.now();
        long atMs = scheduler.millis();
        for (Ended e : awaitingCause.values()) {
            e.timer.cancel();
            stop(e.open, e.counters, causes.decideFinally(e.open.session.context().localTunnelId(),
                    e.open.session.context().localSessionId(), e.open.startMs), e.at, e.atMs);
        }
        awaitingCause.clear();
        for (Open o : open.values()) {
            if (o.interim != null) {
                o.interim.cancel();
            }
            stop(o, o.session.counters(), TerminateCause.NAS_REBOOT, at, atMs);
        }
        open.clear();
        accounted.clear();
        if (onSent || transport.hasServers(RadiusTransport.Role.ACCT)) {
            submit(nasRecord(AcctStatus.ACCOUNTING_OFF));
        }
        if (retry != null) { // no waiting between probes any more: the caller's deadline bounds it all
            retry.cancel();
            retry = null;
        }
        probeAllowed = true;
        drain();
        checkIdle();
    }

    // ------------------------------------------------------------------------------------------------- records

    private AccountingRecord sessionRecord(AcctStatus type, Open o, DataCounters c, TerminateCause cause,
                                           Instant at, long atMs) {
        AaaSession s = o.session;
        List<Attribute<?>> a = new ArrayList<>();
        a.add(new AcctStatusType(new EnumData(type.value())));
        a.add(new AcctSessionId(new TextData(o.id)));
        if (s.user() != null) {
            a.add(new UserName(new TextData(s.user())));
        }
        a.addAll(nas.attributes(s.context()));
        if (Addresses.literal(s.peerAddress()) instanceof Inet4Address framed) {
            a.add(new FramedIpAddress(new Ipv4AddrData(framed)));
        }
        for (byte[] cl : o.classes) { // RFC 2865 section 5.25: unmodified, each
            a.add(new org.aaa4j.radius.core.attribute.attributes.Class(new StringData(cl)));
        }
        a.add(new AcctAuthentic(new EnumData(ACCT_AUTHENTIC_RADIUS)));
        // RFC 2867 section 4.1: for L2TP, the Call Serial Number.
        a.add(new AcctTunnelConnection(new TextData(Long.toUnsignedString(s.context().callSerial()))));
        a.add(new EventTimestamp(new TimeData(at))); // RFC 2869 section 5.3
        if (c != null) {
            long seconds = Math.max(0, Duration.between(s.started(), at).getSeconds());
            a.add(new AcctSessionTime(new IntegerData((int) Math.min(seconds, 0xFFFF_FFFFL))));
            // Input: from the subscriber (received on the session); octets modulo 2^32 plus the number of wraps
            // (RFC 2869 sections 5.1, 5.2).
            a.add(new AcctInputOctets(new IntegerData((int) c.rxBytes())));
            a.add(new AcctInputGigawords(new IntegerData((int) (c.rxBytes() >>> 32))));
            a.add(new AcctOutputOctets(new IntegerData((int) c.txBytes())));
            a.add(new AcctOutputGigawords(new IntegerData((int) (c.txBytes() >>> 32))));
            a.add(new AcctInputPackets(new IntegerData((int) c.rxPackets())));
            a.add(new AcctOutputPackets(new IntegerData((int) c.txPackets())));
        }
        if (cause != null) {
            a.add(new AcctTerminateCause(new EnumData(cause.value())));
        }
        return new AccountingRecord(++seq, type, o.id, atMs, a);
    }

    private AccountingRecord nasRecord(AcctStatus type) {
        String id = AcctSessionIds.next();
        List<Attribute<?>> a = new ArrayList<>();
        a.add(new AcctStatusType(new EnumData(type.value())));
        a.add(new AcctSessionId(new TextData(id)));
        a.addAll(nas.attributes(null));
        a.add(new EventTimestamp(new TimeData(scheduler.now())));
        return new AccountingRecord(++seq, type, id, scheduler.millis(), a);
    }

    // ------------------------------------------------------------------------------------------------ delivery

    private void submit(AccountingRecord r) {
        if (!transport.hasServers(RadiusTransport.Role.ACCT)) {
            return; // accounting is not configured: nothing to deliver to, nothing lost
        }
        if (!answering || !queue.isEmpty()) {
            enqueue(r); // behind the ones waiting, in order
            drain();
        } else {
            send(r, false);
        }
    }

    private void send(AccountingRecord r, boolean fromQueue) {
        Packet p = r.request(scheduler.millis(), fromQueue);
        inFlight++;
        if (fromQueue) {
            queuedInFlight++;
        }
        CompletionStage<Packet> stage;
        try {
            stage = transport.send(RadiusTransport.Role.ACCT, p);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((response, error) -> run(() -> sent(r, fromQueue, response, error)));
        updateWaiting();
    }

    private void sent(AccountingRecord r, boolean fromQueue, Packet response, Throwable error) {
        if (inFlight == 0) {
            return; // counted as dropped by close()
        }
        inFlight--;
        if (fromQueue) {
            queuedInFlight--;
        }
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e == null && response.getCode() == AccountingResponse.CODE) {
            answering = true;
        } else if (e instanceof RadiusTimeoutException || e instanceof RejectedExecutionException) {
            answering = false;
            enqueue(r);
            if (retry == null) {
                long delay = e instanceof RadiusTimeoutException ? RETRY_MS : BUSY_RETRY_MS;
                retry = scheduler.schedule(delay, () -> {
                    retry = null;
                    probeAllowed = true;
                    drain();
                });
            }
        } else {
            // Not an Accounting-Response, or a request that cannot be encoded: sending it again will not help.
            dropped.incrementAndGet();
            String why = e == null ? "answered with code " + response.getCode() : String.valueOf(e.getMessage());
            droppedLog.log(() -> "accounting " + r + " dropped: " + why);
        }
        drain();
        checkIdle();
    }

    private void enqueue(AccountingRecord r) {
        AccountingRecord lost = queue.add(r);
        if (lost != null) {
            dropped.incrementAndGet();
            droppedLog.log(() -> "accounting queue full (" + queue.size() + " waiting, acct.queue): "
                    + lost + " dropped");
        } else {
            waitingLog.log(() -> "no accounting server answers: " + queue.size()
                    + " accounting requests waiting; sent again when one does");
        }
        updateWaiting();
    }

    private void drain() {
        while (!queue.isEmpty()) {
            int window = answering ? DRAIN_WINDOW : probeAllowed ? 1 : 0;
            if (queuedInFlight >= window) {
                break;
            }
            if (!answering) {
                probeAllowed = false;
            }
            send(queue.poll(), true);
        }
        updateWaiting();
    }

    private void updateWaiting() {
        waiting = queue.size() + queuedInFlight;
    }

    private void checkIdle() {
        if (closing && idle != null && inFlight == 0 && queue.isEmpty()) {
            idle.complete(null);
        }
    }

    private void run(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.fine("accounting has stopped; an event came too late");
        }
    }

    private static void await(CompletableFuture<Void> f, long ms) {
        try {
            f.get(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // nothing more to do: stopping anyway
        }
    }
}
