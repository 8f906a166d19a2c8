package org.l2tp.ppp.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FramePoller on this host with AF_UNIX SOCK_SEQPACKET pairs (they keep message boundaries like /dev/ppp, and read
 * 0 when the other end closes, like a dead PPP channel) and pipes.
 */
class FramePollerTest {
    static final int AF_UNIX = 1;
    static final int SOCK_SEQPACKET = 5;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;

    private final List<Integer> fds = new ArrayList<>();
    private final PppDev dev = new PppDev();
    private FramePoller poller;

    @BeforeEach
    void start() throws IOException {
        poller = new FramePoller();
    }

    @AfterEach
    void stop() {
        poller.close();
        fds.forEach(LibC::closeQuietly);
    }

    /** {ours (non-blocking, polled), theirs}. */
    private int[] pair() {
        int[] p = new int[2];
        LibC.INSTANCE.socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, p);
        fds.add(p[0]);
        fds.add(p[1]);
        return p;
    }

    private static final class Recorder implements FrameHandler {
        final BlockingQueue<byte[]> frames = new ArrayBlockingQueue<>(10_000);
        final BlockingQueue<IOException> errors = new ArrayBlockingQueue<>(10);
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void frame(byte[] f) {
            threads.add(Thread.currentThread().getName());
            frames.add(f);
        }

        @Override
        public void error(IOException e) {
            errors.add(e);
        }
    }

    @Test
    void framesArriveWholeOnThePollerThreadForEachDescriptor() throws Exception {
        int[] a = pair();
        int[] b = pair();
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        poller.register(a[0], ra);
        poller.register(b[0], rb);
        dev.write(a[1], new byte[] {(byte) 0xc0, 0x21, 1, 2, 0, 4}, 0, 6);
        dev.write(b[1], new byte[] {9, (byte) 0x80, 0x21, 5}, 1, 3);
        dev.write(a[1], new byte[1500], 0, 1500);
        assertArrayEquals(new byte[] {(byte) 0xc0, 0x21, 1, 2, 0, 4}, ra.frames.poll(5, TimeUnit.SECONDS));
        assertEquals(1500, ra.frames.poll(5, TimeUnit.SECONDS).length);
        assertArrayEquals(new byte[] {(byte) 0x80, 0x21, 5}, rb.frames.poll(5, TimeUnit.SECONDS));
        assertEquals("ppp-poller", ra.threads.get(0));
        assertTrue(ra.frames.isEmpty());
        assertTrue(ra.errors.isEmpty());
    }

    @Test
    void aBurstIsReadCompletelyAndInOrder() throws Exception {
        int[] a = pair();
        Recorder r = new Recorder();
        poller.register(a[0], r);
        for (int i = 0; i < 500; i++) {
            byte[] f = {0, 0x21, (byte) (i >> 8), (byte) i};
            while (true) { // the writer is non-blocking too: wait while the socket buffer is full
                try {
                    dev.write(a[1], f, 0, 4);
                    break;
                } catch (IOException full) {
                    assertTrue(full.getMessage().contains("errno 11"), full.getMessage());
                    Thread.sleep(1);
                }
            }
        }
        for (int i = 0; i < 500; i++) {
            byte[] f = r.frames.poll(5, TimeUnit.SECONDS);
            assertNotNull(f, "frame " + i);
            assertEquals(i, ((f[2] & 0xff) << 8) | (f[3] & 0xff));
        }
    }

    @Test
    void endOfFileIsReportedOnceAndTheDescriptorDropped() throws Exception {
        int[] a = pair();
        Recorder r = new Recorder();
        poller.register(a[0], r);
        dev.write(a[1], new byte[] {1, 2}, 0, 2);
        LibC.INSTANCE.close(a[1]);
        fds.remove((Integer) a[1]);
        assertArrayEquals(new byte[] {1, 2}, r.frames.poll(5, TimeUnit.SECONDS));
        assertInstanceOf(EOFException.class, r.errors.poll(5, TimeUnit.SECONDS));
        Thread.sleep(200);
        assertTrue(r.errors.isEmpty(), "one report only");
        assertFalse(poller.isRegistered(a[0]));
        // the number can be registered again (a new session reusing the descriptor number)
        poller.register(a[0], new Recorder());
    }

    @Test
    void pipeHangUpIsEndOfFile() throws Exception {
        int[] p = new int[2];
        LibC.INSTANCE.pipe2(p, SOCK_NONBLOCK | SOCK_CLOEXEC); // O_NONBLOCK and O_CLOEXEC have the same values
        fds.add(p[0]);
        Recorder r = new Recorder();
        poller.register(p[0], r);
        dev.write(p[1], new byte[] {7, 7, 7}, 0, 3);
        assertArrayEquals(new byte[] {7, 7, 7}, r.frames.poll(5, TimeUnit.SECONDS));
        LibC.INSTANCE.close(p[1]);
        assertInstanceOf(EOFException.class, r.errors.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void readErrorsAreReportedWithTheErrno() throws Exception {
        // A descriptor open for writing only: read gives EBADF.
        int[] p = new int[2];
        LibC.INSTANCE.pipe2(p, SOCK_NONBLOCK | SOCK_CLOEXEC);
        fds.add(p[0]);
        fds.add(p[1]);
        Recorder r = new Recorder();
        // The write end of a full pipe is not readable; of an empty one it is writable only: make it report EPOLLERR
        // by closing the read end (a writer with no reader gets EPOLLERR), then reading it fails with EBADF.
        poller.register(p[1], r);
        LibC.INSTANCE.close(p[0]);
        fds.remove((Integer) p[0]);
        IOException e = r.errors.poll(5, TimeUnit.SECONDS);
        assertNotNull(e);
        assertTrue(e.getMessage().matches("read on fd \\d+: errno 9 \\(Bad file descriptor\\)"), e.getMessage());
    }

    @Test
    void handlerExceptionsDoNotStopThePoller() throws Exception {
        int[] a = pair();
        BlockingQueue<byte[]> got = new ArrayBlockingQueue<>(10);
        poller.register(a[0], f -> {
            got.add(f);
            throw new IllegalStateException("handler bug (expected by the test)");
        });
        dev.write(a[1], new byte[] {1}, 0, 1);
        dev.write(a[1], new byte[] {2}, 0, 1);
        assertArrayEquals(new byte[] {1}, got.poll(5, TimeUnit.SECONDS));
        assertArrayEquals(new byte[] {2}, got.poll(5, TimeUnit.SECONDS));
    }

    @Test
    void unregisterFromInsideAHandlerStopsDeliveryAtOnce() throws Exception {
        int[] a = pair();
        int[] b = pair();
        BlockingQueue<byte[]> got = new ArrayBlockingQueue<>(10);
        Recorder rb = new Recorder();
        poller.register(b[0], rb);
        poller.register(a[0], f -> {
            got.add(f);
            assertTrue(poller.unregister(a[0]));
            assertTrue(poller.unregister(b[0])); // another descriptor, from the same handler
        });
        dev.write(a[1], new byte[] {1}, 0, 1);
        dev.write(a[1], new byte[] {2}, 0, 1);
        assertArrayEquals(new byte[] {1}, got.poll(5, TimeUnit.SECONDS));
        dev.write(b[1], new byte[] {3}, 0, 1);
        Thread.sleep(300);
        assertTrue(got.isEmpty(), "no frame after unregister");
        assertTrue(rb.frames.isEmpty(), "no frame after unregister");
        assertFalse(poller.unregister(a[0]));
        // the unread frame is still there for whoever reads next
        byte[] buf = new byte[16];
        assertEquals(1, dev.read(a[0], buf));
        assertEquals(2, buf[0]);
        assertEquals(-1, dev.read(a[0], buf));
    }

    @Test
    void unregisterFromAnotherThreadWaitsForTheCallbackInProgress() throws Exception {
        int[] a = pair();
        CountDownLatch inHandler = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        poller.register(a[0], f -> {
            inHandler.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events.add("handler done");
        });
        dev.write(a[1], new byte[] {1}, 0, 1);
        assertTrue(inHandler.await(5, TimeUnit.SECONDS));
        Thread t = new Thread(() -> {
            poller.unregister(a[0]);
            events.add("unregistered");
        });
        t.start();
        Thread.sleep(200);
        assertEquals(List.of(), events, "unregister waits for the handler");
        release.countDown();
        t.join(5000);
        assertEquals(List.of("handler done", "unregistered"), events);
    }

    @Test
    void registrationRules() throws Exception {
        int[] a = pair();
        poller.register(a[0], f -> { });
        assertThrows(IllegalStateException.class, () -> poller.register(a[0], f -> { }));
        IOException e = assertThrows(IOException.class, () -> poller.register(123_456, f -> { }));
        assertTrue(e.getMessage().contains("errno 9"), e.getMessage());
        assertFalse(poller.isRegistered(123_456));
    }

    @Test
    void closeWakesThePollerAtOnceAndIsIdempotent() throws Exception {
        int[] a = pair();
        poller.register(a[0], f -> { });
        Thread.sleep(100); // the thread is now blocked in epoll_wait with no time-out
        long t0 = System.nanoTime();
        poller.close();
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2));
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("ppp-poller") && t.isAlive() && !t.isDaemon()));
        poller.close();
        assertThrows(IllegalStateException.class, () -> poller.register(a[0], f -> { }));
    }

    @Test
    void closeFromAHandler() throws Exception {
        int[] a = pair();
        CountDownLatch done = new CountDownLatch(1);
        poller.register(a[0], f -> {
            poller.close();
            done.countDown();
        });
        dev.write(a[1], new byte[] {1}, 0, 1);
        assertTrue(done.await(5, TimeUnit.SECONDS));
    }
}
