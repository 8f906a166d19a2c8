package org.l2tp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.BufferedReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.Test;

/** Starts the exported embedded runtime (bndrun/target/l2tpd.jar) with `java -jar` and lists its bundles. */
public class FelixEmbeddedJarIT {

    @Test
    public void theExecutableJarStartsWithOurBundlesActive() throws Exception {
        Path jar = Path.of("../bndrun/target/l2tpd.jar");
        assertTrue("build the runtime first: mvn -pl bndrun -am install (missing " + jar.toAbsolutePath() + ")",
                Files.isRegularFile(jar));
        Path work = Files.createTempDirectory("l2tpd-it");
        Files.createDirectories(work.resolve("etc"));
        Files.writeString(work.resolve("etc/org.l2tp.daemon.cfg"),
                "listen.address = 127.0.0.1\nlisten.port = 0\ndataplane = null\n");
        // This test is the RADIUS accounting server: Accounting-On when RADIUS starts, Accounting-Off when the
        // framework stops (RFC 2866 section 5.1), which is how SIGTERM is seen to stop the framework in order.
        DatagramSocket radius = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        radius.setSoTimeout(500);
        Files.writeString(work.resolve("etc/org.l2tp.radius-acct.cfg"), "host = 127.0.0.1\nauth.port = 0\n"
                + "acct.port = " + radius.getLocalPort() + "\nsecret = " + RADIUS_SECRET + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dfelix.fileinstall.dir=" + work.resolve("etc"),
                "-Dorg.osgi.framework.storage=" + work.resolve("cache"), "-jar", jar.toAbsolutePath().toString())
                .directory(work.toFile()).redirectErrorStream(true).start();
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    lines.add(l);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        List<String> seen = new ArrayList<>();
        try {
            OutputStream in = p.getOutputStream();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean api = false;
            boolean codec = false;
            boolean control = false;
            boolean listening = false;
            while (!(api && codec && control && listening)) {
                in.write("lb\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
                String l;
                while ((l = lines.poll(500, TimeUnit.MILLISECONDS)) != null) {
                    seen.add(l);
                    api |= l.contains("|Active") && l.contains("L2TP API");
                    codec |= l.contains("|Active") && l.contains("L2TP codec");
                    control |= l.contains("|Active") && l.contains("L2TP control plane");
                    listening |= l.contains("l2tpd listening on 127.0.0.1:") && l.contains("data plane null");
                }
                if (System.nanoTime() - deadline > 0) {
                    fail("bundles not active within 60 s; output:\n" + String.join("\n", seen));
                }
            }
            // Editing the .cfg file reconfigures the running daemon: it rebinds to the new address (on a port of
            // the kernel's choosing, so none is picked here and taken by someone else meanwhile), no restart.
            Files.writeString(work.resolve("etc/org.l2tp.daemon.cfg"),
                    "listen.address = 127.0.0.3\nlisten.port = 0\ndataplane = null\n");
            boolean rebound = false;
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!rebound && System.nanoTime() - until < 0) {
                String l = lines.poll(500, TimeUnit.MILLISECONDS);
                if (l != null) {
                    seen.add(l);
                    rebound = l.contains("listening on 127.0.0.3:") && l.contains("(was");
                }
            }
            assertTrue("the edited .cfg was not applied; output:\n" + String.join("\n", seen), rebound);
            assertEquals("Accounting-On when RADIUS starts", ACCOUNTING_ON, awaitAccounting(radius, 60));
            in.write("stop 0\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertEquals("Accounting-Off when the framework stops", ACCOUNTING_OFF, awaitAccounting(radius, 30));
            assertTrue("the runtime did not stop", p.waitFor(30, TimeUnit.SECONDS));
        } finally {
            radius.close();
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            reader.join(5000);
            deleteTree(work);
        }
    }

    /**
     * As bin/l2tpd runs under systemd (no console, so no Gogo shell to stop anything): SIGTERM stops the framework,
     * so every bundle ends as on an operator's stop, RADIUS's Accounting-Off and the peers' StopCCNs included,
     * rather than the JVM exiting under them. (The log cannot tell: the JDK's own hook closes the log handlers at
     * the same moment.)
     */
    @Test
    public void sigtermStopsTheFrameworkSoEveryBundleEndsInOrder() throws Exception {
        Path jar = Path.of("../bndrun/target/l2tpd.jar");
        assertTrue("build the runtime first: mvn -pl bndrun -am install", Files.isRegularFile(jar));
        Path work = Files.createTempDirectory("l2tpd-it");
        Files.createDirectories(work.resolve("etc"));
        Files.writeString(work.resolve("etc/org.l2tp.daemon.cfg"),
                "listen.address = 127.0.0.1\nlisten.port = 0\ndataplane = null\n");
        DatagramSocket radius = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        radius.setSoTimeout(500);
        Files.writeString(work.resolve("etc/org.l2tp.radius-acct.cfg"), "host = 127.0.0.1\nauth.port = 0\n"
                + "acct.port = " + radius.getLocalPort() + "\nsecret = " + RADIUS_SECRET + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Dfelix.fileinstall.dir=" + work.resolve("etc"),
                "-Dorg.osgi.framework.storage=" + work.resolve("cache"), "-Dgosh.args=--nointeractive", "-jar",
                jar.toAbsolutePath().toString()).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("out.log").toFile()).start();
        try {
            assertEquals("Accounting-On when RADIUS starts; output:\n" + Files.readString(work.resolve("out.log")),
                    ACCOUNTING_ON, awaitAccounting(radius, 60));
            p.destroy();
            assertEquals("Accounting-Off on SIGTERM; output:\n" + Files.readString(work.resolve("out.log")),
                    ACCOUNTING_OFF, awaitAccounting(radius, 30));
            assertTrue("the runtime did not stop on SIGTERM", p.waitFor(30, TimeUnit.SECONDS));
        } finally {
            radius.close();
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            deleteTree(work);
        }
    }

