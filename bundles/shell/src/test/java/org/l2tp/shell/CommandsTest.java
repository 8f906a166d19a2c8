package org.l2tp.shell;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2tp.api.ppp.PppInfo;
import org.l2tp.codec.pcap.PcapWriter;

/**
 * Every l2tp:* command against a fake daemon, parsed and injected by Karaf's own code ({@link KarafShell}): what it
 * prints, what it asks the daemon, and the one line it ends with when the input is wrong or the daemon refuses.
 */
class CommandsTest {
    private FakeL2tpService l2tp;
    private KarafShell shell;

    @BeforeEach
    void daemon() {
        l2tp = new FakeL2tpService();
        l2tp.tunnel(5, 9, "lns-a", "lns1");
        l2tp.tunnel(6, 10, null, null);
        l2tp.session(5, 7, 70, FakeL2tpService.pppd("alice", "10.0.0.7", 1234));
        l2tp.session(5, 8, 80, FakeL2tpService.pppd("bob", "10.0.0.8", 1235));
        l2tp.session(6, 8, 81, new PppInfo("inprocess", "l2tp6-8", "10.0.0.1", "10.0.0.9", "alice", "chap",
                "LCP opened, IPCP opened", 0));
        shell = new KarafShell(l2tp);
    }

    private String run(Class<? extends Action> command, String... words) throws Exception {
        return shell.run(command, words);
    }

    /**
     * The command fails with exactly a CommandException (Karaf's console prints those as one line and logs them
     * without a stack trace; it recognises them by their class name), whose one line is "Error executing command
     * l2tp:NAME: DETAIL" as Karaf's parser words its own; returns "l2tp:NAME: DETAIL". Nothing was asked of the
     * daemon, unless the daemon is what refused.
     */
    private String error(Class<? extends Action> command, String... words) {
        CommandException e = assertThrows(CommandException.class, () -> run(command, words));
        assertEquals(CommandException.class, e.getClass());
        String help = e.getNiceHelp().replaceAll("\u001B\\[[0-9;]*m", "");
        assertFalse(help.contains("\n"), help);
        assertEquals("Error executing command " + e.getMessage(), help);
        return e.getMessage();
    }

    // ------------------------------------------------------------------ viewers

    @Test
    void status() throws Exception {
        String out = run(StatusCommand.class);
        assertAll(() -> assertTrue(out.contains("lns.example"), out),
                () -> assertTrue(out.contains("LNS, LAC"), out),
                () -> assertTrue(out.contains("0.0.0.0:1701"), out),
                () -> assertTrue(out.contains("this kernel has no PPPoL2TP sockets"), out),
                () -> assertTrue(out.lines().anyMatch(l -> l.matches("tunnels\\s*\\|\\s*2\\s*")), out));
    }

    /** The rows of a --no-format table (no header; tab-separated, padded). */
    private static List<List<String>> rows(String out) {
        return out.lines().map(l -> java.util.Arrays.stream(l.split("\t")).map(String::trim).toList()).toList();
    }

    @Test
    void tunnelList() throws Exception {
        List<List<String>> rows = rows(run(TunnelListCommand.class, "--no-format"));
        assertEquals(2, rows.size());
        assertEquals(List.of("5", "9", "ESTABLISHED", "192.0.2.7:1701", "lns-a", "lns1", "0", "yes"),
                rows.get(0).subList(0, 8));
        assertEquals(List.of("6", "10", "ESTABLISHED", "192.0.2.7:1701", "-", "-", "0", "yes"),
                rows.get(1).subList(0, 8));
        assertTrue(rows.get(0).get(8).matches("\\d+s"), "age");
        String table = run(TunnelListCommand.class);
        assertTrue(table.startsWith("Tunnel | Peer tunnel | State"), table);
    }

