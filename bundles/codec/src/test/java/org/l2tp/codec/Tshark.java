package org.l2tp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real tshark; a missing tshark fails the test with the command that installs it. */
final class Tshark {
    private Tshark() {
    }

    static String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("tshark");
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new AssertionError("tshark is not installed; install it with `sudo apt-get install -y tshark` "
                    + "(.ci/run does this)", e);
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tshark did not finish: " + cmd);
        }
        assertEquals(0, p.exitValue(), "tshark failed: " + cmd + "\n" + err);
        return new String(out, StandardCharsets.UTF_8);
    }

    static Path tempPcap() throws IOException {
        Path f = Files.createTempFile("l2tp-", ".pcap");
        if (System.getProperty("l2tp.keepPcaps") == null) {
            f.toFile().deleteOnExit();
        }
        return f;
    }
}
