package org.l2tp.ppp.link;

/**
 * Time as the PPP automata see it: a clock and one-shot timers that run on the link's own thread. Tests give a
 * virtual clock; the engine gives its event loop's timer queue.
 */
public interface Timers {
    /** Milliseconds on a monotonic clock. */
    long nowMs();

    /** Runs {@code task} on the link's thread after {@code delayMs}; cancel() before it ran stops it. */
    Timer schedule(long delayMs, Runnable task);

    /** One scheduled task. */
    interface Timer {
        void cancel();
    }
}
