package org.l2tp.radius.acct;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} on a virtual clock, driven by the test's thread: tasks run when the test calls
 * {@link #runPending()} or {@link #advance}, timers when the clock passes their time. Not thread-safe.
 */
final class VirtualScheduler implements Scheduler {
    private record Timer(long at, long seq, Runnable task, boolean[] cancelled) {
    }

    private final Instant epoch;
    private long now;
    private long seq;
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            Comparator.comparingLong(Timer::at).thenComparingLong(Timer::seq));

    VirtualScheduler(Instant epoch) {
        this.epoch = epoch;
    }

    @Override
    public Instant now() {
        return epoch.plusMillis(now);
    }

    @Override
    public long millis() {
        return now;
    }

    @Override
    public void execute(Runnable task) {
        ready.add(task);
    }

    @Override
    public Cancellable schedule(long delayMs, Runnable task) {
        boolean[] cancelled = {false};
        timers.add(new Timer(now + Math.max(0, delayMs), seq++, task, cancelled));
        return () -> cancelled[0] = true;
    }

    /** Runs every task ready now, and those they make ready. */
    void runPending() {
        for (Runnable r; (r = ready.poll()) != null; ) {
            r.run();
        }
    }

    /** Moves the clock {@code ms} forward, running timers at their times and everything ready in between. */
    void advance(long ms) {
        long end = now + ms;
        runPending();
        while (!timers.isEmpty() && timers.peek().at() <= end) {
            Timer t = timers.poll();
            now = Math.max(now, t.at());
            if (!t.cancelled()[0]) {
                t.task().run();
            }
            runPending();
        }
        now = end;
        runPending();
    }

    /** Timers still to fire (cancelled ones excluded). */
    long pendingTimers() {
        return timers.stream().filter(t -> !t.cancelled()[0]).count();
    }
}
