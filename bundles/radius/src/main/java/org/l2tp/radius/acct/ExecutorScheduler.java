package org.l2tp.radius.acct;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The real {@link Scheduler}: one daemon thread of its own. */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = Logger.getLogger("org.l2tp.radius");
    private final ScheduledThreadPoolExecutor executor;

    public ExecutorScheduler(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        // Interim timers of ended sessions are cancelled: they must not pile up until their time comes.
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public long millis() {
        return System.nanoTime() / 1_000_000L;
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(guarded(task));
    }

    @Override
    public Cancellable schedule(long delayMs, Runnable task) {
        ScheduledFuture<?> f = executor.schedule(guarded(task), Math.max(0, delayMs), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    /** A failing task must not end the thread's other work silently. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.WARNING, "accounting task failed", e);
            }
        };
    }

    /** Stops the thread after the tasks already submitted; delayed ones are dropped. */
    @Override
    public void close() {
        executor.shutdown();
    }

    /** Waits at most {@code ms} for the thread to finish, after {@link #close}. */
    public boolean awaitTermination(long ms) throws InterruptedException {
        return executor.awaitTermination(ms, TimeUnit.MILLISECONDS);
    }
}