    @Test
    void tunnelShow() throws Exception {
        String out = run(TunnelShowCommand.class, "5");
        assertAll(() -> assertTrue(out.contains("5 (peer's 9)"), out),
                () -> assertTrue(out.contains("127.0.0.1:1701"), out),
                () -> assertTrue(out.contains("lns-a"), out),
                () -> assertTrue(out.contains("SCCRP=1"), out),
                () -> assertTrue(out.contains("tx 10 pkts/1000 B"), out));
    }

    @Test
    void tunnelShowBadInput() {
        String expected = "; expected a number from 1 to 65535";
        assertEquals("l2tp:tunnel-show: \"abc\" is not a tunnel id" + expected, error(TunnelShowCommand.class, "abc"));
        assertEquals("l2tp:tunnel-show: \"0\" is not a tunnel id" + expected, error(TunnelShowCommand.class, "0"));
        assertEquals("l2tp:tunnel-show: \"65536\" is not a tunnel id" + expected,
                error(TunnelShowCommand.class, "65536"));
        assertEquals("l2tp:tunnel-show: \"99999999999999\" is not a tunnel id" + expected,
                error(TunnelShowCommand.class, "99999999999999"));
        assertEquals("l2tp:tunnel-show: no tunnel 9; l2tp:tunnel-list shows the tunnels",
                error(TunnelShowCommand.class, "9"));
    }

    @Test
    void sessionList() throws Exception {
        List<List<String>> all = rows(run(SessionListCommand.class, "--no-format"));
        assertEquals(3, all.size(), all::toString);
        assertEquals(List.of("5", "7", "70", "ESTABLISHED", "LAC", "incoming", "ppp3", "100", "200"),
                all.get(0).subList(0, 9));
        assertTrue(all.get(0).get(9).matches("\\d+s"), "age");
        assertEquals(List.of("alice", "10.0.0.7"), all.get(0).subList(10, 12));
        assertEquals(List.of("alice", "10.0.0.9"), all.get(2).subList(10, 12));
        List<List<String>> one = rows(run(SessionListCommand.class, "--no-format", "6"));
        assertEquals(List.of("6", "8", "81"), one.get(0).subList(0, 3));
        assertEquals(1, one.size());
    }

    /** The sessions a session-list prints, as TUNNEL/SESSION. */
    private List<String> listed(String... words) throws Exception {
        String[] all = new String[words.length + 1];
        all[0] = "--no-format";
        System.arraycopy(words, 0, all, 1, words.length);
        return rows(run(SessionListCommand.class, all)).stream().map(r -> r.get(0) + "/" + r.get(1)).toList();
    }

    @Test
    void sessionListByUserAndAddress() throws Exception {
        l2tp.session(6, 9, 90);
        l2tp.session(6, 10, 100, FakeL2tpService.pppd("Alice", null, 99));
        List<List<String>> all = rows(run(SessionListCommand.class, "--no-format"));
        assertEquals(List.of("-", "-"), all.get(3).subList(10, 12), "no PPP");
        assertEquals(List.of("Alice", "-"), all.get(4).subList(10, 12), "no address yet");
        assertEquals(List.of("5/7", "6/8"), listed("--user", "alice"));
        assertEquals(List.of("6/10"), listed("--user", "Alice"), "case-sensitive");
        assertEquals(List.of(), listed("--user", "ALICE"));
        assertEquals(List.of(), listed("--user", "ali"), "exact");
        assertEquals(List.of("5/8"), listed("--address", "10.0.0.8"));
        assertEquals(List.of("5/8"), listed("--address", "10.0.0.008"), "the same address, written otherwise");
        assertEquals(List.of("6/8"), listed("--user", "alice", "--address", "10.0.0.9"));
        assertEquals(List.of(), listed("--user", "bob", "--address", "10.0.0.9"));
        assertEquals(List.of("5/7"), listed("--user", "alice", "5"), "within a tunnel");
        assertEquals(List.of("6/8"), listed("--address", "10.0.0.9", "6"));
        assertEquals(List.of(), listed("--address", "10.0.0.9", "5"));
    }

