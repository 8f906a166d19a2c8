package org.l2tp.pppd;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import com.sun.jna.LastErrorException;

import org.l2tp.api.dataplane.SessionParameters;
import org.l2tp.api.ppp.PppExitListener;
import org.l2tp.api.ppp.PppProcess;

/**
 * Spawns and supervises pppd processes: plain Java, no OSGi, so tests can drive it with a stand-in pppd. An exit of
 * pppd's own ends its session with a fitting CDN; {@link PppProcess#stop()} sends SIGTERM, then SIGKILL after the
 * profile's grace period; every child is reaped and its pool address released.
 */
final class Pppd implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("org.l2tp.pppd");
    private final Reaper reaper;
    private final ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "l2tp-pppd-killer");
        t.setDaemon(true);
        return t;
    });

    Pppd(long reapIntervalMs) {
        this.reaper = new Reaper(reapIntervalMs);
    }

    PppProcess start(PppProfile profile, AddressPool pool, SessionParameters s, int sessionFd,
                     PppExitListener onExit) throws IOException {
        String peer = null;
        if (s.lns() && pool != null) {
            peer = pool.lease();
            if (peer == null) {
                throw new IOException("address pool of PPP profile " + profile.name() + " is exhausted");
            }
        }
        List<String> argv = PppdArguments.build(profile, s, peer);
        int pid;
        try {
            pid = Spawner.spawn(argv, sessionFd, PppdArguments.SESSION_FD);
        } catch (IOException | RuntimeException e) {
            if (pool != null) {
                pool.release(peer);
            }
            throw e;
        }
        Child c = new Child(pid, PppdArguments.interfaceName(s), peer, pool, profile.stopGraceMs(), onExit);
        LOG.info(() -> "pppd " + pid + " started for session " + s.localTunnelId() + "/" + s.localSessionId()
                + " on " + c.ifname + (c.peer != null ? ", peer address " + c.peer : ""));
        reaper.watch(pid, c::reaped);
        return c;
    }

    int running() {
        return reaper.watched();
    }

    private final class Child implements PppProcess {
        private final int pid;
        private final String ifname;
        private final String peer;
        private final AddressPool pool;
        private final long graceMs;
        private final PppExitListener onExit;
        private volatile boolean stopping;
        private volatile boolean exited;

        Child(int pid, String ifname, String peer, AddressPool pool, long graceMs, PppExitListener onExit) {
            this.pid = pid;
            this.ifname = ifname;
            this.peer = peer;
            this.pool = pool;
            this.graceMs = graceMs;
            this.onExit = onExit;
        }

        void reaped(int status) {
            exited = true;
            if (pool != null) {
                pool.release(peer);
            }
            int code = Reaper.exited(status) ? Reaper.exitCode(status) : -1;
            String reason = code >= 0 ? PppdExit.reason(code) : "pppd killed by signal " + Reaper.signal(status);
            LOG.info(() -> "pppd " + pid + " on " + ifname + " ended: " + reason);
            if (!stopping) {
                onExit.exited(code, code >= 0 ? PppdExit.cdnResult(code) : 1, reason);
            }
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public String interfaceName() {
            return ifname;
        }

        @Override
        public String peerAddress() {
            return peer;
        }

        @Override
        public void stop() {
            if (stopping || exited) {
                return;
            }
            stopping = true;
            signal(Posix.SIGTERM);
            killer.schedule(() -> {
                if (!exited) {
                    LOG.warning("pppd " + pid + " ignored SIGTERM for " + graceMs + " ms: SIGKILL");
                    signal(Posix.SIGKILL);
                }
            }, graceMs, TimeUnit.MILLISECONDS);
        }

        private void signal(int sig) {
            try {
                Posix.INSTANCE.kill(pid, sig);
            } catch (LastErrorException e) {
                // already gone: the reaper has it or will
            }
        }
    }

    @Override
    public void close() {
        reaper.close();
        killer.shutdown();
    }
}
