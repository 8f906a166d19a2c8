package org.l2tp.control;

import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A token bucket: at most {@code burst} events at once and {@code perSecond} on average. Used for everything a
 * stranger can make us do (log lines, stateless answers), so that a flood costs a bounded amount of disk and
 * bandwidth while the counters beside it stay exact. Loop thread only.
 */
final class Throttle {
    private final double perMs;
    private final double burst;
    private final LongSupplier clock;
    private double tokens;
    private long last;
    /** Events refused since the last summary. */
    private long suppressed;
    private long suppressedTotal;

    private final String what;

    Throttle(String what, double perSecond, int burst, LongSupplier clockMs) {
        this.what = what;
        this.perMs = perSecond / 1000.0;
        this.burst = burst;
        this.clock = clockMs;
        this.tokens = burst;
        this.last = clockMs.getAsLong();
    }

    /** Whether one more event may happen now; a refused one is counted. */
    boolean tryAcquire() {
        long now = clock.getAsLong();
        tokens = Math.min(burst, tokens + (now - last) * perMs);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        suppressed++;
        suppressedTotal++;
        return false;
    }

    long suppressedTotal() {
        return suppressedTotal;
    }

    /** Called now and then: says how many lines a flood that has since stopped kept out of the log. */
    void summary(Logger log, Level level) {
        if (suppressed > 0) {
            long n = suppressed;
            suppressed = 0;
            log.log(level, () -> "rate limit: " + n + " " + what + " suppressed since the last summary; the counters "
                    + "have them all");
        }
    }

    /**
     * Logs {@code line} if the bucket allows; the first line let through after some were suppressed says how many
     * went unlogged, so the log still tells the size of a flood.
     */
    void log(Logger log, Level level, Supplier<String> line) {
        if (!log.isLoggable(level)) {
            return;
        }
        if (tryAcquire()) {
            long n = suppressed;
            suppressed = 0;
            log.log(level, () -> line.get() + (n > 0 ? " (" + n + " similar lines suppressed before this one)" : ""));
        }
    }
}