    @Test
    void sessionListBadAddress() {
        for (String bad : new String[] {"10.0.0", "10.0.0.256", "10.0.0.1.2", "10.0.0.x", "host.example", "::1",
                "10..0.1", "10.0.0.1."}) {
            assertEquals("l2tp:session-list: \"" + bad + "\" is not an IPv4 address; expected --address A.B.C.D",
                    error(SessionListCommand.class, "--address", bad), bad);
        }
        assertEquals("l2tp:session-list: no tunnel 9; l2tp:tunnel-list shows the tunnels",
                error(SessionListCommand.class, "--user", "alice", "9"));
    }

    @Test
    void sessionListBadInput() {
        assertEquals("l2tp:session-list: no tunnel 9; l2tp:tunnel-list shows the tunnels",
                error(SessionListCommand.class, "9"));
        assertEquals("l2tp:session-list: \"5/7\" is not a tunnel id; expected a number from 1 to 65535",
                error(SessionListCommand.class, "5/7"));
    }

    @Test
    void sessionShow() throws Exception {
        String out = run(SessionShowCommand.class, "5/8");
        assertAll(() -> assertTrue(out.contains("5/8 (peer's 80)"), out),
                () -> assertTrue(out.contains("LAC, incoming call, serial 42"), out),
                () -> assertTrue(out.contains("ppp3"), out));
        assertTrue(run(SessionShowCommand.class, "7").contains("5/7 (peer's 70)"), "a session id unique over tunnels");
    }

    /** The value of a property row of session-show's --no-format output, or null when there is no such row. */
    private String property(String out, String name) {
        return rows(out).stream().filter(r -> r.get(0).equals(name)).map(r -> r.get(1)).findFirst().orElse(null);
    }

    @Test
    void sessionShowPpp() throws Exception {
        String pppd = run(SessionShowCommand.class, "--no-format", "5/8");
        assertAll(() -> assertEquals("pppd", property(pppd, "ppp engine"), pppd),
                () -> assertEquals("ppp3", property(pppd, "ppp interface"), pppd),
                () -> assertEquals("10.0.0.1", property(pppd, "local address"), pppd),
                () -> assertEquals("10.0.0.8", property(pppd, "peer address"), pppd),
                () -> assertEquals("bob", property(pppd, "user"), pppd),
                () -> assertEquals("-", property(pppd, "auth method"), pppd),
                () -> assertEquals("pppd running", property(pppd, "ppp state"), pppd),
                () -> assertEquals("1235", property(pppd, "pid"), pppd));
        String inprocess = run(SessionShowCommand.class, "--no-format", "6/8");
        assertAll(() -> assertEquals("inprocess", property(inprocess, "ppp engine"), inprocess),
                () -> assertEquals("l2tp6-8", property(inprocess, "ppp interface"), inprocess),
                () -> assertEquals("alice", property(inprocess, "user"), inprocess),
                () -> assertEquals("chap", property(inprocess, "auth method"), inprocess),
                () -> assertEquals("LCP opened, IPCP opened", property(inprocess, "ppp state"), inprocess),
                () -> assertEquals(null, property(inprocess, "pid"), "no process, no pid"));
        l2tp.session(6, 9, 90);
        String none = run(SessionShowCommand.class, "--no-format", "6/9");
        assertAll(() -> assertEquals("-", property(none, "ppp"), none),
                () -> assertEquals(null, property(none, "ppp engine"), none));
        String table = run(SessionShowCommand.class, "5/7");
        assertTrue(table.lines().anyMatch(l -> l.matches("user\\s*\\|\\s*alice\\s*")), table);
    }

