package org.l2tp.itests;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.BufferedReader;
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
            in.write("stop 0\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertTrue("the runtime did not stop", p.waitFor(30, TimeUnit.SECONDS));
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            reader.join(5000);
            deleteTree(work);
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
}
