package org.l2tp.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.l2tp.api.SessionInfo;
import org.l2tp.api.TunnelInfo;
import org.l2tp.control.ControlPlane;
import org.l2tp.control.DaemonConfig;
import org.l2tp.control.NullDataPlane;

/**
 * The control plane's set-up-rate harness: our LAC brings up T tunnels x S sessions against a target LNS and
 * reports session set-ups per second and, for our LNS (run in its own JVM), heap per established session. With
 * --xl2tpd it measures Debian's xl2tpd as LNS the same way in the same run.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.l2tp.benchmarks.SetupRate [--tunnels T] [--sessions S]
 *      [--xl2tpd] [--xl2tpd-tunnels T] [--xl2tpd-sessions S] [--rounds N]</pre>
 */
public final class SetupRate {
    private SetupRate() {
    }

    record Result(String target, int tunnels, int sessions, double seconds, double rate, long heapPerSession) {
    }

    public static void main(String[] args) throws Exception {
        int tunnels = 50;
        int sessions = 1000;
        int xTunnels = 10;
        int xSessions = 50;
        boolean xl2tpd = false;
        int rounds = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tunnels" -> tunnels = Integer.parseInt(args[++i]);
                case "--sessions" -> sessions = Integer.parseInt(args[++i]);
                case "--xl2tpd" -> xl2tpd = true;
                case "--xl2tpd-tunnels" -> xTunnels = Integer.parseInt(args[++i]);
                case "--xl2tpd-sessions" -> xSessions = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        java.util.logging.Logger.getLogger("org.l2tp.control").setLevel(java.util.logging.Level.WARNING);
        List<Result> results = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            results.add(ours(tunnels, sessions));
        }
        if (xl2tpd) {
            results.add(xl2tpd(xTunnels, xSessions));
        }
        System.out.println();
        System.out.println("| target LNS | tunnels x sessions | set-up time (s) | sessions/s | heap per session (B) |");
        System.out.println("|---|---|---|---|---|");
        for (Result x : results) {
            System.out.printf("| %s | %d x %d | %.2f | %.0f | %s |%n", x.target, x.tunnels, x.sessions, x.seconds,
                    x.rate, x.heapPerSession < 0 ? "n/a" : String.valueOf(x.heapPerSession));
        }
        if (xl2tpd && results.size() > 1) {
            double ourBest = results.stream().filter(x -> x.target.startsWith("ours")).mapToDouble(Result::rate)
                    .max().orElse(0);
            System.out.printf("%nratio over xl2tpd: %.1fx%n", ourBest / results.get(results.size() - 1).rate);
        }
    }

    private static ControlPlane lac() throws Exception {
        DaemonConfig c = LnsProcess.config("loadgen-lac");
        ControlPlane lac = new ControlPlane(c, new NullDataPlane(), null, null);
        lac.start();
        return lac;
    }

    private static Result ours(int tunnels, int sessions) throws Exception {
        String cp = System.getProperty("java.class.path");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g", "-XX:+UseSerialGC", "-cp", cp, LnsProcess.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
        PrintWriter in = new PrintWriter(p.getOutputStream(), true);
        String ready = out.readLine();
        if (ready == null || !ready.startsWith("READY ")) {
            throw new IllegalStateException("our LNS did not start: " + ready);
        }
        int port = Integer.parseInt(ready.substring(6));
        ControlPlane lac = lac();
        try {
            List<TunnelInfo> ts = openTunnels(lac, "127.0.0.1:" + port, tunnels);
            in.println("heap");
            long before = Long.parseLong(out.readLine().substring(5));
            double seconds = openSessions(lac, ts, sessions);
            in.println("status");
            String status = out.readLine();
            if (!status.equals("STATUS " + tunnels + " " + tunnels * sessions)) {
                throw new IllegalStateException("the LNS does not hold every session: " + status);
            }
            in.println("heap");
            long after = Long.parseLong(out.readLine().substring(5));
            int total = tunnels * sessions;
            System.out.printf("ours: %d sessions up in %.2f s; LNS reports %s; heap %d -> %d; LAC retransmissions %d,"
                    + " sent %s%n", total, seconds, status, before, after,
                    lac.status().counters().retransmissions(), lac.status().counters().sent());
            return new Result("ours (null data plane)", tunnels, sessions, seconds, total / seconds,
                    (after - before) / total);
        } finally {
            lac.shutdown(0);
            in.println("quit");
            p.waitFor(10, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    private static List<TunnelInfo> openTunnels(ControlPlane lac, String target, int n) throws Exception {
        List<CompletableFuture<TunnelInfo>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fs.add(lac.openTunnel(target).toCompletableFuture());
        }
        List<TunnelInfo> ts = new ArrayList<>();
        for (CompletableFuture<TunnelInfo> f : fs) {
            ts.add(f.get(60, TimeUnit.SECONDS));
        }
        return ts;
    }

    /** Opens {@code perTunnel} sessions on every tunnel at once; returns the seconds until all are up. */
    private static double openSessions(ControlPlane lac, List<TunnelInfo> ts, int perTunnel) throws Exception {
        AtomicInteger failed = new AtomicInteger();
        List<CompletableFuture<SessionInfo>> fs = new ArrayList<>(ts.size() * perTunnel);
        long t0 = System.nanoTime();
        for (int i = 0; i < perTunnel; i++) {
            for (TunnelInfo t : ts) {
                fs.add(lac.openSession(t.localId(), null).toCompletableFuture()
                        .whenComplete((s, e) -> {
                            if (e != null) {
                                failed.incrementAndGet();
                            }
                        }));
            }
        }
        CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).exceptionally(e -> null)
                .get(600, TimeUnit.SECONDS);
        // A call counts as set up once the LNS acknowledged its ICCN: the same criterion for every target LNS.
        while (lac.tunnels().stream().anyMatch(t -> t.counters().queued() > 0)) {
            Thread.sleep(1);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " sessions failed");
        }
        return seconds;
    }

    private static Result xl2tpd(int tunnels, int sessions) throws Exception {
        String bin = new File("/usr/sbin/xl2tpd").canExecute() ? "/usr/sbin/xl2tpd" : null;
        if (bin == null) {
            throw new IllegalStateException("xl2tpd is not installed: sudo apt-get install -y xl2tpd ppp");
        }
        Path dir = Files.createTempDirectory("xl2tpd-bench");
        Process x = null;
        ControlPlane lac = null;
        try {
            Files.writeString(dir.resolve("options"), "noauth\n");
            Files.writeString(dir.resolve("secrets"), "");
            int[] bound = new int[1];
            x = startXl2tpd(bin, dir, bound);
            int port = bound[0];
            lac = lac();
            List<TunnelInfo> ts = openTunnels(lac, "127.0.0.2:" + port, tunnels);
            double seconds = openSessions(lac, ts, sessions);
            int total = tunnels * sessions;
            System.out.printf("xl2tpd: %d sessions up in %.2f s%n", total, seconds);
            return new Result("xl2tpd 1.3 (its pppd fails after ICCN)", tunnels, sessions, seconds, total / seconds,
                    -1);
        } finally {
            if (lac != null) {
                lac.shutdown(0);
            }
            if (x != null) {
                x.destroy();
                if (!x.waitFor(10, TimeUnit.SECONDS)) {
                    x.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            deleteTree(dir);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path q : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    /**
     * xl2tpd as LNS on 127.0.0.2, returned once it listens (it logs that right after binding) and reads its control
     * pipe. The port is found free first; should someone take it before xl2tpd binds it, xl2tpd says so and exits,
     * and another port is tried. Its port goes to {@code port[0]}.
     */
    private static Process startXl2tpd(String bin, Path dir, int[] port) throws Exception {
        Path log = dir.resolve("log");
        for (int attempt = 1; attempt <= 5; attempt++) {
            try (java.net.DatagramSocket s = new java.net.DatagramSocket(0,
                    java.net.InetAddress.getByName("127.0.0.2"))) {
                port[0] = s.getLocalPort();
            }
            Files.writeString(dir.resolve("xl2tpd.conf"), "[global]\nlisten-addr = 127.0.0.2\nport = " + port[0]
                    + "\naccess control = no\nauth file = " + dir.resolve("secrets") + "\n[lns default]\n"
                    + "ip range = 10.98.0.2-10.98.255.254\nlocal ip = 10.98.0.1\nhostname = xl2tpd-lns\n"
                    + "require authentication = no\nrefuse pap = yes\nrefuse chap = yes\npppoptfile = "
                    + dir.resolve("options") + "\n");
            Files.deleteIfExists(log);
            Process x = new ProcessBuilder(bin, "-D", "-c", dir.resolve("xl2tpd.conf").toString(), "-s",
                    dir.resolve("secrets").toString(), "-p", dir.resolve("pid").toString(), "-C",
                    dir.resolve("control").toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            String listening = "Listening on IP address 127.0.0.2, port " + port[0];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(read(log).contains(listening) && Files.exists(dir.resolve("control")))) {
                if (!x.isAlive()) {
                    break;
                }
                if (System.nanoTime() - deadline > 0) {
                    x.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new IllegalStateException("xl2tpd did not start within 30 s:\n" + read(log));
                }
                Thread.sleep(20);
            }
            if (x.isAlive()) {
                return x;
            }
            x.waitFor();
            if (!read(log).contains("Unable to bind socket")) {
                throw new IllegalStateException("xl2tpd exited (" + x.exitValue() + "):\n" + read(log));
            }
        }
        throw new IllegalStateException("xl2tpd found its port taken 5 times:\n" + read(log));
    }
}