    @Test
    void sessionShowBadInput() {
        String notASession = "\" is not a session; expected TUNNEL/SESSION such as 12/7, or a session id";
        for (String bad : new String[] {"abc", "5/", "/7", "5/abc", "5/0", "0/7", "5/70000", "5/7/1", "5 7"}) {
            assertEquals("l2tp:session-show: \"" + bad + notASession, error(SessionShowCommand.class, bad), bad);
        }
        assertEquals("l2tp:session-show: no session 5/99; l2tp:session-list shows the sessions",
                error(SessionShowCommand.class, "5/99"));
        assertEquals("l2tp:session-show: no session 9/7; l2tp:session-list shows the sessions",
                error(SessionShowCommand.class, "9/7"));
        assertEquals("l2tp:session-show: no session 99 on any tunnel; l2tp:session-list shows the sessions",
                error(SessionShowCommand.class, "99"));
        assertEquals("l2tp:session-show: session 8 is on several tunnels (5/8, 6/8); say which as TUNNEL/SESSION",
                error(SessionShowCommand.class, "8"));
    }

    @Test
    void stats() throws Exception {
        String daemon = run(StatsCommand.class);
        assertAll(() -> assertTrue(daemon.contains("received SCCRP"), daemon),
                () -> assertTrue(daemon.contains("sent SCCRQ"), daemon),
                () -> assertFalse(daemon.contains("window (peer's)"), daemon));
        String tunnel = run(StatsCommand.class, "5");
        assertAll(() -> assertTrue(tunnel.lines().anyMatch(l -> l.matches("window \\(peer's\\)\\s*\\|\\s*8\\s*")),
                        tunnel),
                () -> assertTrue(tunnel.contains("10/1000/0"), tunnel),
                () -> assertTrue(tunnel.contains("received ZLB"), tunnel));
        assertEquals("l2tp:stats: no tunnel 9; l2tp:tunnel-list shows the tunnels", error(StatsCommand.class, "9"));
        assertEquals("l2tp:stats: \"x\" is not a tunnel id; expected a number from 1 to 65535",
                error(StatsCommand.class, "x"));
    }

    // ------------------------------------------------------------------ actions

    @Test
    void tunnelOpen() throws Exception {
        assertEquals("tunnel 77 up with 192.0.2.7:1701 (peer-lns2)\n", run(TunnelOpenCommand.class, "lns2"));
        assertEquals(List.of("openTunnel lns2"), l2tp.calls);
    }

    @Test
    void tunnelOpenRefusedOrUnanswered() {
        assertEquals("l2tp:tunnel-open: no tunnel to 192.0.2.99: no answer from 192.0.2.99",
                error(TunnelOpenCommand.class, "192.0.2.99"));
        l2tp.silent = true;
        assertEquals("l2tp:tunnel-open: no answer within 30 s; the daemon may still complete the request",
                error(TunnelOpenCommand.class, "lns1"));
    }

    @Test
    void tunnelClose() throws Exception {
        assertEquals("tunnel 5: StopCCN sent\n", run(TunnelCloseCommand.class, "5"));
        assertEquals("tunnel 6: StopCCN sent\n", run(TunnelCloseCommand.class, "--result", "6", "--message", "bye",
                "6"));
        assertEquals(List.of("closeTunnel 5 1 closed by operator", "closeTunnel 6 6 bye"), l2tp.calls);
    }

    @Test
    void tunnelCloseBadInput() {
        assertEquals("l2tp:tunnel-close: \"x\" is not a result code; expected --result 1-65535",
                error(TunnelCloseCommand.class, "--result", "x", "5"));
        assertEquals("l2tp:tunnel-close: \"0\" is not a result code; expected --result 1-65535",
                error(TunnelCloseCommand.class, "--result", "0", "5"));
        assertEquals("l2tp:tunnel-close: no tunnel 9; l2tp:tunnel-list shows the tunnels",
                error(TunnelCloseCommand.class, "9"));
        assertEquals(List.of(), l2tp.calls, "nothing was asked of the daemon");
        // Gone between the look-up and the StopCCN: the daemon's own answer.
        l2tp.failure = new IllegalArgumentException("no tunnel 5");
        assertEquals("l2tp:tunnel-close: no tunnel 5", error(TunnelCloseCommand.class, "5"));
        l2tp.silent = true;
        assertEquals("l2tp:tunnel-close: no answer within 10 s; the daemon may still complete the request",
                error(TunnelCloseCommand.class, "5"));
    }

