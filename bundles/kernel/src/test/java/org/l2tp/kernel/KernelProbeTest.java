package org.l2tp.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** What the kernel data plane finds on this machine, and the descriptor search it relies on. */
class KernelProbeTest {

    @Test
    void theProbeSaysClearlyWhetherPppol2tpIsThere() {
        String problem = KernelSockets.probe();
        boolean hasL2tp = Files.exists(Path.of("/sys/module/l2tp_ppp"));
        if (hasL2tp) {
            assertNull(problem, "l2tp_ppp is loaded, yet: " + problem);
        } else {
            assertNotNull(problem, "no l2tp_ppp module, yet the probe found PPPoL2TP");
            assertTrue(problem.contains("modprobe l2tp_ppp"), problem);
        }
    }

    @Test
    void theDescriptorOfEachOfSeveralIdenticalTunnelSocketsIsFoundExactly() throws Exception {
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (DatagramChannel listener = DatagramChannel.open()) {
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(new InetSocketAddress(lo, 0));
            InetSocketAddress local = (InetSocketAddress) listener.getLocalAddress();
            InetSocketAddress peer = new InetSocketAddress(lo, 1701);
            DatagramChannel[] chs = new DatagramChannel[3];
            int[] fds = new int[3];
            try {
                for (int i = 0; i < 3; i++) {
                    chs[i] = DatagramChannel.open();
                    chs[i].setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    chs[i].bind(local);
                    chs[i].connect(peer);
                    fds[i] = ChannelFd.of(chs[i]);
                }
                assertEquals(3, java.util.Arrays.stream(fds).distinct().count(), "three distinct descriptors");
                for (int i = 0; i < 3; i++) {
                    // The descriptor really is that channel's: closing the channel closes it.
                    Path link = Path.of("/proc/self/fd/" + fds[i]);
                    assertTrue(Files.readSymbolicLink(link).toString().startsWith("socket:"));
                    String inode = Files.readSymbolicLink(link).toString();
                    chs[i].close();
                    assertFalse(Files.exists(link) && Files.readSymbolicLink(link).toString().equals(inode),
                            "descriptor " + fds[i] + " outlived its channel");
                }
            } finally {
                for (DatagramChannel c : chs) {
                    if (c != null) {
                        c.close();
                    }
                }
            }
        }
    }
}
