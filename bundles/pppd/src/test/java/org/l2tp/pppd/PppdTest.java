package org.l2tp.pppd;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.sun.jna.Library;
import com.sun.jna.Native;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l2tp.api.dataplane.SessionParameters;
import org.l2tp.api.ppp.PppProcess;

/**
 * The launcher against a stand-in pppd (src/test/resources/fake-pppd) that checks it received a real socket on
 * descriptor 3. The stand-in records what it got in this test's own temporary folder, and that record appearing is
 * its signal that it is ready (its SIGTERM handling is in place). No fixed sleeps: every wait is for a condition,
 * with a deadline far beyond what a loaded machine needs.
 */
class PppdTest {
    /** How long any condition may take before the test fails: generous, a loaded CI machine is slow. */
    private static final long PATIENCE_MS = 20_000;

    interface Sockets extends Library {
        Sockets C = Native.load("c", Sockets.class);

        int socket(int domain, int type, int protocol);

        int close(int fd);
    }

    private Pppd pppd;
    private int fd;
    /** Where the stand-in pppd records its arguments and descriptor 3: per test, removed by JUnit afterwards. */
    @TempDir
    Path records;

    @BeforeEach
    void setUp() throws Exception {
        pppd = new Pppd(20);
        fd = Sockets.C.socket(2, 2, 0); // a real UDP socket stands in for the PPPoL2TP one
        assertTrue(fd > 2);
    }