    @Test
    void sessionOpen() throws Exception {
        assertEquals("session 5/99 up (peer's 11) on ppp3\n", run(SessionOpenCommand.class, "5"));
        run(SessionOpenCommand.class, "--outgoing", "5551234", "6");
        assertEquals(List.of("openSession 5 null", "openSession 6 5551234"), l2tp.calls);
    }

    @Test
    void sessionOpenRefused() {
        l2tp.failure = new IllegalStateException("no established tunnel 5");
        assertEquals("l2tp:session-open: no established tunnel 5", error(SessionOpenCommand.class, "5"));
        l2tp.failure = new java.io.IOException("call failed: CDN result 2 (general error)");
        assertEquals("l2tp:session-open: call failed: CDN result 2 (general error)",
                error(SessionOpenCommand.class, "5"));
        assertEquals("l2tp:session-open: \"abc\" is not a tunnel id; expected a number from 1 to 65535",
                error(SessionOpenCommand.class, "abc"));
    }

    @Test
    void sessionClose() throws Exception {
        assertEquals("session 5/7: CDN sent\n", run(SessionCloseCommand.class, "--result", "2", "--message", "bye",
                "7"));
        assertEquals("session 6/8: CDN sent\n", run(SessionCloseCommand.class, "6/8"));
        assertEquals(List.of("closeSession 5/7 2 bye", "closeSession 6/8 3 closed by operator"), l2tp.calls);
    }

    @Test
    void sessionCloseBadInput() {
        assertEquals("l2tp:session-close: \"abc\" is not a session; expected TUNNEL/SESSION such as 12/7, or a "
                + "session id", error(SessionCloseCommand.class, "abc"));
        assertEquals("l2tp:session-close: \"x\" is not a result code; expected --result 1-65535",
                error(SessionCloseCommand.class, "--result", "x", "5/7"));
        assertEquals(List.of(), l2tp.calls);
        l2tp.failure = new IllegalArgumentException("no session 5/7");
        assertEquals("l2tp:session-close: no session 5/7", error(SessionCloseCommand.class, "5/7"));
    }

    @Test
    void sessionCloseByUser() throws Exception {
        l2tp.session(6, 10, 100, FakeL2tpService.pppd("Alice", "10.0.0.10", 99));
        assertEquals("session 5/7: CDN sent\nsession 6/8: CDN sent\n2 sessions with user \"alice\" closed\n",
                run(SessionCloseCommand.class, "--user", "alice"));
        assertEquals(List.of("closeSession 5/7 3 closed by operator", "closeSession 6/8 3 closed by operator"),
                l2tp.calls);
        assertEquals(List.of("5/8", "6/10"), listed(), "bob's and Alice's are still up");
    }

    @Test
    void sessionCloseByAddress() throws Exception {
        assertEquals("session 5/8: CDN sent\n1 session with address 10.0.0.8 closed\n",
                run(SessionCloseCommand.class, "--result", "6", "--message", "bye", "--address", "10.0.0.8"));
        assertEquals("session 6/8: CDN sent\n1 session with user \"alice\" and address 10.0.0.9 closed\n",
                run(SessionCloseCommand.class, "--user", "alice", "--address", "10.0.0.9"));
        assertEquals(List.of("closeSession 5/8 6 bye", "closeSession 6/8 3 closed by operator"), l2tp.calls);
    }

