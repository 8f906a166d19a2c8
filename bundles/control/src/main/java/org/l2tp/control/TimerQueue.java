package org.l2tp.control;

import java.util.PriorityQueue;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Timers on a clock given from outside: the event loop's monotonic clock in the daemon, a clock a test moves by
 * hand otherwise. A re-armed timer keeps its queue entry when the new deadline is later (the entry fires, finds the
 * deadline moved, and re-queues), so re-arming on every message costs nothing.
 */
final class TimerQueue implements Scheduler {
    private static final Logger LOG = Logger.getLogger(TimerQueue.class.getName());

    private record Entry(Timer timer, long deadline) {
    }

    private final PriorityQueue<Entry> timers = new PriorityQueue<>((a, b) -> Long.compare(a.deadline, b.deadline));
    private final LongSupplier clock;

    TimerQueue(LongSupplier clockMs) {
        this.clock = clockMs;
    }

    @Override
    public long now() {
        return clock.getAsLong();
    }

    @Override
    public void arm(Timer t, long deadline) {
        t.deadline = deadline;
        if (t.queuedFor < 0 || deadline < t.queuedFor) {
            timers.add(new Entry(t, deadline));
            t.queuedFor = deadline;
        }
    }

    @Override
    public void disarm(Timer t) {
        t.deadline = -1;
    }

    /** Fires due timers; returns ms until the next one, or -1 if none. */
    long runDue() {
        long now = now();
        Entry e;
        while ((e = timers.peek()) != null) {
            if (e.deadline > now) {
                return e.deadline - now;
            }
            timers.poll();
            Timer t = e.timer;
            if (t.queuedFor != e.deadline) {
                continue; // superseded by an entry for an earlier deadline
            }
            t.queuedFor = -1;
            if (t.deadline < 0) {
                continue;
            }
            if (t.deadline > now) {
                arm(t, t.deadline);
                continue;
            }
            t.deadline = -1;
            try {
                t.fire();
            } catch (RuntimeException ex) {
                LOG.log(Level.SEVERE, "timer task failed", ex);
            }
        }
        return -1;
    }
}