    private final java.util.List<PppProcess> started = new java.util.ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (PppProcess p : started) {
            p.stop();
            waitGone(p.pid());
        }
        pppd.close();
        Sockets.C.close(fd);
    }

    private PppProfile profile(String behave, String... kv) {
        // The folder travels as a pppd option (the launcher passes the child no environment of ours), and options
        // are split at commas and blanks.
        String dir = records.toAbsolutePath().toString();
        assertFalse(dir.matches(".*[\\s,].*"), "a temporary folder without blanks or commas is needed: " + dir);
        Map<String, Object> p = new java.util.HashMap<>(Map.of("pppd", Path.of("src/test/resources/fake-pppd")
                .toAbsolutePath().toString(), "pool", "10.77.0.10-10.77.0.11", "local.address", "10.77.0.1",
                "dns", "10.77.0.53", "stop.grace.ms", "300", "options", "record=" + dir + " " + behave));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return PppProfile.from(p);
    }

    private static SessionParameters lns(int session) {
        return new SessionParameters(100, 200, session, 400, true, true, null);
    }

    /** The stand-in's record, once it has published it (it is ready for signals then). */
    private Path record(PppProcess p) throws InterruptedException {
        return waitFor(records.resolve("fake-pppd." + p.pid()));
    }

    private PppProcess start(PppProfile prof, AddressPool pool, SessionParameters s,
                             CompletableFuture<String> exit) throws Exception {
        PppProcess p = pppd.start(prof, pool, s, fd, (status, result, reason) ->
                exit.complete(status + "/" + result + "/" + reason));
        started.add(p);
        return p;
    }

    @Test
    void pppdGetsTheSessionSocketOnDescriptor3AndNothingElse() throws Exception {
        String inode = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        AddressPool pool = new AddressPool("10.77.0.10-10.77.0.11");
        CompletableFuture<String> exit = new CompletableFuture<>();
        // auth given explicitly: what the default is belongs to PppProfile's own tests, not to this one.
        PppProcess p = start(profile("run", "auth", "none"), pool, lns(7), exit);
        String rec = Files.readString(record(p));
        assertTrue(rec.contains("fd3: " + inode), rec + " (expected " + inode + ")");
        // Nothing else of the JVM's leaked into pppd: stdin/out/err, the session socket, and bash's own script fd.
        java.util.Set<String> fds = new java.util.TreeSet<>();
        try (var l = Files.list(Path.of("/proc/" + p.pid() + "/fd"))) {
            l.forEach(f -> fds.add(f.getFileName().toString()));
        }
        fds.removeAll(java.util.Set.of("0", "1", "2", "3", "255"));
        assertEquals(java.util.Set.of(), fds, "descriptors leaked into pppd");
        assertTrue(rec.contains("args: plugin pppol2tp.so pppol2tp 3 pppol2tp_lns_mode pppol2tp_tunnel_id 100 "
                + "pppol2tp_session_id 7 pppol2tp_send_seq pppol2tp_recv_seq nodetach ifname l2tp100-7"), rec);
        assertTrue(rec.contains(" noauth "), rec);
        assertTrue(rec.contains("10.77.0.1:10.77.0.10"), rec);
        assertTrue(rec.contains("ms-dns 10.77.0.53"), rec);
        assertEquals("l2tp100-7", p.interfaceName());
        assertEquals("10.77.0.10", p.peerAddress());
        assertTrue(pool.isLeased("10.77.0.10"));
        // L2TP ends the session: SIGTERM, reaped, address back in the pool, and no exit report (we asked).
        p.stop();
        waitGone(p.pid());
        reaperCaughtUp();
        assertFalse(pool.isLeased("10.77.0.10"));
        assertFalse(exit.isDone(), "a stop we asked for is not reported as pppd's own exit");
        assertEquals(0, pppd.running());
    }

    @Test
    void pppdExitingOnItsOwnEndsTheSessionWithAFittingCdn() throws Exception {
        AddressPool pool = new AddressPool("10.77.0.10");
        CompletableFuture<String> exit = new CompletableFuture<>();
        start(profile("exit=16"), pool, lns(8), exit);
        assertEquals("16/1/PPP hangup", exit.get(PATIENCE_MS, TimeUnit.MILLISECONDS));
        assertEquals(0, pool.leasedCount());
        CompletableFuture<String> auth = new CompletableFuture<>();
        start(profile("exit=11"), pool, lns(9), auth);
        assertEquals("11/2/PPP authentication of the peer failed", auth.get(PATIENCE_MS, TimeUnit.MILLISECONDS));
    }

    @Test
    void aPppdIgnoringSigtermIsKilled() throws Exception {
        CompletableFuture<String> exit = new CompletableFuture<>();
        PppProcess p = start(profile("stubborn"), null, new SessionParameters(1, 2, 3, 4, false, false, null), exit);
        record(p); // published only after `trap '' TERM`: from here on SIGTERM is ignored
        long t0 = System.nanoTime();
        p.stop();
        waitGone(p.pid());
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms >= 250, "SIGKILL came only after the grace period of 300 ms, not after " + ms + " ms");
        assertNull(p.peerAddress(), "a LAC session takes no pool address");
    }

    @Test
    void anExhaustedPoolRefusesTheSessionWithoutSpawning() throws Exception {
        AddressPool pool = new AddressPool("10.77.0.10");
        CompletableFuture<String> exit = new CompletableFuture<>();
        PppProcess first = start(profile("run"), pool, lns(1), exit);
        Exception e = assertThrows(Exception.class, () -> start(profile("run"), pool, lns(2), exit));
        assertTrue(e.getMessage().contains("exhausted"), e.getMessage());
        assertEquals(1, pppd.running());
        first.stop();
        waitGone(first.pid());
    }

    @Test
    void aMissingPppdIsAClearError() {
        PppProfile p = PppProfile.from(Map.of("pppd", "/nonexistent/pppd"));
        Exception e = assertThrows(Exception.class, () -> pppd.start(p, null, lns(1), fd, (a, b, c) -> { }));
        assertTrue(e.getMessage().contains("apt-get install ppp"), e.getMessage());
    }

    /**
     * Returns once the reaper has finished with every child it had already reaped (pool address released, exit
     * reported or not): it reaps and reports on one thread, one child after the other, so the report of a child
     * started now comes after theirs. What the test then asserts about them is settled, not a matter of timing.
     */
    private void reaperCaughtUp() throws Exception {
        CompletableFuture<String> sentinel = new CompletableFuture<>();
        start(profile("exit=0"), null, new SessionParameters(9, 9, 9, 9, false, false, null), sentinel);
        assertTrue(sentinel.get(PATIENCE_MS, TimeUnit.MILLISECONDS).startsWith("0/"), "the sentinel exited with 0");
    }

    private static Path waitFor(Path f) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MS);
        while (!Files.exists(f)) {
            assertTrue(System.nanoTime() - deadline < 0, "the stand-in pppd published nothing at " + f);
            Thread.sleep(10);
        }
        return f;
    }

    private static void waitGone(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MS);
        // Gone means reaped too: a zombie still has a /proc entry.
        while (Files.exists(Path.of("/proc/" + pid))) {
            assertTrue(System.nanoTime() - deadline < 0, "pid " + pid + " not reaped");
            Thread.sleep(10);
        }
    }
}