    @Test
    void sessionCloseByUserOrAddressNoMatch() {
        l2tp.session(6, 9, 90);
        assertEquals("l2tp:session-close: no session with user \"carol\"; l2tp:session-list shows the sessions",
                error(SessionCloseCommand.class, "--user", "carol"));
        assertEquals("l2tp:session-close: no session with user \"ALICE\"; l2tp:session-list shows the sessions",
                error(SessionCloseCommand.class, "--user", "ALICE"));
        assertEquals("l2tp:session-close: no session with address 10.0.0.99; l2tp:session-list shows the sessions",
                error(SessionCloseCommand.class, "--address", "10.0.0.99"));
        assertEquals("l2tp:session-close: no session with user \"bob\" and address 10.0.0.7; l2tp:session-list "
                + "shows the sessions", error(SessionCloseCommand.class, "--user", "bob", "--address", "10.0.0.7"));
        assertEquals(List.of(), l2tp.calls);
    }

    @Test
    void sessionCloseByUserBadInput() {
        assertEquals("l2tp:session-close: \"10.0.0\" is not an IPv4 address; expected --address A.B.C.D",
                error(SessionCloseCommand.class, "--address", "10.0.0"));
        assertEquals("l2tp:session-close: give a session, or --user/--address, not both",
                error(SessionCloseCommand.class, "--user", "alice", "5/7"));
        assertEquals("l2tp:session-close: no session given; expected TUNNEL/SESSION such as 12/7, a session id, "
                + "--user NAME or --address A.B.C.D", error(SessionCloseCommand.class));
        assertEquals("l2tp:session-close: \"x\" is not a result code; expected --result 1-65535",
                error(SessionCloseCommand.class, "--result", "x", "--user", "alice"));
        assertEquals(List.of(), l2tp.calls);
    }

    /** One CDN refused (the session went meanwhile) or unanswered: the others are still sent, and one line says so. */
    @Test
    void sessionCloseByUserPartly() {
        l2tp.failure = new IllegalArgumentException("no session 5/7");
        assertEquals("l2tp:session-close: 1 of 2 sessions with user \"alice\" closed; 5/7: no session 5/7",
                error(SessionCloseCommand.class, "--user", "alice"));
        assertEquals(2, l2tp.calls.size());
        l2tp.silent = true;
        String m = error(SessionCloseCommand.class, "--user", "alice");
        assertTrue(m.matches("l2tp:session-close: 0 of 1 sessions with user \"alice\" closed; 5/7: no answer within "
                + "\\d+ s; the daemon may still complete the request"), m);
    }

    // ------------------------------------------------------------------ debug

    @Test
    void debugTraceOnly() throws Exception {
        assertEquals("tunnel 5: control trace on\n", run(DebugCommand.class, "--trace", "on", "5"));
        assertEquals("tunnel 5: control trace off\n", run(DebugCommand.class, "--trace", "OFF", "5"));
        assertEquals(List.of("debug 5 0 ON -1", "debug 5 0 OFF -1"), l2tp.calls);
    }

    @Test
    void debugKernelMaskLeavesTheTraceAlone() throws Exception {
        assertEquals("tunnel 5: kernel debug mask 4\n", run(DebugCommand.class, "--kernel", "4", "5"));
        assertEquals("session 5/7: kernel debug mask 15\n", run(DebugCommand.class, "--kernel", "15", "5/7"));
        assertEquals(List.of("debug 5 0 UNCHANGED 4", "debug 5 7 UNCHANGED 15"), l2tp.calls);
    }

    @Test
    void debugBoth() throws Exception {
        assertEquals("session 5/7: control trace off (all of tunnel 5), kernel debug mask 0\n",
                run(DebugCommand.class, "--trace", "off", "--kernel", "0", "5/7"));
        assertEquals(List.of("debug 5 7 OFF 0"), l2tp.calls);
    }

