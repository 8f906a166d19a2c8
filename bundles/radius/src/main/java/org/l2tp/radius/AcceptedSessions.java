package org.l2tp.radius;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What Access-Accepts said for accounting, kept from the Accept until the session starts (then {@link #take}n by the
 * accounting part), keyed by {@link org.l2tp.api.aaa.SessionContext#port()}. An entry whose session never started
 * is forgotten after {@link #KEEP_S} seconds. Thread-safe.
 */
public final class AcceptedSessions {
    /** How long an Accept waits for its session to start. */
    public static final int KEEP_S = 120;

    /**
     * One Access-Accept.
     *
     * @param port             SessionContext.port() (NAS-Port)
     * @param user             the User-Name sent
     * @param classes          the Class attributes (RFC 2865 5.25: echoed unchanged in accounting), in order
     * @param interimIntervalS Acct-Interim-Interval (RFC 2869 5.16), 0 when absent
     */
    public record Accept(long port, String user, List<byte[]> classes, int interimIntervalS) {
        public Accept {
            List<byte[]> copy = new ArrayList<>();
            for (byte[] c : classes) {
                copy.add(c.clone());
            }
            classes = List.copyOf(copy);
        }

        @Override
        public List<byte[]> classes() {
            List<byte[]> copy = new ArrayList<>();
            for (byte[] c : classes) {
                copy.add(c.clone());
            }
            return copy;
        }
    }

    private record Entry(Accept accept, long at) {
    }

    private final Map<Long, Entry> entries = new LinkedHashMap<>();
    private final long keepNanos;

    public AcceptedSessions() {
        this(KEEP_S * 1000L);
    }

    /** For tests: a shorter keep time. */
    public AcceptedSessions(long keepMs) {
        this.keepNanos = TimeUnit.MILLISECONDS.toNanos(keepMs);
    }

    /** Keeps {@code a}, replacing an earlier Accept for the same port. */
    public synchronized void put(Accept a) {
        long now = System.nanoTime();
        expire(now);
        entries.remove(a.port()); // re-insert at the end: the map stays in time order
        entries.put(a.port(), new Entry(a, now));
    }

    /** The Accept for {@code port} and forgets it, or null (none, or older than the keep time). */
    public synchronized Accept take(long port) {
        expire(System.nanoTime());
        Entry e = entries.remove(port);
        return e == null ? null : e.accept();
    }

    public synchronized int size() {
        expire(System.nanoTime());
        return entries.size();
    }

    private void expire(long now) {
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
            if (now - it.next().at() < keepNanos) {
                return; // in time order: the rest are younger
            }
            it.remove();
        }
    }
}
