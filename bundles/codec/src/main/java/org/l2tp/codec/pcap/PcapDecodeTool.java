package org.l2tp.codec.pcap;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;

import org.l2tp.codec.ControlMessage;
import org.l2tp.codec.L2tpDecodeException;
import org.l2tp.codec.L2tpDecoder;

/**
 * {@code l2tp-decode FILE [--secret S | --secret-file F] [--port N]}: one JSON object per line for every L2TP
 * datagram in a pcap or pcapng capture (UDP port 1701, either direction, unless told otherwise). The shell's decode
 * command calls {@link #decode} too. Exit status: 0 when the file held L2TP, 1 when it could not be read (the
 * reason on stderr) or held no L2TP on the port (a line on stderr says what it held instead: frames, link types,
 * the busiest UDP ports), 2 for a usage error.
 */
public final class PcapDecodeTool {
    /** The IANA port of L2TP. */
    public static final int DEFAULT_PORT = 1701;
    /** Most datagrams first, then the lower port. */
    private static final Comparator<Map.Entry<Integer, Integer>> BY_COUNT =
            Map.Entry.<Integer, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    private PcapDecodeTool() {
    }

    /**
     * Writes one JSON line per L2TP datagram on {@code port} to {@code out}; returns the number of datagrams. File
     * problems (not a pcap or pcapng, cut short, malformed) surface as IOException ({@link PcapFormatException})
     * after the lines already written.
     */
    public static int decode(Path file, int port, byte[] secret, Consumer<String> out) throws IOException {
        return scan(file, port, secret, out).l2tpFrames();
    }

    /**
     * As {@link #decode}, and says what else the file holds: for a file without L2TP on {@code port},
     * {@link Summary#noL2tp} tells the user what was seen instead.
     */
    public static Summary scan(Path file, int port, byte[] secret, Consumer<String> out) throws IOException {
        int n = 0;
        Map<Integer, Integer> ports = new HashMap<>();
        Map<Integer, Integer> l2tpLike = new HashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file));
             PcapReader reader = new PcapReader(in)) {
            PcapFrame f;
            while ((f = reader.next()) != null) {
                if (f.sourcePort() == port || f.destinationPort() == port) {
                    out.accept(L2tpJson.frame(f, secret));
                    n++;
                } else if (n == 0) {
                    boolean control = looksLikeL2tpControl(f.payload());
                    for (int p : f.sourcePort() == f.destinationPort() ? new int[] {f.sourcePort()}
                            : new int[] {f.sourcePort(), f.destinationPort()}) {
                        ports.merge(p, 1, Integer::sum);
                        if (control) {
                            l2tpLike.merge(p, 1, Integer::sum);
                        }
                    }
                }
            }
            List<String> linkTypes = reader.linkTypes().stream().map(t -> PcapReader.linkTypeName(t)
                    + (LinkLayer.supported(t) ? "" : " (not decoded)")).toList();
            int likely = l2tpLike.entrySet().stream().sorted(BY_COUNT).map(Map.Entry::getKey).findFirst().orElse(0);
            return new Summary(reader.frameCount(), n, linkTypes, top(ports, 5), likely);
        }
    }

    private static Map<Integer, Integer> top(Map<Integer, Integer> counts, int n) {
        Map<Integer, Integer> top = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(BY_COUNT).limit(n).forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    /** A datagram on another port that decodes as an L2TP control message (ZLB included) hints at that port. */
    private static boolean looksLikeL2tpControl(byte[] payload) {
        if (payload.length < 12 || (payload[0] & 0x80) == 0 || (payload[1] & 0x0F) != 2) {
            return false;
        }
        try {
            return L2tpDecoder.decode(payload, null) instanceof ControlMessage;
        } catch (L2tpDecodeException | RuntimeException e) {
            return false;
        }
    }

    /**
     * What a capture held.
     *
     * @param frames      frames (records, packet blocks) in the file, UDP or not
     * @param l2tpFrames  datagrams on the L2TP port, each one JSON line
     * @param linkTypes   the link types of the file or of its interfaces, by name ("ETHERNET") or number, those
     *                    whose frames are not looked into marked "(not decoded)"
     * @param udpPorts    when there was no L2TP: the UDP ports seen most (at most 5), port to datagram count,
     *                    most frequent first
     * @param likelyPort  when there was no L2TP: the port on which most datagrams decode as L2TP control messages,
     *                    0 if none did
     */
    public record Summary(int frames, int l2tpFrames, List<String> linkTypes, Map<Integer, Integer> udpPorts,
                          int likelyPort) {

        public Summary {
            linkTypes = List.copyOf(linkTypes);
            udpPorts = Collections.unmodifiableMap(new LinkedHashMap<>(udpPorts));
        }

        /**
         * The line that says a file holds no L2TP on {@code port} and what it holds instead, e.g. {@code no L2TP
         * frame on UDP port 1701 in x.pcapng: 120 frames, link types ETHERNET; UDP ports 53 (40), 443 (12); try
         * --port N}.
         */
        public String noL2tp(String file, int port) {
            StringBuilder s = new StringBuilder("no L2TP frame on UDP port ").append(port).append(" in ").append(file)
                    .append(": ").append(frames).append(frames == 1 ? " frame, " : " frames, ")
                    .append(linkTypes.size() == 1 ? "link type " : "link types ")
                    .append(linkTypes.isEmpty() ? "none" : String.join(", ", linkTypes));
            if (udpPorts.isEmpty()) {
                return s.append("; no UDP datagram").toString();
            }
            StringJoiner p = new StringJoiner(", ", "; UDP ports ", "");
            udpPorts.forEach((k, v) -> p.add(k + " (" + v + ")"));
            s.append(p);
            if (likelyPort != 0) {
                return s.append("; L2TP control messages on port ").append(likelyPort).append(": try --port ")
                        .append(likelyPort).toString();
            }
            return s.append("; try --port N").toString();
        }
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
            Summary summary = scan(file, port, secret, out::println);
            if (summary.l2tpFrames() == 0) {
                err.println("l2tp-decode: " + summary.noL2tp(file.toString(), port));
                return 1;
            }
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
        s.println("usage: l2tp-decode FILE [--secret S | --secret-file F] [--port N]");
        s.println("  Prints one JSON object per L2TP packet (UDP port " + DEFAULT_PORT + " by default) of a pcap or");
        s.println("  pcapng capture. Exit status 1 when the file cannot be read or holds no L2TP, 2 on usage errors.");
        s.println("  --secret reveals hidden AVPs; prefer --secret-file, which keeps it out of `ps`.");
    }
}
