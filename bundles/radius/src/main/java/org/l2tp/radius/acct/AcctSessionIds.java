package org.l2tp.radius.acct;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Acct-Session-Id values (RFC 2866 section 5.5: unique, to match a session's Start with its Stop): the second this
 * bundle was loaded and a counter, 8 hex digits each, so ids differ across sessions and across daemon runs, and a
 * component restarted within a run goes on counting.
 */
final class AcctSessionIds {
    private static final long RUN = System.currentTimeMillis() / 1000L;
    private static final AtomicLong COUNTER = new AtomicLong();

    private AcctSessionIds() {
    }

    static String next() {
        return String.format("%08X%08X", RUN & 0xFFFF_FFFFL, COUNTER.incrementAndGet() & 0xFFFF_FFFFL);
    }
}
