package org.l2tp.ppp.kernel;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Platform;

/**
 * One epoll instance (level-triggered) through JNA. Each descriptor carries a 64-bit key that {@link #await} gives
 * back. add/delete are safe from any thread, also while another thread waits; await is for one thread at a time.
 */
public final class Epoll implements Closeable {
    public static final int EPOLLIN = 0x001;
    public static final int EPOLLOUT = 0x004;
    public static final int EPOLLERR = 0x008;
    public static final int EPOLLHUP = 0x010;
    public static final int EPOLLRDHUP = 0x2000;

    static final int EPOLL_CLOEXEC = 0x80000;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLL_CTL_MOD = 3;

    /**
     * struct epoll_event {uint32_t events; epoll_data_t data;}: __attribute__((packed)) on x86_64 only (12 octets,
     * data at 4); elsewhere the u64 is naturally aligned (16 octets, data at 8).
     */
    static final boolean PACKED = Platform.isIntel() && Platform.is64Bit();
    static final int EVENT_SIZE = PACKED ? 12 : 16;
    static final int EVENT_DATA = PACKED ? 4 : 8;

    private final int fd;
    private final int capacity;
    private final Memory events;
    private volatile boolean closed;

    /** An epoll instance returning at most {@code capacity} events per {@link #await}. */
    public Epoll(int capacity) throws IOException {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        try {
            fd = LibC.INSTANCE.epoll_create1(EPOLL_CLOEXEC);
        } catch (LastErrorException e) {
            throw LibC.error("epoll_create1", e);
        }
        this.capacity = capacity;
        this.events = new Memory((long) capacity * EVENT_SIZE);
    }

    /** Watches {@code target} for {@code eventMask} (EPOLLIN ...); events on it come back with {@code key}. */
    public void add(int target, int eventMask, long key) throws IOException {
        try {
            LibC.INSTANCE.epoll_ctl(fd, EPOLL_CTL_ADD, target, event(eventMask, key));
        } catch (LastErrorException e) {
            throw LibC.error("epoll_ctl(ADD, fd " + target + ")", e);
        }
    }

    /** Stops watching {@code target}. */
    public void delete(int target) throws IOException {
        try {
            // Linux ignores the event for DEL, but kernels before 2.6.9 wanted a non-null pointer.
            LibC.INSTANCE.epoll_ctl(fd, EPOLL_CTL_DEL, target, new byte[EVENT_SIZE]);
        } catch (LastErrorException e) {
            throw LibC.error("epoll_ctl(DEL, fd " + target + ")", e);
        }
    }

    /**
     * Waits up to {@code timeoutMs} (-1: forever) for events: their number, with keys[i] and masks[i] filled for
     * each (arrays of at least the capacity). 0 on time-out or on EINTR.
     */
    public int await(long[] keys, int[] masks, int timeoutMs) throws IOException {
        int n;
        try {
            n = LibC.INSTANCE.epoll_wait(fd, events, capacity, timeoutMs);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.EINTR) {
                return 0;
            }
            throw LibC.error("epoll_wait", e);
        }
        for (int i = 0; i < n; i++) {
            long base = (long) i * EVENT_SIZE;
            masks[i] = events.getInt(base);
            keys[i] = events.getLong(base + EVENT_DATA);
        }
        return n;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LibC.closeQuietly(fd);
        }
    }

    /** The bytes of a struct epoll_event for this platform. */
    static byte[] event(int eventMask, long key) {
        ByteBuffer b = ByteBuffer.allocate(EVENT_SIZE).order(ByteOrder.nativeOrder());
        b.putInt(0, eventMask);
        b.putLong(EVENT_DATA, key);
        return b.array();
    }
}
