package org.l2tp.ppp.engine;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.l2tp.ppp.link.Timers;

/**
 * One thread that runs the links given to it: their frames, timers and AAA answers, one task at a time, so a link's
 * state needs no locks. Never blocks on the network or on AAA: the poller and the AAA providers hand work to it.
 */
final class PppLoop implements Executor, Timers, AutoCloseable {
    private static final Logger LOG = Logger.getLogger("org.l2tp.ppp");
    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;

    PppLoop(String name) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        // Restart timers are cancelled far more often than they fire: do not keep them queued until their time.
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(guarded(task));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Shut down: the engine is going away and takes the links with it.
        }
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    @Override
    public long nowMs() {
        return System.nanoTime() / 1_000_000;
    }

    @Override
    public Timer schedule(long delayMs, Runnable task) {
        try {
            ScheduledFuture<?> f = executor.schedule(guarded(task), delayMs, TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return () -> { };
        }
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.SEVERE, "PPP loop: a task failed", e);
            }
        };
    }

    /** Runs what is queued (the links' releases) for up to 2 s, then stops. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                LOG.warning(Thread.currentThread().getName() + ": PPP loop still busy after 2 s; stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }
}
