package org.l2tp.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's xl2tpd, run for real on loopback with its own files: a peer we did not write. Its log (stderr) is kept
 * beside the test reports as evidence and read by the tests.
 */
final class Xl2tpd implements AutoCloseable {
    static final String ADDRESS = "127.0.0.2";
    final Path dir;
    final int port;
    final Path log;
    private final Process process;

    private Xl2tpd(Path dir, int port, Process process, Path log) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    static String binary() {
        for (String p : List.of("/usr/sbin/xl2tpd", "/usr/bin/xl2tpd")) {
            if (new File(p).canExecute()) {
                return p;
            }
        }
        throw new AssertionError("xl2tpd is not installed: run `sudo apt-get install -y xl2tpd ppp` "
                + "(bin/prerequisites does it, and .ci/run calls that)");
    }

    /**
     * A port free on {@code address} now. Someone may take it before xl2tpd binds it: {@link #start} then sees
     * xl2tpd fail to bind and tries another.
     */
    static int freeUdpPort(String address) throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName(address))) {
            return s.getLocalPort();
        }
    }

    /** xl2tpd as LAC named {@code ours}, pointing at {@code lnsPort} on 127.0.0.1. */
    static Xl2tpd lac(String name, int lnsPort, String secret) throws Exception {
        return lac(name, lnsPort, secret, secret != null);
    }

    /** As above; {@code challenge} says whether xl2tpd challenges us (it answers our challenge either way). */
    static Xl2tpd lac(String name, int lnsPort, String secret, boolean challenge) throws Exception {
        String section = "[lac ours]\n"
                + "lns = 127.0.0.1:" + lnsPort + "\n"
                + "hostname = xl2tpd-lac\n"
                + "autodial = no\nredial = no\n"
                + (challenge ? "challenge = yes\n" : "challenge = no\n")
                + "require authentication = no\nrefuse pap = yes\nrefuse chap = yes\n"
                + "length bit = yes\n";
        return start(name, section, secret);
    }

    /** xl2tpd as LNS accepting anyone. */
    static Xl2tpd lns(String name, String secret) throws Exception {
        String section = "[lns default]\n"
                + "ip range = 10.99.0.10-10.99.0.50\nlocal ip = 10.99.0.1\n"
                + "hostname = xl2tpd-lns\n"
                + (secret != null ? "challenge = yes\n" : "challenge = no\n")
                + "require authentication = no\nrefuse pap = yes\nrefuse chap = yes\n"
                + "length bit = yes\n";
        return start(name, section, secret);
    }

    private static Xl2tpd start(String name, String section, String secret) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Path dir = Files.createTempDirectory("xl2tpd-" + name);
            Xl2tpd x = null;
            try {
                x = start(dir, name, section, secret, freeUdpPort(ADDRESS));
                if (x != null) {
                    return x;
                }
            } finally {
                if (x == null) {
                    deleteTree(dir);
                }
            }
            if (attempt == 5) {
                throw new AssertionError("xl2tpd found its port taken 5 times; its log:\n"
                        + Files.readString(Path.of("target", "xl2tpd-logs", name + ".log"),
                        StandardCharsets.ISO_8859_1));
            }
        }
    }

    /** xl2tpd on {@code port}, once it listens and reads its control pipe; null if the port was taken meanwhile. */
    private static Xl2tpd start(Path dir, String name, String section, String secret, int port) throws Exception {
        String bin = binary();
        Path opts = dir.resolve("options.ppp");
        Files.writeString(opts, "noauth\nnodefaultroute\nnodetach\n");
        Path secrets = dir.resolve("l2tp-secrets");
        Files.writeString(secrets, secret != null ? "* * " + secret + "\n" : "");
        Files.setPosixFilePermissions(secrets, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path conf = dir.resolve("xl2tpd.conf");
        Files.writeString(conf, "[global]\nlisten-addr = " + ADDRESS + "\nport = " + port + "\n"
                + "access control = no\nauth file = " + secrets + "\n"
                + "debug avp = no\ndebug network = no\ndebug state = yes\ndebug tunnel = yes\n\n"
                + section.replace("\n[", "\n[") + "pppoptfile = " + opts + "\n");
        Path report = Path.of("target", "xl2tpd-logs");
        Files.createDirectories(report);
        Path log = report.resolve(name + ".log");
        Process p = new ProcessBuilder(bin, "-D", "-c", conf.toString(), "-s", secrets.toString(),
                "-p", dir.resolve("xl2tpd.pid").toString(), "-C", dir.resolve("control").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Xl2tpd x = new Xl2tpd(dir, port, p, log);
        // Ready: its UDP socket bound (it logs that right after bind) and its control pipe made.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(x.log().contains("Listening on IP address " + ADDRESS + ", port " + port)
                && Files.exists(dir.resolve("control")))) {
            if (!p.isAlive()) {
                p.waitFor();
                if (x.log().contains("Unable to bind socket")) {
                    return null;
                }
                throw new AssertionError("xl2tpd exited (" + p.exitValue() + "):\n" + x.log());
            }
            if (System.nanoTime() - deadline > 0) {
                x.close();
                throw new AssertionError("xl2tpd did not start within 30 s:\n" + x.log());
            }
            Thread.sleep(20);
        }
        return x;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path q : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    /** Sends a control-pipe command (c NAME, d NAME, h CALLID, ...). */
    void control(String command) throws IOException {
        Files.writeString(dir.resolve("control"), command + "\n", StandardCharsets.US_ASCII);
    }

    String log() {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    void awaitLog(String text, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (!log().contains(text)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("xl2tpd never logged \"" + text + "\"; its log:\n" + log());
            }
            Thread.sleep(20);
        }
    }

    void signal(String sig) throws Exception {
        Process k = new ProcessBuilder("kill", "-" + sig, String.valueOf(process.pid())).start();
        assertTrue(k.waitFor(10, TimeUnit.SECONDS));
    }

    boolean waitExit(long ms) throws InterruptedException {
        return process.waitFor(ms, TimeUnit.MILLISECONDS);
    }

    /** Stops xl2tpd and removes its folder; its log stays in target/xl2tpd-logs. */
    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        deleteTree(dir);
    }
}
