package org.l2tp.kernel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.sun.jna.LastErrorException;
import com.sun.jna.ptr.IntByReference;

/**
 * Finds the file descriptor behind a DatagramChannel, which Java does not expose, without --add-opens: the channel
 * gets a send-buffer size no other live socket of ours has, then the process's socket descriptors are searched for
 * the one with that size and the channel's local and peer ports. Several tunnels to one peer share a 4-tuple, so the
 * marker, not the addresses, is what makes the answer exact. Call on the event loop (one at a time).
 */
final class ChannelFd {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private ChannelFd() {
    }

    static int of(DatagramChannel ch) throws IOException {
        // A unique even size below Linux's default wmem_max (212992, which the kernel compares with twice the
        // value), so no clamping can make two markers equal; the real size is restored once the fd is found.
        int marker = 8192 + 2 * (NEXT.getAndIncrement() % 49_000);
        int original = ch.getOption(StandardSocketOptions.SO_SNDBUF);
        ch.setOption(StandardSocketOptions.SO_SNDBUF, marker);
        int expected = ch.getOption(StandardSocketOptions.SO_SNDBUF);
        int localPort = ((InetSocketAddress) ch.getLocalAddress()).getPort();
        int peerPort = ((InetSocketAddress) ch.getRemoteAddress()).getPort();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path p : (Iterable<Path>) fds::iterator) {
                int fd;
                try {
                    fd = Integer.parseInt(p.getFileName().toString());
                    if (!Files.readSymbolicLink(p).toString().startsWith("socket:")) {
                        continue;
                    }
                } catch (NumberFormatException | IOException e) {
                    continue; // gone meanwhile, or not ours to read
                }
                int size = sndbuf(fd);
                // Linux doubles the size it is given; Java reports either form depending on the version.
                if ((size == expected || size == 2 * expected) && port(fd, false) == localPort
                        && port(fd, true) == peerPort) {
                    ch.setOption(StandardSocketOptions.SO_SNDBUF, Math.max(original, 1 << 20));
                    return fd;
                }
            }
        }
        throw new IOException("cannot find the descriptor of the tunnel socket " + ch.getLocalAddress() + " -> "
                + ch.getRemoteAddress());
    }

    private static int sndbuf(int fd) {
        IntByReference v = new IntByReference();
        IntByReference len = new IntByReference(4);
        try {
            LibC.INSTANCE.getsockopt(fd, Pppol2tp.SOL_SOCKET, Pppol2tp.SO_SNDBUF, v, len);
            return v.getValue();
        } catch (LastErrorException e) {
            return -1;
        }
    }

    /** The port of getsockname (or getpeername) for an IPv4 or IPv6 socket, or -1. */
    private static int port(int fd, boolean peer) {
        byte[] addr = new byte[128];
        IntByReference len = new IntByReference(addr.length);
        try {
            if (peer) {
                LibC.INSTANCE.getpeername(fd, addr, len);
            } else {
                LibC.INSTANCE.getsockname(fd, addr, len);
            }
        } catch (LastErrorException e) {
            return -1;
        }
        int family = ByteBuffer.wrap(addr).order(ByteOrder.nativeOrder()).getShort(0);
        if (family != 2 && family != 10) {
            return -1;
        }
        return ByteBuffer.wrap(addr).order(ByteOrder.BIG_ENDIAN).getShort(2) & 0xFFFF;
    }
}
