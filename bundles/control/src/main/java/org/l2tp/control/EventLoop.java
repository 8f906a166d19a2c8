package org.l2tp.control;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The daemon's one I/O thread: a selector over every UDP socket, a timer queue and a task queue. All protocol state
 * lives on this thread, so none of it is locked. Other threads hand work in with {@link #execute}.
 */
final class EventLoop implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EventLoop.class.getName());

    /** A re-armable timer; arming it earlier or later is O(log n) at worst and usually free. */
    static final class Timer {
        private final Runnable task;
        private long deadline = -1;
        private long queuedFor = -1;

        Timer(Runnable task) {
            this.task = task;
        }

        boolean armed() {
            return deadline >= 0;
        }

        long deadline() {
            return deadline;
        }
    }

    private record Entry(Timer timer, long deadline) {
    }

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Entry> timers = new PriorityQueue<>((a, b) -> Long.compare(a.deadline, b.deadline));
    private volatile boolean running = true;

    EventLoop(String name) throws IOException {
        selector = Selector.open();
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Milliseconds on a monotonic clock. */
    long now() {
        return System.nanoTime() / 1_000_000L;
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop; from any thread. */
    void execute(Runnable task) {
        tasks.add(task);
        if (!inLoop()) {
            selector.wakeup();
        }
    }

    /** Arms {@code t} to fire at {@code deadline} (loop thread only). */
    void arm(Timer t, long deadline) {
        t.deadline = deadline;
        if (t.queuedFor < 0 || deadline < t.queuedFor) {
            timers.add(new Entry(t, deadline));
            t.queuedFor = deadline;
        }
    }

    void disarm(Timer t) {
        t.deadline = -1;
    }

    /** Watches {@code channel} for datagrams; {@code onReadable} runs on the loop. */
    SelectionKey register(SelectableChannel channel, Consumer<SelectionKey> onReadable) throws IOException {
        channel.configureBlocking(false);
        return channel.register(selector, SelectionKey.OP_READ, onReadable);
    }

    private void run() {
        while (running) {
            try {
                long wait = runTimers();
                if (!tasks.isEmpty()) {
                    selector.selectNow();
                } else if (wait < 0) {
                    selector.select();
                } else {
                    selector.select(Math.max(1, wait));
                }
                Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                while (it.hasNext()) {
                    SelectionKey k = it.next();
                    it.remove();
                    if (k.isValid()) {
                        @SuppressWarnings("unchecked")
                        Consumer<SelectionKey> handler = (Consumer<SelectionKey>) k.attachment();
                        handler.accept(k);
                    }
                }
                Runnable r;
                while ((r = tasks.poll()) != null) {
                    r.run();
                }
            } catch (ClosedSelectorException e) {
                return;
            } catch (RuntimeException | IOException | Error e) {
                // A bug in one handler must not take every tunnel down with the loop.
                LOG.log(Level.SEVERE, "event loop: unexpected failure, continuing", e);
            }
        }
    }

    /** Fires due timers; returns ms until the next one, or -1 if none. */
    private long runTimers() {
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
                t.task.run();
            } catch (RuntimeException ex) {
                LOG.log(Level.SEVERE, "timer task failed", ex);
            }
        }
        return -1;
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        if (!inLoop()) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