    @Test
    void debugBadInput() {
        assertEquals("l2tp:debug: nothing to change; give --trace on|off, --kernel MASK or both",
                error(DebugCommand.class, "5"));
        assertEquals("l2tp:debug: \"maybe\" is not a trace setting; expected --trace on or --trace off",
                error(DebugCommand.class, "--trace", "maybe", "5"));
        assertEquals("l2tp:debug: \"256\" is not a kernel debug mask; expected --kernel 0-255",
                error(DebugCommand.class, "--kernel", "256", "5"));
        assertEquals("l2tp:debug: \"x\" is not a kernel debug mask; expected --kernel 0-255",
                error(DebugCommand.class, "--kernel", "x", "5"));
        String notATarget = "\" is not a tunnel or a session; expected TUNNEL (a number from 1 to 65535) or "
                + "TUNNEL/SESSION such as 12/7";
        assertEquals("l2tp:debug: \"abc" + notATarget, error(DebugCommand.class, "--trace", "on", "abc"));
        assertEquals("l2tp:debug: \"5/x" + notATarget, error(DebugCommand.class, "--trace", "on", "5/x"));
        assertEquals("l2tp:debug: no tunnel 9; l2tp:tunnel-list shows the tunnels",
                error(DebugCommand.class, "--trace", "on", "9"));
        assertEquals("l2tp:debug: no session 5/99; l2tp:session-list shows the sessions",
                error(DebugCommand.class, "--kernel", "1", "5/99"));
        assertEquals(List.of(), l2tp.calls);
        l2tp.silent = true;
        assertEquals("l2tp:debug: no answer within 10 s; the daemon may still complete the request",
                error(DebugCommand.class, "--trace", "on", "5"));
    }

    // ------------------------------------------------------------------ decode

    @Test
    void decode(@TempDir Path dir) throws Exception {
        Path pcap = dir.resolve("zlb.pcap");
        try (PcapWriter w = new PcapWriter(new FileOutputStream(pcap.toFile()))) {
            Inet4Address a = (Inet4Address) InetAddress.getByName("192.0.2.1");
            Inet4Address b = (Inet4Address) InetAddress.getByName("192.0.2.2");
            // A ZLB: T, L, S, version 2; length 12; tunnel 5, session 0; Ns 1, Nr 2.
            w.write(0, a, 1701, b, 1701, new byte[] {(byte) 0xc8, 2, 0, 12, 0, 5, 0, 0, 0, 1, 0, 2});
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true));
        String out;
        try {
            out = run(DecodeCommand.class, pcap.toString());
        } finally {
            System.setErr(old);
        }
        assertEquals(1, out.lines().count(), out);
        assertTrue(out.contains("\"message\":\"ZLB\"") && out.contains("\"tunnel\":5"), out);
        assertEquals("1 L2TP packet(s)", err.toString().trim());
    }

    @Test
    void decodeBadInput(@TempDir Path dir) throws Exception {
        assertEquals("l2tp:decode: no file " + dir.resolve("none.pcap"),
                error(DecodeCommand.class, dir.resolve("none.pcap").toString()));
        Path junk = Files.writeString(dir.resolve("junk.pcap"), "not a capture at all");
        String m = error(DecodeCommand.class, junk.toString());
        assertTrue(m.startsWith("l2tp:decode: cannot decode " + junk + ": "), m);
        assertEquals("l2tp:decode: \"0\" is not a UDP port; expected --port 1-65535",
                error(DecodeCommand.class, "--port", "0", junk.toString()));
    }

    // ------------------------------------------------------------------ Karaf's own parser

    @Test
    void karafsOwnParserErrorsAreCommandExceptionsToo() {
        CommandException e = assertThrows(CommandException.class, () -> run(TunnelShowCommand.class, "--bogus", "5"));
        assertEquals("Undefined option: --bogus", e.getMessage());
        e = assertThrows(CommandException.class, () -> run(TunnelShowCommand.class));
        assertEquals("Argument tunnel is required", e.getMessage());
    }
}
