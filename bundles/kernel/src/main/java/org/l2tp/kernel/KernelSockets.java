package org.l2tp.kernel;

import java.io.IOException;
import java.net.InetSocketAddress;

import com.sun.jna.LastErrorException;
import com.sun.jna.ptr.IntByReference;

import org.l2tp.api.dataplane.DataCounters;

/** PPPoL2TP sockets: creation and connect (tunnel management and session), options, statistics. */
final class KernelSockets {
    private KernelSockets() {
    }

    /** Null when this kernel can open a PPPoL2TP socket; else one line saying why and how to fix it. */
    static String probe() {
        LibC c;
        try {
            c = LibC.INSTANCE;
        } catch (Throwable e) {
            return "JNA cannot load libc (" + e.getMessage() + "): is the JNA bundle for this platform installed?";
        }
        try {
            int fd = c.socket(Pppol2tp.AF_PPPOX, Pppol2tp.SOCK_DGRAM, Pppol2tp.PX_PROTO_OL2TP);
            c.close(fd);
            return null;
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            if (errno == Pppol2tp.EAFNOSUPPORT || errno == Pppol2tp.EPROTONOSUPPORT
                    || errno == Pppol2tp.ESOCKTNOSUPPORT) {
                return "this kernel has no PPPoL2TP sockets (errno " + errno + "): load the driver with "
                        + "`modprobe l2tp_ppp` (and make it permanent in /etc/modules-load.d/)";
            }
            return "cannot open a PPPoL2TP socket: errno " + errno + " (" + e.getMessage() + ")";
        }
    }

    /** The tunnel management socket (session ids 0/0): creates the kernel tunnel on the UDP socket. */
    static int openTunnel(int udpFd, InetSocketAddress peer, int localTunnel, int peerTunnel) throws IOException {
        return open(udpFd, peer, localTunnel, 0, peerTunnel, 0);
    }

    static int openSession(int udpFd, InetSocketAddress peer, int localTunnel, int localSession, int peerTunnel,
                           int peerSession) throws IOException {
        return open(udpFd, peer, localTunnel, localSession, peerTunnel, peerSession);
    }

    private static int open(int udpFd, InetSocketAddress peer, int sT, int sS, int dT, int dS) throws IOException {
        int fd;
        try {
            fd = LibC.INSTANCE.socket(Pppol2tp.AF_PPPOX, Pppol2tp.SOCK_DGRAM, Pppol2tp.PX_PROTO_OL2TP);
        } catch (LastErrorException e) {
            throw new IOException("socket(AF_PPPOX, PX_PROTO_OL2TP): errno " + e.getErrorCode(), e);
        }
        byte[] addr = SockaddrPppol2tp.build(udpFd, peer, sT, sS, dT, dS);
        try {
            LibC.INSTANCE.connect(fd, addr, addr.length);
            return fd;
        } catch (LastErrorException e) {
            close(fd);
            throw new IOException("connect PPPoL2TP " + sT + "/" + sS + " -> " + dT + "/" + dS + " on UDP fd "
                    + udpFd + ": errno " + e.getErrorCode(), e);
        }
    }

    static void setOption(int fd, int option, int value) throws IOException {
        try {
            LibC.INSTANCE.setsockopt(fd, Pppol2tp.SOL_PPPOL2TP, option, new IntByReference(value), 4);
        } catch (LastErrorException e) {
            throw new IOException("setsockopt(SOL_PPPOL2TP, " + option + ", " + value + "): errno "
                    + e.getErrorCode(), e);
        }
    }

    /** PPPIOCGL2TPSTATS on the tunnel socket: the tunnel's counters, or a session's when sessionId is not 0. */
    static DataCounters stats(int fd, int tunnelId, int sessionId) throws IOException {
        byte[] s = DataCountersStruct.request(tunnelId, sessionId);
        try {
            LibC.INSTANCE.ioctl(fd, Pppol2tp.PPPIOCGL2TPSTATS, s);
        } catch (LastErrorException e) {
            throw new IOException("PPPIOCGL2TPSTATS: errno " + e.getErrorCode(), e);
        }
        return DataCountersStruct.parse(s);
    }

    static void close(int fd) {
        if (fd >= 0) {
            try {
                LibC.INSTANCE.close(fd);
            } catch (LastErrorException ignored) {
                // already closed: nothing leaks either way
            }
        }
    }
}
