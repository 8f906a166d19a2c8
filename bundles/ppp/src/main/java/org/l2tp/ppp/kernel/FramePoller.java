package org.l2tp.ppp.kernel;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;

/**
 * One daemon thread ("ppp-poller") that waits on epoll (level-triggered) for many descriptors — /dev/ppp channel
 * and unit descriptors — reads each ready one until it has nothing more (EAGAIN; at most {@link #BURST} frames per
 * round, so one busy descriptor cannot starve the others: level-triggered epoll reports it again) and hands every
 * frame to the handler registered for that descriptor.
 *
 * <p>{@link #register} and {@link #unregister} are safe from any thread, also from inside a handler. Once
 * unregister returns, the poller neither reads that descriptor nor calls its handler again (it waits for a call in
 * progress, unless called from that very handler), so the caller may close the descriptor at once. A handler must
 * therefore not block on a lock held by a thread that is unregistering its descriptor.
 *
 * <p>A read error, or end of file (the PPP channel went away, the unit lost its last channel, a pipe's writer
 * closed), goes to {@link FrameHandler#error} and the descriptor is no longer watched. Exceptions thrown by handlers
 * are logged and never stop the thread. {@link #close} wakes the thread through an eventfd (no time-outs).
 */
public final class FramePoller implements Closeable {
    private static final Logger LOG = Logger.getLogger("org.l2tp.ppp.kernel");
    /** Frames read from one descriptor before the others get their turn. */
    static final int BURST = 64;
    private static final int EVENTS = 256;
    private static final long WAKE_KEY = -1L;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;

    private final Epoll epoll;
    private final int wakeFd;
    private final Map<Integer, Registration> registrations = new ConcurrentHashMap<>();
    private final AtomicInteger generations = new AtomicInteger();
    private final Memory buffer = new Memory(PppDev.MAX_FRAME);
    private final Thread thread;
    private volatile boolean closed;
    /** close() was called from a handler: nobody joins the thread, so the loop releases epoll itself. */
    private volatile boolean closedOnThread;

    private static final class Registration {
        final int fd;
        final int generation;
        final FrameHandler handler;
        boolean active = true; // guarded by this

        Registration(int fd, int generation, FrameHandler handler) {
            this.fd = fd;
            this.generation = generation;
            this.handler = handler;
        }
    }

    /** Starts the poller thread. */
    public FramePoller() throws IOException {
        epoll = new Epoll(EVENTS);
        try {
            wakeFd = LibC.INSTANCE.eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        } catch (LastErrorException e) {
            epoll.close();
            throw LibC.error("eventfd", e);
        }
        try {
            epoll.add(wakeFd, Epoll.EPOLLIN, WAKE_KEY);
        } catch (IOException e) {
            LibC.closeQuietly(wakeFd);
            epoll.close();
            throw e;
        }
        thread = new Thread(this::run, "ppp-poller");
        thread.setDaemon(true);
        thread.start();
    }

    /** Watches {@code fd} (non-blocking) and hands its frames to {@code handler}; one handler per descriptor. */
    public void register(int fd, FrameHandler handler) throws IOException {
        if (handler == null) {
            throw new NullPointerException("handler");
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the PPP frame poller is closed");
            }
            if (registrations.containsKey(fd)) {
                throw new IllegalStateException("fd " + fd + " is already registered");
            }
            // The generation in the key keeps a stale event for an earlier registration of the same number away.
            Registration r = new Registration(fd, generations.incrementAndGet() & 0x7fffffff, handler);
            registrations.put(fd, r);
            try {
                epoll.add(fd, Epoll.EPOLLIN, ((long) r.generation << 32) | (fd & 0xffffffffL));
            } catch (IOException e) {
                registrations.remove(fd, r);
                throw e;
            }
        }
    }

    /** Stops watching {@code fd}; false if it was not registered (or already dropped after an error). */
    public boolean unregister(int fd) {
        Registration r;
        synchronized (this) {
            r = registrations.remove(fd);
            if (r == null) {
                return false;
            }
            deleteQuietly(fd);
        }
        synchronized (r) { // waits for a read or callback in progress on fd (re-entrant from its own handler)
            r.active = false;
        }
        return true;
    }

    /** True while {@code fd} is watched. */
    public boolean isRegistered(int fd) {
        return registrations.containsKey(fd);
    }

    /** Stops the thread (waiting for it unless called from a handler) and releases epoll; handlers are dropped. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (Thread.currentThread() == thread) {
            closedOnThread = true;
            return;
        }
        wake();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        release();
    }

    private void release() {
        synchronized (this) {
            for (Registration r : registrations.values()) {
                deleteQuietly(r.fd);
            }
            registrations.clear();
        }
        epoll.close();
        LibC.closeQuietly(wakeFd);
    }

    private void wake() {
        try {
            byte[] one = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(1).array();
            LibC.INSTANCE.write(wakeFd, one, 8);
        } catch (LastErrorException e) {
            LOG.log(Level.FINE, "eventfd write failed (counter full?)", e);
        }
    }

    private void run() {
        long[] keys = new long[EVENTS];
        int[] masks = new int[EVENTS];
        try {
            while (!closed) {
                int n;
                try {
                    n = epoll.await(keys, masks, -1);
                } catch (IOException e) {
                    if (closed) {
                        break;
                    }
                    LOG.log(Level.SEVERE, "PPP frame poller: epoll_wait failed; retrying in 100 ms", e);
                    sleep();
                    continue;
                }
                for (int i = 0; i < n && !closed; i++) {
                    if (keys[i] == WAKE_KEY) {
                        drainWake();
                        continue;
                    }
                    Registration r = registrations.get((int) keys[i]);
                    if (r != null && r.generation == (int) (keys[i] >>> 32)) {
                        serve(r);
                    }
                }
            }
        } finally {
            if (closedOnThread) {
                release();
            }
        }
    }


    private void serve(Registration r) {
        synchronized (r) {
            for (int i = 0; i < BURST && r.active && !closed; i++) {
                long got;
                try {
                    got = LibC.INSTANCE.read(r.fd, buffer, buffer.size());
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == LibC.EAGAIN) {
                        return;
                    }
                    if (e.getErrorCode() == LibC.EINTR) {
                        continue;
                    }
                    fail(r, LibC.error("read on fd " + r.fd, e));
                    return;
                }
                if (got == 0) {
                    fail(r, new EOFException("fd " + r.fd + ": end of file (PPP channel gone, or unit without"
                            + " channel)"));
                    return;
                }
                byte[] frame = buffer.getByteArray(0, (int) got);
                try {
                    r.handler.frame(frame);
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.WARNING, "PPP frame handler for fd " + r.fd + " failed", e);
                }
            }
        }
    }

    private void fail(Registration r, IOException e) {
        r.active = false;
        synchronized (this) {
            if (registrations.remove(r.fd, r)) {
                deleteQuietly(r.fd);
            }
        }
        try {
            r.handler.error(e);
        } catch (RuntimeException | Error ex) {
            LOG.log(Level.WARNING, "PPP frame handler for fd " + r.fd + " failed on " + e.getMessage(), ex);
        }
    }

    private void deleteQuietly(int fd) {
        try {
            epoll.delete(fd);
        } catch (IOException e) {
            LOG.log(Level.FINE, "epoll DEL fd " + fd + " (closed already?)", e);
        }
    }

    private void drainWake() {
        try {
            LibC.INSTANCE.read(wakeFd, new byte[8], 8);
        } catch (LastErrorException ignored) {
            // EAGAIN: drained already
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
