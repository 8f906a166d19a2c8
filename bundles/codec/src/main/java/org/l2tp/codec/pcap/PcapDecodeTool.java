package org.l2tp.codec.pcap;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * {@code l2tp-decode FILE.pcap [--secret S | --secret-file F] [--port N]}: one JSON object per line for every L2TP
 * datagram in a capture (UDP port 1701, either direction, unless told otherwise). The shell's decode command
 * calls {@link #decode} too.
 */
public final class PcapDecodeTool {
    /** The IANA port of L2TP. */
    public static final int DEFAULT_PORT = 1701;

    private PcapDecodeTool() {
    }

    /**
     * Writes one JSON line per L2TP datagram on {@code port} to {@code out}; returns the number of datagrams. File
     * problems (not a pcap, cut short) surface as IOException after the lines already written.
     */
    public static int decode(Path file, int port, byte[] secret, Consumer<String> out) throws IOException {
        int n = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
             PcapReader reader = new PcapReader(in)) {
            PcapFrame f;
            while ((f = reader.next()) != null) {
                if (f.sourcePort() == port || f.destinationPort() == port) {
                    out.accept(L2tpJson.frame(f, secret));
                    n++;
                }
            }
        }
        return n;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path file = null;
        int port = DEFAULT_PORT;
        byte[] secret = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--secret" -> secret = value(args, ++i).getBytes(StandardCharsets.UTF_8);
                    case "--secret-file" -> secret = Files.readString(Path.of(value(args, ++i))).strip()
                            .getBytes(StandardCharsets.UTF_8);
                    case "--port" -> port = Integer.parseInt(value(args, ++i));
                    case "-h", "--help" -> {
                        usage(out);
                        return 0;
                    }
                    default -> {
                        if (args[i].startsWith("-") || file != null) {
                            throw new IllegalArgumentException("unexpected argument " + args[i]);
                        }
                        file = Path.of(args[i]);
                    }
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("no capture file given");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1-65535");
            }
        } catch (IllegalArgumentException | IOException e) {
            err.println("l2tp-decode: " + e.getMessage());
            usage(err);
            return 2;
        }
        try {
            decode(file, port, secret, out::println);
            return 0;
        } catch (IOException e) {
            err.println("l2tp-decode: " + file + ": " + e.getMessage());
            return 1;
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(PrintStream s) {
        s.println("usage: l2tp-decode FILE.pcap [--secret S | --secret-file F] [--port N]");
        s.println("  Prints one JSON object per L2TP packet (UDP port " + DEFAULT_PORT + " by default).");
        s.println("  --secret reveals hidden AVPs; prefer --secret-file, which keeps it out of `ps`.");
    }
}
