package org.l2tp.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.Map;

import org.l2tp.api.DaemonStatus;
import org.l2tp.control.ConfigException;
import org.l2tp.control.ControlPlane;
import org.l2tp.control.DaemonConfig;
import org.l2tp.control.NullDataPlane;

/**
 * Our LNS alone in its JVM, for the set-up-rate benchmark: prints "READY port", then answers "heap" (used heap after
 * GC, in bytes), "status" and "quit" on standard input.
 */
public final class LnsProcess {
    private LnsProcess() {
    }

    /** A daemon on loopback for the benchmark, the load generator's and the LNS's alike. */
    static DaemonConfig config(String hostName) throws ConfigException {
        return DaemonConfig.from(Map.ofEntries(Map.entry("host.name", hostName),
                Map.entry("listen.address", "127.0.0.1"), Map.entry("listen.port", "0"),
                Map.entry("dataplane", "null"), Map.entry("receive.window", "64"),
                Map.entry("max.sessions", "1000000"), Map.entry("max.tunnels", "65535"),
                Map.entry("hello.interval", "0"), Map.entry("session.setup.timeout", "600"),
                // One load generator on one address: the per-peer limits would measure themselves.
                Map.entry("accept.unconfigured", "true"), Map.entry("max.tunnels.per.peer", "65535"),
                Map.entry("max.halfopen.tunnels.per.peer", "65535"),
                Map.entry("max.sessions.per.tunnel", "65535")));
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("org.l2tp.control").setLevel(java.util.logging.Level.WARNING);
        DaemonConfig c = config("our-lns");
        ControlPlane lns = new ControlPlane(c, new NullDataPlane(), null, null);
        lns.start();
        System.out.println("READY " + lns.listenAddress().getPort());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.trim()) {
                case "heap" -> System.out.println("HEAP " + usedHeapAfterGc());
                case "status" -> {
                    DaemonStatus s = lns.status();
                    System.out.println("STATUS " + s.tunnels() + " " + s.sessions());
                }
                case "quit" -> {
                    lns.shutdown(0);
                    System.exit(0);
                }
                default -> System.out.println("ERROR unknown command");
            }
        }
        lns.shutdown(0);
    }

    static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }
}
