package org.l2tp.radius;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A log line that says what happened at most once per interval and how often it was kept quiet meanwhile: for what
 * a peer can make us log as often as it likes (forged responses, unknown DAS clients). Thread-safe.
 */
public final class RateLimitedLog {
    private final Logger logger;
    private final Level level;
    private final long intervalNanos;
    private long next = System.nanoTime();
    private long suppressed;

    public RateLimitedLog(Logger logger, Level level, long intervalMs) {
        this.logger = logger;
        this.level = level;
        this.intervalNanos = intervalMs * 1_000_000L;
    }

    /** Logs {@code message} now, or counts it when a line was logged less than the interval ago. */
    public void log(Supplier<String> message) {
        if (!logger.isLoggable(level)) {
            return;
        }
        long quiet;
        synchronized (this) {
            long now = System.nanoTime();
            if (now - next < 0) {
                suppressed++;
                return;
            }
            next = now + intervalNanos;
            quiet = suppressed;
            suppressed = 0;
        }
        String m = message.get();
        logger.log(level, quiet == 0 ? m : m + " (" + quiet + " similar not logged)");
    }
}
