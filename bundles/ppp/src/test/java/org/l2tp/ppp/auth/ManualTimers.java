package org.l2tp.ppp.auth;

import java.util.PriorityQueue;

import org.l2tp.ppp.link.Timers;

/** A virtual clock for these tests: tasks run in due order, on the caller's thread, when time is advanced. */
final class ManualTimers implements Timers {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long seq;

    private final class Task implements Timer, Comparable<Task> {
        final long due;
        final long order = seq++;
        final Runnable run;
        boolean cancelled;

        Task(long due, Runnable run) {
            this.due = due;
            this.run = run;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Task o) {
            return due != o.due ? Long.compare(due, o.due) : Long.compare(order, o.order);
        }
    }

    @Override
    public long nowMs() {
        return now;
    }

    @Override
    public Timer schedule(long delayMs, Runnable task) {
        Task t = new Task(now + delayMs, task);
        queue.add(t);
        return t;
    }

    /** Moves the clock forward by {@code ms}, running each due task and then {@code between}. */
    void advance(long ms, Runnable between) {
        long end = now + ms;
        while (!queue.isEmpty() && queue.peek().due <= end) {
            Task t = queue.poll();
            now = t.due;
            if (!t.cancelled) {
                t.run.run();
                between.run();
            }
        }
        now = end;
    }

    /** Timers scheduled and not cancelled. */
    long pending() {
        return queue.stream().filter(t -> !t.cancelled).count();
    }
}
