package org.l2tp.radius;

import java.io.File;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Debian's FreeRADIUS 3.2, run for real as a child process on loopback with a complete minimal configuration this
 * class writes into a test's own folder (JUnit {@code @TempDir}): users file, NAS clients, the pap, chap, mschap,
 * files and detail modules, one virtual server on two free UDP ports. A RADIUS server we did not write.
 *
 * <pre>{@code
 * try (FreeRadius fr = FreeRadius.in(dir).user("alice", "secret", "Framed-IP-Address = 10.1.2.3").start()) {
 *     ... fr.authPort(), fr.acctPort(), FreeRadius.SECRET ...
 *     fr.stop(); ... fr.start();            // same ports again (fail-over tests)
 *     fr.awaitDetail(d -> "Start".equals(d.get("Acct-Status-Type")), Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * FreeRADIUS 3.2.1 answers an Access-Request that carries a Message-Authenticator WITHOUT one (it adds it on its own
 * only to EAP replies; 3.2.5 changed that after Blast-RADIUS). Our client requires it (RFC 3579 3.2), so by default
 * post-auth adds {@code Message-Authenticator := 0x00} to every Access-Accept and Access-Reject, which FreeRADIUS
 * then computes; {@link Builder#signResponses(boolean) signResponses(false)} leaves it out (the old, forgeable
 * behaviour) to prove our client drops such replies. See README (RADIUS).
 *
 * The log ({@code -l stdout}, authentications logged) goes to target/freeradius-logs/NAME-*.log and stays there as
 * evidence. If freeradius is missing, {@link Builder#start()} fails with what to install.
 */
public final class FreeRadius implements AutoCloseable {
    /** The secret of the default NAS client (127.0.0.1). */
    public static final String SECRET = "testing123";
    /** Where FreeRADIUS listens. */
    public static final String ADDRESS = "127.0.0.1";

    private static final String READY = "Ready to process requests";
    private static final long START_TIMEOUT_S = 60;

    private final Path dir;
    private final Path log;
    private final boolean debug;
    private int authPort;
    private int acctPort;
    private Process process;
    private long logOffset;

    private FreeRadius(Path dir, Path log, boolean debug) {
        this.dir = dir;
        this.log = log;
        this.debug = debug;
    }

    /** A configuration to write into {@code dir} (an empty folder of the test's, e.g. {@code @TempDir}). */
    public static Builder in(Path dir) {
        return new Builder(dir);
    }

    /** What FreeRADIUS is to know: users, NAS clients. */
    public static final class Builder {
        private final Path dir;
        private final StringBuilder users = new StringBuilder();
        private final List<String[]> clients = new ArrayList<>();
        private String name = "freeradius";
        private boolean sign = true;
        private boolean requireMessageAuthenticator = true;
        private boolean debug;

        private Builder(Path dir) {
            this.dir = dir;
            clients.add(new String[] {ADDRESS, SECRET});
        }

        /** The log file's name prefix (target/freeradius-logs/NAME-*.log); tell several servers of a test apart. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * A user with a Cleartext-Password (good for PAP, CHAP and MS-CHAPv2) and reply attributes as FreeRADIUS
         * users-file lines ({@code "Framed-IP-Address = 10.1.2.3"}, {@code "Class := \"gold\""}, one per entry).
         */
        public Builder user(String user, String password, String... reply) {
            StringBuilder e = new StringBuilder(quote(user)).append(" Cleartext-Password := ").append(quote(password));
            for (int i = 0; i < reply.length; i++) {
                e.append(i == 0 ? "\n\t" : ",\n\t").append(reply[i]);
            }
            return userEntry(e.toString());
        }

        /** A raw users-file entry (check items on the first line, reply items on the following tab-indented ones). */
        public Builder userEntry(String entry) {
            users.append(entry).append("\n\n");
            return this;
        }

        /** One more NAS client: an address (or CIDR network) and its secret. 127.0.0.1 / {@link #SECRET} is there. */
        public Builder client(String address, String secret) {
            clients.add(new String[] {address, secret});
            return this;
        }

        /**
         * Whether Access-Accept/Reject carry a Message-Authenticator (default yes; FreeRADIUS 3.2.1 adds none on
         * its own, see the class comment).
         */
        public Builder signResponses(boolean sign) {
            this.sign = sign;
            return this;
        }

        /** Whether FreeRADIUS drops Access-Requests without a Message-Authenticator (default yes). */
        public Builder requireMessageAuthenticator(boolean require) {
            this.requireMessageAuthenticator = require;
            return this;
        }

        /** Runs {@code freeradius -X} (every packet and attribute in the log; passwords too: tests only). */
        public Builder debug(boolean debug) {
            this.debug = debug;
            return this;
        }

        /** Writes the configuration, takes two free ports and starts FreeRADIUS; returns once it is ready. */
        public FreeRadius start() throws IOException, InterruptedException {
            String bin = binary();
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("users"), users.toString());
            Files.writeString(dir.resolve("acct_users"), "");
            Path logs = Path.of("target", "freeradius-logs").toAbsolutePath();
            Files.createDirectories(logs);
            FreeRadius fr = new FreeRadius(dir, Files.createTempFile(logs, name + "-", ".log"), debug);
            for (int attempt = 1; ; attempt++) {
                fr.authPort = freeUdpPort(0);
                fr.acctPort = freeUdpPort(fr.authPort);
                Files.writeString(dir.resolve("radiusd.conf"), config(fr));
                if (fr.launch(bin)) {
                    return fr;
                }
                if (attempt == 5) {
                    throw new AssertionError("FreeRADIUS found its ports taken 5 times; its log:\n" + fr.log());
                }
            }
        }

        private String config(FreeRadius fr) {
            String d = dir.toAbsolutePath().toString();
            StringBuilder c = new StringBuilder();
            c.append("prefix = /usr\nexec_prefix = /usr\nsysconfdir = /etc\nlocalstatedir = /var\nsbindir = /usr/sbin\n")
                    .append("name = freeradius\n")
                    .append("raddbdir = ").append(d).append("\nconfdir = ").append(d).append("\nmodconfdir = ")
                    .append(d).append("\ncertdir = ").append(d).append("\ncadir = ").append(d)
                    .append("\ndb_dir = ").append(d).append("\nlogdir = ").append(d).append("\nradacctdir = ")
                    .append(d).append("\nrun_dir = ").append(d).append("\npidfile = ").append(d)
                    .append("/radiusd.pid\nlibdir = ").append(libdir()).append('\n')
                    .append("max_request_time = 30\ncleanup_delay = 5\nmax_requests = 4096\nhostname_lookups = no\n")
                    .append("proxy_requests = no\n")
                    .append("log {\n  destination = stdout\n  colourise = no\n  auth = yes\n  auth_badpass = no\n")
                    .append("  auth_goodpass = no\n}\n")
                    // No user/group: it runs as whoever runs the tests. No reject delay: tests measure rejects.
                    .append("security {\n  allow_core_dumps = no\n  max_attributes = 200\n  reject_delay = 0\n")
                    .append("  status_server = yes\n}\n")
                    .append("thread pool {\n  start_servers = 2\n  max_servers = 8\n  min_spare_servers = 1\n")
                    .append("  max_spare_servers = 4\n  max_requests_per_server = 0\n}\n");
            int n = 0;
            for (String[] client : clients) {
                c.append("client nas").append(n++).append(" {\n  ipaddr = ").append(client[0])
                        .append("\n  secret = ").append(quote(client[1]))
                        .append("\n  require_message_authenticator = ").append(requireMessageAuthenticator ? "yes" : "no")
                        .append("\n}\n");
            }
            c.append("modules {\n  pap {\n  }\n  chap {\n  }\n  mschap {\n  }\n")
                    .append("  files {\n    filename = ").append(d).append("/users\n    acctusersfile = ").append(d)
                    .append("/acct_users\n  }\n")
                    .append("  detail {\n    filename = ").append(d).append("/detail\n    escape_filenames = no\n")
                    .append("    permissions = 0600\n    header = \"%t\"\n  }\n}\n")
                    .append("instantiate {\n}\npolicy {\n}\n")
                    .append("server default {\n")
                    .append("  listen {\n    type = auth\n    ipaddr = ").append(ADDRESS).append("\n    port = ")
                    .append(fr.authPort).append("\n  }\n")
                    .append("  listen {\n    type = acct\n    ipaddr = ").append(ADDRESS).append("\n    port = ")
                    .append(fr.acctPort).append("\n  }\n")
                    .append("  authorize {\n    files\n    chap\n    mschap\n    pap\n  }\n")
                    .append("  authenticate {\n    Auth-Type PAP {\n      pap\n    }\n    Auth-Type CHAP {\n      chap\n")
                    .append("    }\n    Auth-Type MS-CHAP {\n      mschap\n    }\n  }\n")
                    .append("  accounting {\n    detail\n  }\n");
            if (sign) {
                // RFC 3579 3.2 / Blast-RADIUS: FreeRADIUS computes a Message-Authenticator present in the reply.
                String ma = "update reply {\n      Message-Authenticator := 0x00\n    }\n";
                c.append("  post-auth {\n    ").append(ma).append("    Post-Auth-Type REJECT {\n      ")
                        .append(ma.replace("\n", "\n  ")).append("}\n  }\n");
            }
            return c.append("}\n").toString();
        }
    }

    /** The freeradius program, or an AssertionError saying what to install. */
    public static String binary() {
        for (String p : List.of("/usr/sbin/freeradius", "/usr/sbin/radiusd", "/usr/local/sbin/radiusd")) {
            if (new File(p).canExecute()) {
                return p;
            }
        }
        throw new AssertionError("freeradius is not installed: install freeradius (bin/prerequisites test)");
    }

    /** The radclient program, or an AssertionError saying what to install. */
    public static String radclientBinary() {
        for (String p : List.of("/usr/bin/radclient", "/usr/local/bin/radclient")) {
            if (new File(p).canExecute()) {
                return p;
            }
        }
        throw new AssertionError("radclient is not installed: install freeradius-utils (bin/prerequisites test)");
    }

    private static String libdir() {
        for (String p : List.of("/usr/lib/freeradius", "/usr/lib64/freeradius", "/usr/local/lib/freeradius")) {
            if (new File(p, "rlm_pap.so").exists()) {
                return p;
            }
        }
        return "/usr/lib/freeradius";
    }

    /** A UDP port free on {@link #ADDRESS} now, other than {@code not}; FreeRADIUS may lose it: start() retries. */
    private static int freeUdpPort(int not) throws IOException {
        while (true) {
            try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName(ADDRESS))) {
                if (s.getLocalPort() != not) {
                    return s.getLocalPort();
                }
            }
        }
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Starts the process and waits for readiness; false when a port was taken. */
    private boolean launch(String bin) throws IOException, InterruptedException {
        logOffset = Files.size(log);
        List<String> cmd = new ArrayList<>(List.of(bin, "-f", "-d", dir.toAbsolutePath().toString(),
                "-l", "stdout"));
        if (debug) {
            cmd.add("-X");
        }
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_S);
        while (!recentLog().contains(READY)) {
            if (!process.isAlive()) {
                process.waitFor();
                if (recentLog().contains("Address already in use")) {
                    return false;
                }
                throw new AssertionError("freeradius exited (" + process.exitValue() + "):\n" + recentLog());
            }
            if (System.nanoTime() - deadline > 0) {
                kill();
                throw new AssertionError("freeradius was not ready within " + START_TIMEOUT_S + " s:\n" + recentLog());
            }
            Thread.sleep(10);
        }
        return true;
    }

    private String recentLog() throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) Math.min(logOffset, all.length), (int) Math.max(0, all.length - logOffset),
                StandardCharsets.ISO_8859_1);
    }

    public String address() {
        return ADDRESS;
    }

    public int authPort() {
        return authPort;
    }

    public int acctPort() {
        return acctPort;
    }

    public InetSocketAddress authAddress() {
        return new InetSocketAddress(ADDRESS, authPort);
    }

    public InetSocketAddress acctAddress() {
        return new InetSocketAddress(ADDRESS, acctPort);
    }

    /** The folder with the configuration, users file and detail file. */
    public Path dir() {
        return dir;
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    /** Stops FreeRADIUS (its ports fall silent: requests time out); {@link #start()} brings it back. */
    public void stop() throws InterruptedException {
        kill();
    }

    /** Starts FreeRADIUS again on the same ports (and the same users); returns once it is ready. */
    public void start() throws IOException, InterruptedException {
        if (running()) {
            return;
        }
        // The ports were ours a moment ago; something else may hold one briefly (a test's fake server won't).
        for (int attempt = 1; !launch(binary()); attempt++) {
            if (attempt == 5) {
                throw new AssertionError("FreeRADIUS could not have its ports " + authPort + "/" + acctPort
                        + " back; its log:\n" + recentLog());
            }
            Thread.sleep(200);
        }
    }

    private void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Everything FreeRADIUS logged (all runs of this instance). */
    public String log() {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public Path logFile() {
        return log;
    }

    /** Waits until the log contains {@code text} (e.g. "Login OK: [alice]"). */
    public void awaitLog(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!log().contains(text)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("FreeRADIUS never logged \"" + text + "\"; its log:\n" + log());
            }
            Thread.sleep(10);
        }
    }

    // ------------------------------------------------------------------------------------------------ accounting

    /** The accounting detail file (one for every NAS). */
    public Path detailFile() {
        return dir.resolve("detail");
    }

    /**
     * One accounting request as FreeRADIUS wrote it to its detail file: the time line, then its attributes in
     * order (text values unquoted; FreeRADIUS adds Acct-Unique-Session-Id, Timestamp, NAS-IP-Address ...).
     */
    public record Detail(String time, List<Map.Entry<String, String>> attributes) {
        /** The first value of {@code name}, or null. */
        public String get(String name) {
            for (Map.Entry<String, String> a : attributes) {
                if (a.getKey().equals(name)) {
                    return a.getValue();
                }
            }
            return null;
        }

        /** Every value of {@code name} (e.g. several Class), in order. */
        public List<String> all(String name) {
            return attributes.stream().filter(a -> a.getKey().equals(name)).map(Map.Entry::getValue).toList();
        }
    }

    /** The detail file's records so far (none before the first accounting request). */
    public List<Detail> details() throws IOException {
        Path f = detailFile();
        if (!Files.exists(f)) {
            return List.of();
        }
        return parseDetail(Files.readString(f, StandardCharsets.UTF_8));
    }

    static List<Detail> parseDetail(String text) {
        List<Detail> out = new ArrayList<>();
        String time = null;
        List<Map.Entry<String, String>> attrs = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                if (time != null) {
                    out.add(new Detail(time, List.copyOf(attrs)));
                }
                time = null;
                attrs.clear();
            } else if (!Character.isWhitespace(line.charAt(0))) {
                time = line.trim();
            } else if (time != null) {
                int eq = line.indexOf(" = ");
                if (eq > 0) {
                    String v = line.substring(eq + 3).trim();
                    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                        v = v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
                    }
                    attrs.add(Map.entry(line.substring(0, eq).trim(), v));
                }
            }
        }
        // The last record is complete only when its blank line was written.
        return out;
    }

    /** Waits for a detail record matching {@code match} and returns the first one. */
    public Detail awaitDetail(Predicate<Detail> match, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Detail d : details()) {
                if (match.test(d)) {
                    return d;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                Path f = detailFile();
                throw new AssertionError("no matching accounting record within " + timeout + "; detail file:\n"
                        + (Files.exists(f) ? Files.readString(f) : "(none)"));
            }
            Thread.sleep(10);
        }
    }

    // ------------------------------------------------------------------------------------------------- radclient

    /**
     * What radclient printed ({@code -x}) and its exit code.
     *
     * @param exit   0 when the answer was the expected one (ACK / Accept); radclient's own code otherwise
     * @param output everything it printed
     */
    public record RadclientResult(int exit, String output) {
        /** The answer's packet type ("Disconnect-ACK", "CoA-NAK", "Access-Accept" ...), or null when none came. */
        public String reply() {
            int i = output.indexOf("Received ");
            if (i < 0) {
                return null;
            }
            int end = output.indexOf(' ', i + 9);
            return output.substring(i + 9, end < 0 ? output.length() : end);
        }

        /** A reply attribute's value as radclient printed it (text unquoted), or null. */
        public String attribute(String name) {
            int i = output.indexOf("Received ");
            if (i < 0) {
                return null;
            }
            for (String line : output.substring(i).split("\n")) {
                String t = line.trim();
                if (t.startsWith(name + " = ")) {
                    String v = t.substring(name.length() + 3);
                    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
                }
            }
            return null;
        }
    }

    /**
     * Sends one request with radclient and waits for it to finish.
     *
     * @param to         the server (ours, e.g. the DAS, or FreeRADIUS)
     * @param command    auth, acct, status, coa or disconnect
     * @param secret     the shared secret
     * @param timeout    how long radclient waits for each try
     * @param retries    retransmissions after the first try
     * @param attributes "Name = value" items (Message-Authenticator = 0x00 asks radclient to add one)
     */
    public static RadclientResult radclient(InetSocketAddress to, String command, String secret, Duration timeout,
                                            int retries, String... attributes)
            throws IOException, InterruptedException {
        String host = to.getAddress() != null ? to.getAddress().getHostAddress() : to.getHostString();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        Process p = new ProcessBuilder(radclientBinary(), "-x", "-r", String.valueOf(Math.max(1, retries + 1)),
                "-t", String.format(java.util.Locale.ROOT, "%.3f", timeout.toMillis() / 1000.0),
                host + ":" + to.getPort(), command, secret)
                .redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write((String.join(",", attributes) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        long wait = timeout.toMillis() * (retries + 1) + 30_000;
        if (!p.waitFor(wait, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("radclient did not finish:\n" + out);
        }
        return new RadclientResult(p.exitValue(), out);
    }

    /** Stops FreeRADIUS; the log stays in target/freeradius-logs, the folder is the test's to remove. */
    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
