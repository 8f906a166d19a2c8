package org.l2tp.radius.acct;

import java.time.Instant;
import java.util.concurrent.Executor;

/**
 * The one thread accounting's state lives on, with its clocks and timers: a seam so that tests can run the interim
 * schedule, the retry queue and the waits on a virtual clock. {@link #execute} runs tasks in order, one at a time.
 */
public interface Scheduler extends Executor {
    /** Wall-clock time, for Event-Timestamp and Acct-Session-Time. */
    Instant now();

    /** Monotonic milliseconds, for intervals and delays. */
    long millis();

    /** Runs {@code task} on this scheduler's thread after {@code delayMs}; the returned handle cancels it. */
    Cancellable schedule(long delayMs, Runnable task);

    /** A scheduled task that may still be cancelled; cancelling one that ran or was cancelled does nothing. */
    interface Cancellable {
        void cancel();
    }
}
