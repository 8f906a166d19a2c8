package org.l2tp.codec.pcap;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.l2tp.codec.MessageType;

/** One run of l2tp-decode (in process) and ways to compare its output. */
record DecodeRun(int rc, String out, String err) {
    private static final Pattern FRAME = Pattern.compile("^\\{\"frame\":(\\d+),\"time\":\"([0-9.]+)\"");
    private static final Pattern T = Pattern.compile("\"flags\":\\{\"T\":(true|false)");
    private static final Pattern TUNNEL = Pattern.compile("\"tunnel\":(\\d+),\"session\":(\\d+)");
    private static final Pattern MESSAGE = Pattern.compile("\"message\":\"([^\"]+)\"");
    private static final Pattern FRAME_AND_ENDPOINTS =
            Pattern.compile("^\\{\"frame\":\\d+,(\"time\":\"[0-9.]+\",)\"src\":\"[^\"]*\",\"dst\":\"[^\"]*\"");

    static DecodeRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = PcapDecodeTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new DecodeRun(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    List<String> lines() {
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    /** The JSON lines without frame numbers and endpoints: what must not change with the encapsulation. */
    List<String> withoutFrameAndEndpoints() {
        List<String> r = new ArrayList<>();
        for (String l : lines()) {
            Matcher m = FRAME_AND_ENDPOINTS.matcher(l);
            if (!m.find()) {
                throw new AssertionError("not a frame line: " + l);
            }
            r.add("{" + m.group(1) + l.substring(m.end()));
        }
        return r;
    }

    /** Our lines in the shape of {@link WiresharkTools#l2tpRows}: number|time|T|tunnel|session|message type. */
    List<String> rows() {
        List<String> r = new ArrayList<>();
        for (String l : lines()) {
            Matcher f = first(FRAME, l);
            Matcher t = first(T, l);
            Matcher ids = first(TUNNEL, l);
            String message = first(MESSAGE, l).group(1);
            String code = switch (message) {
                case "ZLB", "DATA" -> "";
                default -> String.valueOf(code(message));
            };
            r.add(String.join("|", f.group(1), f.group(2), t.group(1).equals("true") ? "1" : "0", ids.group(1),
                    ids.group(2), code));
        }
        return r;
    }

    private static int code(String abbreviation) {
        for (MessageType t : MessageType.values()) {
            if (t.abbreviation().equals(abbreviation)) {
                return t.code();
            }
        }
        throw new AssertionError("no message type " + abbreviation);
    }

    private static Matcher first(Pattern p, String line) {
        Matcher m = p.matcher(line);
        if (!m.find()) {
            throw new AssertionError(p + " not in " + line);
        }
        return m;
    }
}
