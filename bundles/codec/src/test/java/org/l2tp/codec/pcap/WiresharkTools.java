package org.l2tp.codec.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs tshark or editcap; a missing one fails the test with the command that installs it. */
public final class WiresharkTools {
    /** However loaded the machine, tshark reads our small captures well within this. */
    private static final long TIMEOUT_S = 120;

    private WiresharkTools() {
    }

    /**
     * Runs {@code tool} with {@code args} and returns its standard output. Both its outputs are read at once (a
     * chatty tool must not block on a full pipe) and the whole run has a time-out.
     */
    public static String run(String tool, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool);
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new AssertionError(tool + " is not installed; install it with `sudo apt-get install -y tshark` "
                    + "(editcap comes with it; bin/prerequisites test does this)", e);
        }
        p.getOutputStream().close();
        Drain out = new Drain(p.getInputStream(), tool + "-stdout");
        Drain err = new Drain(p.getErrorStream(), tool + "-stderr");
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(tool + " did not finish within " + TIMEOUT_S + " s: " + cmd + "\n" + err.text());
        }
        assertEquals(0, p.exitValue(), tool + " failed: " + cmd + "\n" + err.text());
        return out.text();
    }

    /** Reads a stream to its end on a thread of its own. */
    private static final class Drain {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread thread;

        Drain(InputStream in, String name) {
            thread = new Thread(() -> {
                try (in) {
                    in.transferTo(bytes);
                } catch (IOException e) {
                    byte[] b = ("\n(" + e + ")").getBytes(StandardCharsets.UTF_8);
                    bytes.write(b, 0, b.length);
                }
            }, name);
            thread.setDaemon(true);
            thread.start();
        }

        /** Everything, once the stream ended (the process has exited, so it does at once). */
        String text() throws InterruptedException {
            thread.join(TimeUnit.SECONDS.toMillis(30));
            if (thread.isAlive()) {
                throw new AssertionError(thread.getName() + " still open 30 s after the process ended");
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /**
     * tshark's view of the L2TP frames of a capture, one row per frame: number, epoch time in microseconds (as
     * text, truncated; a frame without a time, from a Simple Packet Block, has 0.000000 as l2tp-decode writes it),
     * T bit, tunnel id, session id, Message Type AVP value ("" for ZLB and data).
     */
    static List<String> l2tpRows(Path file, int port) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-r", file.toString()));
        if (port != PcapDecodeTool.DEFAULT_PORT) {
            args.addAll(List.of("-d", "udp.port==" + port + ",l2tp"));
        }
        args.addAll(List.of("-Y", "l2tp", "-T", "fields", "-E", "separator=|", "-E", "occurrence=f",
                "-e", "frame.number", "-e", "frame.time_epoch", "-e", "l2tp.type", "-e", "l2tp.tunnel",
                "-e", "l2tp.session", "-e", "l2tp.avp.message_type"));
        String out = run("tshark", args.toArray(String[]::new));
        List<String> rows = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            String[] epoch = (f[1].isEmpty() ? "0" : f[1]).split("\\.");
            String micros = epoch[0] + "." + (epoch.length > 1 ? (epoch[1] + "000000").substring(0, 6) : "000000");
            rows.add(String.join("|", f[0], micros, f[2], f[3], f[4], f[5]));
        }
        return rows;
    }
}
