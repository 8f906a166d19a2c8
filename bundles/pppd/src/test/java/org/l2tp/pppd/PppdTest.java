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
import org.l2tp.api.dataplane.SessionParameters;
import org.l2tp.api.ppp.PppProcess;

/** The launcher against a stand-in pppd that checks it received a real socket on descriptor 3. */
class PppdTest {
    interface Sockets extends Library {
        Sockets C = Native.load("c", Sockets.class);

        int socket(int domain, int type, int protocol);

        int close(int fd);
    }

    private Pppd pppd;
    private int fd;

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
        Map<String, Object> p = new java.util.HashMap<>(Map.of("pppd", Path.of("src/test/resources/fake-pppd")
                .toAbsolutePath().toString(), "pool", "10.77.0.10-10.77.0.11", "local.address", "10.77.0.1",
                "dns", "10.77.0.53", "stop.grace.ms", "300", "options", behave));
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return PppProfile.from(p);
    }

    private static SessionParameters lns(int session) {
        return new SessionParameters(100, 200, session, 400, true, true, null);
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
        PppProcess p = start(profile("run"), pool, lns(7), exit);
        String rec = Files.readString(waitFor(Path.of("/tmp/fake-pppd." + p.pid())));
        assertTrue(rec.contains("fd3: " + inode), rec + " (expected " + inode + ")");
        // Nothing else of the JVM's leaked into pppd: stdin/out/err, the session socket, and bash's own script fd.
        java.util.Set<String> fds = new java.util.TreeSet<>();
        try (var l = Files.list(Path.of("/proc/" + p.pid() + "/fd"))) {
            l.forEach(f -> fds.add(f.getFileName().toString()));
        }
        fds.removeAll(java.util.Set.of("0", "1", "2", "3", "255"));
        assertEquals(java.util.Set.of(), fds, "descriptors leaked into pppd");
        assertTrue(rec.contains("plugin pppol2tp.so pppol2tp 3 pppol2tp_lns_mode pppol2tp_tunnel_id 100 "
                + "pppol2tp_session_id 7 pppol2tp_send_seq pppol2tp_recv_seq nodetach ifname l2tp100-7"), rec);
        assertTrue(rec.contains("noauth"), rec);
        assertTrue(rec.contains("10.77.0.1:10.77.0.10"), rec);
        assertTrue(rec.contains("ms-dns 10.77.0.53"), rec);
        assertEquals("l2tp100-7", p.interfaceName());
        assertEquals("10.77.0.10", p.peerAddress());
        assertTrue(pool.isLeased("10.77.0.10"));
        // L2TP ends the session: SIGTERM, reaped, address back in the pool, and no exit report (we asked).
        p.stop();
        waitGone(p.pid());
        assertFalse(pool.isLeased("10.77.0.10"));
        Thread.sleep(100);
        assertFalse(exit.isDone(), "a stop we asked for is not reported as pppd's own exit");
        assertEquals(0, pppd.running());
    }

    @Test
    void pppdExitingOnItsOwnEndsTheSessionWithAFittingCdn() throws Exception {
        AddressPool pool = new AddressPool("10.77.0.10");
        CompletableFuture<String> exit = new CompletableFuture<>();
        start(profile("exit=16"), pool, lns(8), exit);
        assertEquals("16/1/PPP hangup", exit.get(5, TimeUnit.SECONDS));
        assertEquals(0, pool.leasedCount());
        CompletableFuture<String> auth = new CompletableFuture<>();
        start(profile("exit=11"), pool, lns(9), auth);
        assertEquals("11/2/PPP authentication of the peer failed", auth.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aPppdIgnoringSigtermIsKilled() throws Exception {
        CompletableFuture<String> exit = new CompletableFuture<>();
        PppProcess p = start(profile("stubborn"), null, new SessionParameters(1, 2, 3, 4, false, false, null), exit);
        waitFor(Path.of("/tmp/fake-pppd." + p.pid()));
        long t0 = System.currentTimeMillis();
        p.stop();
        waitGone(p.pid());
        assertTrue(System.currentTimeMillis() - t0 >= 250, "SIGKILL came only after the grace period");
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

    private static Path waitFor(Path f) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!Files.exists(f)) {
            assertTrue(System.currentTimeMillis() < deadline, "the stand-in pppd wrote nothing to " + f);
            Thread.sleep(10);
        }
        return f;
    }

    private static void waitGone(long pid) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        // Gone means reaped too: a zombie still has a /proc entry.
        while (Files.exists(Path.of("/proc/" + pid))) {
            assertTrue(System.currentTimeMillis() < deadline, "pid " + pid + " not reaped");
            Thread.sleep(10);
        }
    }
}