    private static final String RADIUS_SECRET = "itest-acct";
    private static final int ACCOUNTING_ON = 7;
    private static final int ACCOUNTING_OFF = 8;

    /**
     * The Acct-Status-Type of the next Accounting-Request other than an Interim-Update, answered with an
     * Accounting-Response (RFC 2866 section 3: MD5 over the response with the request's authenticator and the
     * secret); -1 when none came within {@code seconds}.
     */
    private static int awaitAccounting(DatagramSocket s, int seconds) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        byte[] b = new byte[4096];
        while (System.nanoTime() - until < 0) {
            DatagramPacket in = new DatagramPacket(b, b.length);
            try {
                s.receive(in);
            } catch (java.net.SocketTimeoutException e) {
                continue;
            }
            if (in.getLength() < 20 || (b[0] & 0xff) != 4) {
                continue;
            }
            int status = -1;
            for (int i = 20; i + 2 <= in.getLength() && (b[i + 1] & 0xff) >= 2; i += b[i + 1] & 0xff) {
                if ((b[i] & 0xff) == 40 && (b[i + 1] & 0xff) == 6) {
                    status = ((b[i + 2] & 0xff) << 24) | ((b[i + 3] & 0xff) << 16) | ((b[i + 4] & 0xff) << 8)
                            | (b[i + 5] & 0xff);
                }
            }
            byte[] r = new byte[20];
            r[0] = 5;
            r[1] = b[1];
            r[3] = 20;
            java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
            md5.update(r, 0, 4);
            md5.update(b, 4, 16);
            md5.update(RADIUS_SECRET.getBytes(StandardCharsets.US_ASCII));
            System.arraycopy(md5.digest(), 0, r, 4, 16);
            s.send(new DatagramPacket(r, r.length, in.getSocketAddress()));
            if (status != 3) {
                return status;
            }
        }
        return -1;
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
}
