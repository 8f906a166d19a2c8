package org.l2tp.control;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The daemon's one I/O thread: a selector over every UDP socket, a timer queue and a task queue. All protocol state
 * lives on this thread, so none of it is locked. Other threads hand work in with {@link #execute}.
 */
final class EventLoop implements Scheduler, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EventLoop.class.getName());

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final TimerQueue timers;
    private volatile boolean running = true;

    /** A loop on the system's monotonic clock. */
    EventLoop(String name) throws IOException {
        this(name, () -> System.nanoTime() / 1_000_000L);
    }

    /** A loop on {@code clockMs} (milliseconds, monotonic). */
    EventLoop(String name, LongSupplier clockMs) throws IOException {
        timers = new TimerQueue(clockMs);
        selector = Selector.open();
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public long now() {
        return timers.now();
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
    @Override
    public void arm(Timer t, long deadline) {
        timers.arm(t, deadline);
    }

    @Override
    public void disarm(Timer t) {
        timers.disarm(t);
    }

    /** Watches {@code channel} for datagrams; {@code onReadable} runs on the loop. */
    SelectionKey register(SelectableChannel channel, Consumer<SelectionKey> onReadable) throws IOException {
        channel.configureBlocking(false);
        return channel.register(selector, SelectionKey.OP_READ, onReadable);
    }

    private void run() {
        while (running) {
            try {
                long wait = timers.runDue();
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
