package org.l2tp.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.l2tp.codec.pcap.WiresharkTools;

/** Runs the real tshark; a missing tshark fails the test with the command that installs it. */
final class Tshark {
    private Tshark() {
    }

    /** tshark's standard output; both outputs read at once, with a time-out (see {@link WiresharkTools#run}). */
    static String run(String... args) throws IOException, InterruptedException {
        return WiresharkTools.run("tshark", args);
    }

    /**
     * Where a test writes its capture {@code name}: in {@code dir}, the test's own temporary folder (JUnit's
     * {@code @TempDir}, removed after the test), or in target/pcaps when {@code -Dl2tp.keepPcaps} asks to keep it.
     */
    static Path pcap(Path dir, String name) throws IOException {
        if (System.getProperty("l2tp.keepPcaps") == null) {
            return dir.resolve(name);
        }
        Path keep = Files.createDirectories(Path.of("target", "pcaps"));
        return keep.resolve(name);
    }
}
