package org.l2tp.control;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's l2tpns (a second, independent LNS, userspace L2TP and PPP) in a network namespace of its own, joined to
 * ours by a veth pair whose far end is named eth0 (l2tpns insists on an eth0 with an address). Our end is
 * {@link #local}, l2tpns listens on {@link #remote}:1701 (a fixed port is fine there: the namespace is its own).
 * <p>
 * Our end is in the test JVM's namespace, so the pair's /30 must be one no other run uses at the same time: each
 * run claims a block of 10.231.0.0/16 by creating the namespace named after it ({@code ip netns add} fails for a
 * name that exists), starting from one derived from the process id.
 */
final class L2tpns implements AutoCloseable {
    /** /30 blocks in 10.231.0.0/16. */
    private static final int BLOCKS = 1 << 14;
    final String local;
    final String remote;
    private final String ns;
    private final String veth;
    final Path dir;
    final Path log;
    private Process process;

    private L2tpns(int block, Path dir) {
        int base = block << 2;
        this.local = "10.231." + (base >> 8) + "." + ((base & 0xFF) + 1);
        this.remote = "10.231." + (base >> 8) + "." + ((base & 0xFF) + 2);
        this.ns = "l2tpns-" + block;
        this.veth = "l2tpv" + block;
        this.dir = dir;
        this.log = dir.resolve("l2tpns.log");
    }

    static L2tpns start(String secret) throws Exception {
        if (!new File("/usr/sbin/l2tpns").canExecute()) {
            throw new AssertionError("l2tpns is not installed: run `sudo apt-get install -y l2tpns iproute2` "
                    + "(bin/prerequisites does it)");
        }
        Path dir = Files.createTempDirectory("l2tpns");
        L2tpns l = null;
        try {
            l = claim(dir);
            l.setUp(secret);
            return l;
        } catch (Exception | AssertionError e) {
            if (l != null) {
                l.close();
            } else {
                deleteTree(dir);
            }
            throw e;
        }
    }

    /** The first free block from the one the process id names (block 0 stays free: older runs used it). */
    private static L2tpns claim(Path dir) throws Exception {
        int first = 1 + (int) (ProcessHandle.current().pid() % (BLOCKS - 1));
        String why = "";
        for (int i = 0; i < 64; i++) {
            int block = 1 + (first - 1 + i) % (BLOCKS - 1);
            L2tpns l = new L2tpns(block, dir);
            String out = run("ip", "netns", "add", l.ns);
            if (out == null) {
                return l;
            }
            why = out;
        }
        throw new AssertionError("no free network namespace l2tpns-N (root and iproute2 are needed): " + why);
    }

    private void setUp(String secret) throws Exception {
        ip("netns", "exec", ns, "ip", "link", "set", "lo", "up");
        ip("link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns);
        ip("addr", "add", local + "/30", "dev", veth);
        ip("link", "set", veth, "up");
        ip("netns", "exec", ns, "ip", "addr", "add", remote + "/30", "dev", "eth0");
        ip("netns", "exec", ns, "ip", "link", "set", "eth0", "up");
        Path conf = dir.resolve("startup-config");
        Files.writeString(conf, "set debug 3\nset log_file \"" + log + "\"\nset pid_file \"" + dir.resolve("pid")
                + "\"\nset bind_address " + remote + "\nset l2tp_secret \"" + secret + "\"\n"
                + "set cluster_hb_timeout 30\nset primary_dns " + remote + "\nset primary_radius " + remote
                + "\nset radius_secret \"radius\"\nset cli_bind_address 127.0.0.1\n");
        process = new ProcessBuilder("ip", "netns", "exec", ns, "setsid", "/usr/sbin/l2tpns", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout").toFile()).start();
        // l2tpns ignores L2TP until it has elected itself cluster master.
        awaitLog("I am declaring myself the master", 30_000);
    }

    void awaitLog(String text, long ms) throws Exception {
        long deadline = System.nanoTime() + ms * 1_000_000L;
        while (!log().contains(text)) {
            if (process != null && !process.isAlive() && !log().contains(text)) {
                throw new AssertionError("l2tpns exited; its log:\n" + log() + "\n" + Files.readString(
                        dir.resolve("stdout")));
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("l2tpns never logged \"" + text + "\"; its log:\n" + log());
            }
            Thread.sleep(50);
        }
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Runs a command to its end; null if it succeeded, else its output. */
    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "`" + String.join(" ", cmd) + "` did not finish within 30 s";
        }
        return p.exitValue() == 0 ? null : "`" + String.join(" ", cmd) + "` failed: " + out;
    }

    private static void ip(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("ip");
        cmd.addAll(List.of(args));
        String failed = run(cmd.toArray(String[]::new));
        if (failed != null) {
            throw new AssertionError(failed + " (root and iproute2 are needed)");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path q : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    /** Ends every process in the namespace, removes the namespace (and with it the veth pair) and the folder. */
    @Override
    public void close() throws Exception {
        try {
            if (process != null) {
                // l2tpns runs under setsid in the namespace: end every process there.
                for (int round = 0; round < 2; round++) {
                    Process pids = new ProcessBuilder("ip", "netns", "pids", ns).redirectErrorStream(true).start();
                    String out = new String(pids.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                    pids.waitFor(30, TimeUnit.SECONDS);
                    List<ProcessHandle> left = new ArrayList<>();
                    for (String pid : out.split("\\s+")) {
                        if (pid.matches("\\d+")) {
                            ProcessHandle.of(Long.parseLong(pid)).ifPresent(left::add);
                        }
                    }
                    for (ProcessHandle h : left) {
                        if (round == 0) {
                            h.destroy();
                        } else {
                            h.destroyForcibly();
                        }
                    }
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    for (ProcessHandle h : left) {
                        while (h.isAlive() && System.nanoTime() - deadline < 0) {
                            Thread.sleep(20);
                        }
                    }
                    if (left.stream().noneMatch(ProcessHandle::isAlive)) {
                        break;
                    }
                }
                process.waitFor(10, TimeUnit.SECONDS);
                Path keep = Path.of("target", "l2tpns-logs");
                Files.createDirectories(keep);
                if (Files.exists(log)) {
                    Files.copy(log, keep.resolve("l2tpns.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } finally {
            run("ip", "link", "del", veth);
            run("ip", "netns", "del", ns);
            deleteTree(dir);
        }
    }
}
