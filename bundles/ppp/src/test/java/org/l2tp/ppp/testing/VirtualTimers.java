package org.l2tp.ppp.testing;

import java.util.PriorityQueue;

import org.l2tp.ppp.link.Timers;

/** A virtual clock for the automata: time moves only by {@link #advance}, which runs due tasks in time order. */
public final class VirtualTimers implements Timers {
    private final class Task implements Timer, Comparable<Task> {
        final long due;
        final long seq;
        final Runnable run;
        boolean cancelled;

        Task(long due, long seq, Runnable run) {
            this.due = due;
            this.seq = seq;
            this.run = run;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Task o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long seq;

    @Override
    public long nowMs() {
        return now;
    }

    @Override
    public Timer schedule(long delayMs, Runnable task) {
        Task t = new Task(now + Math.max(0, delayMs), seq++, task);
        queue.add(t);
        return t;
    }

    /** Moves the clock by {@code ms}, running every task due by then (also those scheduled while advancing). */
    public void advance(long ms) {
        long target = now + ms;
        while (!queue.isEmpty() && queue.peek().due <= target) {
            Task t = queue.poll();
            if (!t.cancelled) {
                now = t.due;
                t.run.run();
            }
        }
        now = target;
    }

    /** Tasks scheduled and neither run nor cancelled. */
    public int pending() {
        return (int) queue.stream().filter(t -> !t.cancelled).count();
    }
}
