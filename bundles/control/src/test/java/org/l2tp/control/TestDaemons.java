package org.l2tp.control;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.l2tp.api.L2tpListener;
import org.l2tp.api.SessionInfo;
import org.l2tp.api.TunnelInfo;

/** Our own daemons on loopback, with the null data plane, for tests. */
final class TestDaemons {
    private TestDaemons() {
    }

    /** Records what a daemon reports to its listener. */
    static final class Events implements L2tpListener {
        final List<String> log = new CopyOnWriteArrayList<>();

        @Override
        public void tunnelUp(TunnelInfo t) {
            log.add("tunnel-up " + t.localId());
        }

        @Override
        public void tunnelDown(TunnelInfo t, int resultCode, String message) {
            log.add("tunnel-down " + t.localId() + " " + resultCode);
        }

        @Override
        public void sessionUp(SessionInfo s) {
            log.add("session-up " + s.tunnelId() + "/" + s.localId());
        }

        @Override
        public void sessionDown(SessionInfo s, int resultCode, String message) {
            log.add("session-down " + s.tunnelId() + "/" + s.localId() + " " + resultCode);
        }

        long count(String prefix) {
            return log.stream().filter(l -> l.startsWith(prefix)).count();
        }
    }

    static ControlPlane start(String host, Events events, String... keyValues) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("host.name", host);
        p.put("listen.address", "127.0.0.1");
        p.put("listen.port", "0");
        p.put("dataplane", "null");
        // Our test LNSs take LACs they have no configuration for; the shipped default refuses them.
        p.put("accept.unconfigured", "true");
        p.put("hold.time", "1");
        p.put("retransmit.initial.ms", "200");
        p.put("retransmit.max.ms", "800");
        p.put("ack.delay.ms", "20");
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        DaemonConfig c = DaemonConfig.from(p);
        ControlPlane cp = new ControlPlane(c, new NullDataPlane(), null, events);
        cp.start();
        return cp;
    }

    static PeerConfig peer(ControlPlane target, ControlPlane self, String name, String... keyValues)
            throws ConfigException {
        Map<String, Object> p = new HashMap<>();
        p.put("name", name);
        p.put("address", "127.0.0.1:" + target.listenAddress().getPort());
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put(keyValues[i], keyValues[i + 1]);
        }
        return PeerConfig.from(p, self.config());
    }

    /**
     * Polls {@code condition} until it holds, failing after {@code timeoutMs} on the monotonic clock. A deadline
     * only costs time when a test fails: keep them generous (10 s and more), a loaded machine is slow.
     */
    /** Whether {@code condition} holds within {@code timeoutMs} (polled every millisecond). */
    static boolean within(long timeoutMs, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    static void await(String what, long timeoutMs, BooleanSupplier condition) throws InterruptedException {
        await(what, timeoutMs, 10, condition);
    }

    /** As above, polling every {@code pollMs}: 1 where a test paces a flood by what the daemon has read. */
    static void await(String what, long timeoutMs, long pollMs, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            Thread.sleep(pollMs);
        }
    }

    static void stopAll(ControlPlane... cps) throws IOException {
        for (ControlPlane cp : cps) {
            if (cp != null) {
                cp.shutdown(200);
            }
        }
    }
}
