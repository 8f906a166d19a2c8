package org.l2tp.control;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's l2tpns (a second, independent LNS, userspace L2TP and PPP) in a network namespace of its own, joined to
 * ours by a veth pair whose far end is named eth0 (l2tpns insists on an eth0 with an address). Our end is
 * {@link #LOCAL}, l2tpns listens on {@link #REMOTE}:1701.
 */
final class L2tpns implements AutoCloseable {
    static final String LOCAL = "10.231.0.1";
    static final String REMOTE = "10.231.0.2";
    private final String ns;
    private final String veth;
    final Path dir;
    final Path log;
    private Process process;

    private L2tpns(String ns, String veth, Path dir) {
        this.ns = ns;
        this.veth = veth;
        this.dir = dir;
        this.log = dir.resolve("l2tpns.log");
    }

    static L2tpns start(String secret) throws Exception {
        if (!new File("/usr/sbin/l2tpns").canExecute()) {
            throw new AssertionError("l2tpns is not installed: run `sudo apt-get install -y l2tpns iproute2` "
                    + "(bin/prerequisites does it)");
        }
        String id = Long.toString(ProcessHandle.current().pid());
        L2tpns l = new L2tpns("l2tpns-" + id, "l2tpv" + id, Files.createTempDirectory("l2tpns"));
        l.setUp(secret);
        return l;
    }

    private void setUp(String secret) throws Exception {
        cleanUp();
        ip("netns", "add", ns);
        ip("netns", "exec", ns, "ip", "link", "set", "lo", "up");
        ip("link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns);
        ip("addr", "add", LOCAL + "/30", "dev", veth);
        ip("link", "set", veth, "up");
        ip("netns", "exec", ns, "ip", "addr", "add", REMOTE + "/30", "dev", "eth0");
        ip("netns", "exec", ns, "ip", "link", "set", "eth0", "up");
        Path conf = dir.resolve("startup-config");
        Files.writeString(conf, "set debug 3\nset log_file \"" + log + "\"\nset pid_file \"" + dir.resolve("pid")
                + "\"\nset bind_address " + REMOTE + "\nset l2tp_secret \"" + secret + "\"\n"
                + "set cluster_hb_timeout 30\nset primary_dns " + REMOTE + "\nset primary_radius " + REMOTE
                + "\nset radius_secret \"radius\"\nset cli_bind_address 127.0.0.1\n");
        process = new ProcessBuilder("ip", "netns", "exec", ns, "setsid", "/usr/sbin/l2tpns", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stdout").toFile()).start();
        // l2tpns ignores L2TP until it has elected itself cluster master.
        awaitLog("I am declaring myself the master", 15_000);
        Path keep = Path.of("target", "l2tpns-logs");
        Files.createDirectories(keep);
    }

    void awaitLog(String text, long ms) throws Exception {
        long deadline = System.currentTimeMillis() + ms;
        while (!log().contains(text)) {
            if (process != null && !process.isAlive() && !log().contains(text)) {
                throw new AssertionError("l2tpns exited; its log:\n" + log() + "\n" + Files.readString(
                        dir.resolve("stdout")));
            }
            if (System.currentTimeMillis() > deadline) {
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

    private static void ip(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("ip");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("`" + String.join(" ", cmd) + "` failed (root and iproute2 are needed): " + out);
        }
    }

    private void cleanUp() {
        for (String[] c : new String[][] {{"ip", "netns", "del", ns}, {"ip", "link", "del", veth}}) {
            try {
                new ProcessBuilder(c).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // nothing to remove
            }
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            // l2tpns runs under setsid in the namespace: end every process there.
            new ProcessBuilder("ip", "netns", "pids", ns).start();
            Process pids = new ProcessBuilder("ip", "netns", "pids", ns).start();
            for (String pid : new String(pids.getInputStream().readAllBytes()).trim().split("\\s+")) {
                if (!pid.isEmpty()) {
                    new ProcessBuilder("kill", "-TERM", pid).start().waitFor(5, TimeUnit.SECONDS);
                }
            }
            process.waitFor(5, TimeUnit.SECONDS);
            Files.copy(log, Path.of("target", "l2tpns-logs", "l2tpns.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        cleanUp();
    }
}
