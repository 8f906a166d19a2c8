package org.l2tp.control;

/**
 * The clock and timers the automata run on: the event loop's in the daemon, a virtual clock in tests
 * ({@link TimerQueue} either way). Loop thread only.
 */
interface Scheduler {
    /** Milliseconds on a monotonic clock. */
    long now();

    /** Arms {@code t} to fire at {@code deadline}; arming again moves it. */
    void arm(Timer t, long deadline);

    void disarm(Timer t);

    /** A re-armable timer; arming it earlier or later is O(log n) at worst and usually free. */
    final class Timer {
        private final Runnable task;
        long deadline = -1;
        long queuedFor = -1;

        Timer(Runnable task) {
            this.task = task;
        }

        boolean armed() {
            return deadline >= 0;
        }

        long deadline() {
            return deadline;
        }

        void fire() {
            task.run();
        }
    }
}
