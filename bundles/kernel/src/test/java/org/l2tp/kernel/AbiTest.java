package org.l2tp.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.l2tp.codec.Hex;

/**
 * Compiles src/test/c/abi.c against this machine's kernel headers (linux-libc-dev) with gcc and compares every
 * constant, size and offset with the Java side, and the bytes of a sockaddr the C compiler lays out with ours.
 */
class AbiTest {
    private static final Map<String, String> C = new HashMap<>();

    @BeforeAll
    static void compileAndRun() throws Exception {
        Path exe = Path.of("target", "abi");
        Files.createDirectories(exe.getParent());
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-Wall", "-Werror", "-o", exe.toString(), "src/test/c/abi.c")
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("gcc is needed: sudo apt-get install -y gcc linux-libc-dev", e);
        }
        String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, gcc.exitValue(), "gcc failed (install linux-libc-dev):\n" + out);
        Process run = new ProcessBuilder(exe.toAbsolutePath().toString()).start();
        for (String line : new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            String[] kv = line.split("=", 2);
            C.put(kv[0], kv[1]);
        }
        assertEquals(0, run.waitFor());
    }

    private static int c(String key) {
        assertTrue(C.containsKey(key), "abi.c prints no " + key);
        return (int) Long.parseLong(C.get(key));
    }

    @Test
    void constantsMatchTheHeaders() {
        assertEquals(c("AF_PPPOX"), Pppol2tp.AF_PPPOX);
        assertEquals(c("PX_PROTO_OL2TP"), Pppol2tp.PX_PROTO_OL2TP);
        assertEquals(c("SOL_PPPOL2TP"), Pppol2tp.SOL_PPPOL2TP);
        assertEquals(c("PPPOL2TP_SO_DEBUG"), Pppol2tp.PPPOL2TP_SO_DEBUG);
        assertEquals(c("PPPOL2TP_SO_RECVSEQ"), Pppol2tp.PPPOL2TP_SO_RECVSEQ);
        assertEquals(c("PPPOL2TP_SO_SENDSEQ"), Pppol2tp.PPPOL2TP_SO_SENDSEQ);
        assertEquals(c("PPPOL2TP_SO_LNSMODE"), Pppol2tp.PPPOL2TP_SO_LNSMODE);
        assertEquals(c("PPPOL2TP_SO_REORDERTO"), Pppol2tp.PPPOL2TP_SO_REORDERTO);
        assertEquals(c("PPPIOCGL2TPSTATS"), Pppol2tp.PPPIOCGL2TPSTATS);
    }

    @Test
    void structLayoutsMatchTheHeaders() {
        assertEquals(c("SOCKADDR_V4_SIZE"), Pppol2tp.SOCKADDR_V4_SIZE);
        assertEquals(c("SOCKADDR_V6_SIZE"), Pppol2tp.SOCKADDR_V6_SIZE);
        assertEquals(c("OFF_PID"), Pppol2tp.OFF_PID);
        assertEquals(c("OFF_FD"), Pppol2tp.OFF_FD);
        assertEquals(c("OFF_ADDR"), Pppol2tp.OFF_ADDR);
        assertEquals(c("OFF_S_TUNNEL"), Pppol2tp.OFF_S_TUNNEL);
        assertEquals(c("OFF_S_SESSION"), Pppol2tp.OFF_S_SESSION);
        assertEquals(c("OFF_D_TUNNEL"), Pppol2tp.OFF_D_TUNNEL);
        assertEquals(c("OFF_D_SESSION"), Pppol2tp.OFF_D_SESSION);
        assertEquals(c("OFF6_S_TUNNEL"), Pppol2tp.OFF6_S_TUNNEL);
        assertEquals(c("OFF6_ADDR"), Pppol2tp.OFF6_ADDR);
        assertEquals(c("STATS_SIZE"), Pppol2tp.STATS_SIZE);
        assertEquals(c("STATS_COUNTERS"), Pppol2tp.STATS_COUNTERS);
        assertEquals(c("STATS_RX_ERRORS"), Pppol2tp.STATS_COUNTERS + 56);
    }

    @Test
    void ourSockaddrsAreByteForByteWhatCWrites() throws Exception {
        byte[] v4 = SockaddrPppol2tp.build(7, new InetSocketAddress(InetAddress.getByName("192.0.2.10"), 1701),
                0x1234, 0x5678, 0x9abc, 0xdef0);
        assertEquals(C.get("V4_BYTES"), Hex.encode(v4));
        byte[] v6 = SockaddrPppol2tp.build(9, new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 1702),
                0x1111, 0x2222, 0x3333, 0x4444);
        assertEquals(C.get("V6_BYTES"), Hex.encode(v6));
    }
}
