package org.l2tp.pppd;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.sun.jna.LastErrorException;
import com.sun.jna.ptr.IntByReference;

/**
 * Reaps the children we spawned, and only those (a waitpid(-1) would steal the JVM's own): one thread polls each
 * live pid with WNOHANG. No zombie outlives a poll interval.
 */
final class Reaper implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("org.l2tp.pppd");
    private final Map<Integer, IntConsumer> children = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    Reaper(long intervalMs) {
        thread = new Thread(() -> {
            while (running) {
                poll();
                try {
                    Thread.sleep(intervalMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "l2tp-pppd-reaper");
        thread.setDaemon(true);
        thread.start();
    }

    /** Watches {@code pid}; {@code onExit} gets the raw wait status. */
    void watch(int pid, IntConsumer onExit) {
        children.put(pid, onExit);
    }

    int watched() {
        return children.size();
    }

    void poll() {
        IntByReference status = new IntByReference();
        for (Map.Entry<Integer, IntConsumer> e : children.entrySet()) {
            int pid = e.getKey();
            int r;
            try {
                r = Posix.INSTANCE.waitpid(pid, status, Posix.WNOHANG);
            } catch (LastErrorException ex) {
                // ECHILD: someone else reaped it; report it as killed so the session still ends.
                r = pid;
                status.setValue(Posix.SIGKILL);
            }
            if (r == pid && children.remove(pid) != null) {
                try {
                    e.getValue().accept(status.getValue());
                } catch (RuntimeException ex) {
                    LOG.log(Level.WARNING, "exit handler of pid " + pid + " failed", ex);
                }
            }
        }
    }

    static boolean exited(int status) {
        return (status & 0x7f) == 0;
    }

    static int exitCode(int status) {
        return (status >> 8) & 0xff;
    }

    static int signal(int status) {
        return status & 0x7f;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
