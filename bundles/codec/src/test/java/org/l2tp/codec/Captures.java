package org.l2tp.codec;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.l2tp.codec.pcap.PcapFrame;
import org.l2tp.codec.pcap.PcapReader;

/** The real xl2tpd captures in ../shared/captures. */
public final class Captures {
    private Captures() {
    }

    public static Path dir() {
        Path p = Path.of(System.getProperty("l2tp.captures", "../../../shared/captures"));
        assertTrue(Files.isDirectory(p), "the shared captures are missing at " + p.toAbsolutePath()
                + ": clone the project beside its shared/ folder");
        return p;
    }

    public static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(f -> f.toString().endsWith(".pcap")).sorted().toList();
        }
    }

    public static Path file(String prefix) throws IOException {
        return files().stream().filter(f -> f.getFileName().toString().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no capture " + prefix + "* in " + dir()));
    }

    /** The L2TP datagrams of a capture: UDP to or from 1701, or 41701 for the harness capture. */
    public static List<PcapFrame> frames(Path file) throws IOException {
        int port = file.getFileName().toString().startsWith("10-") ? 41701 : 1701;
        List<PcapFrame> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); PcapReader r = new PcapReader(in)) {
            PcapFrame f;
            while ((f = r.next()) != null) {
                if (f.sourcePort() == port || f.destinationPort() == port) {
                    out.add(f);
                }
            }
        }
        return out;
    }
}
