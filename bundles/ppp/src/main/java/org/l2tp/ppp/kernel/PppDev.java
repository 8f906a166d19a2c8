package org.l2tp.ppp.kernel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import com.sun.jna.LastErrorException;

/**
 * The kernel's PPP channels and units through /dev/ppp (drivers/net/ppp/ppp_generic.c).
 *
 * <p>A session's PPPoL2TP socket is a PPP channel: {@link #channelIndex} gives its index and {@link #openChannel}
 * a /dev/ppp descriptor attached to it, on which LCP and authentication frames are read and written. {@link #newUnit}
 * creates a network interface (pppN) and its descriptor, on which the NCPs' frames (IPCP, IPv6CP, CCP) are read and
 * written; {@link #connect} binds the channel to the unit. Frames read from or written to either descriptor start at
 * the two-octet PPP protocol field: no address/control octets (include/linux/ppp_channel.h: "the 2-byte PPP protocol
 * number at the start, but not the address and control bytes"). IP and IPv6 go through the kernel, not these
 * descriptors, once the unit is up and {@link #setNpMode} says {@link #NPMODE_PASS} for the protocol; until then
 * the kernel drops them (NPMODE_DROP is a new unit's default).
 *
 * <p>Descriptors are non-blocking and close-on-exec. Stateless and thread-safe.
 */
public final class PppDev {
    /** struct npioctl modes (enum NPmode, linux/ppp_defs.h). */
    public static final int NPMODE_PASS = 0;
    public static final int NPMODE_DROP = 1;
    public static final int NPMODE_ERROR = 2;
    public static final int NPMODE_QUEUE = 3;

    /** PPP protocol numbers for {@link #setNpMode}. */
    public static final int PPP_IP = 0x21;
    public static final int PPP_IPV6 = 0x57;

    /** The largest frame the kernel hands up: MRU up to 65535 plus the protocol field. */
    public static final int MAX_FRAME = 65535 + 2;

    // linux/ppp-ioctl.h, x86_64/arm64 encoding (checked against the headers by PppAbiTest)
    static final int PPPIOCGCHAN = 0x80047437;
    static final int PPPIOCATTCHAN = 0x40047438;
    static final int PPPIOCCONNECT = 0x4004743a;
    static final int PPPIOCDISCONN = 0x00007439;
    static final int PPPIOCNEWUNIT = 0xc004743e;
    static final int PPPIOCSMRU = 0x40047452;
    static final int PPPIOCSNPMODE = 0x4008744b;
    static final int PPPIOCGNPMODE = 0xc008744c;
    /** On a PPPoL2TP session socket: its counters (linux/if_pppol2tp.h struct pppol2tp_ioc_stats). */
    static final int PPPIOCGL2TPSTATS = 0x80487436;
    /** On a unit: seconds since the last data frame each way (struct ppp_idle, two 64-bit times). */
    static final int PPPIOCGIDLE = 0x8010743f;
    static final int L2TP_STATS_SIZE = 72;
    /** Where the eight 64-bit counters start: tx packets, bytes, errors, rx packets, bytes, seq discards, oos, errors. */
    static final int L2TP_STATS_COUNTERS = 8;
    static final int PPP_IDLE_SIZE = 16;
    static final int NPIOCTL_SIZE = 8;

    static final int O_RDWR = 2;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;
    static final int S_IFMT = 0170000;
    static final int S_IFCHR = 0020000;

    private final Path device;

    public PppDev() {
        this(Path.of("/dev/ppp"));
    }

    /** A PppDev on another device node (tests). */
    public PppDev(Path device) {
        this.device = device;
    }

    /** PPPIOCGCHAN on a session's PPPoL2TP socket: the index of its PPP channel. */
    public int channelIndex(int pppol2tpFd) throws IOException {
        byte[] v = new byte[4];
        ioctl(pppol2tpFd, PPPIOCGCHAN, v, "PPPIOCGCHAN on fd " + pppol2tpFd);
        return intOf(v);
    }

    /** A new /dev/ppp descriptor attached (PPPIOCATTCHAN) to channel {@code channelIndex}. */
    public int openChannel(int channelIndex) throws IOException {
        int fd = openDevice();
        try {
            ioctl(fd, PPPIOCATTCHAN, bytesOf(channelIndex), "PPPIOCATTCHAN(" + channelIndex + ")");
            return fd;
        } catch (IOException e) {
            LibC.closeQuietly(fd);
            throw e;
        }
    }

    /** A new PPP unit (network interface pppN, any free N): {fd, unitNumber}. Closing fd removes the interface. */
    public int[] newUnit() throws IOException {
        int fd = openDevice();
        try {
            byte[] v = bytesOf(-1);
            ioctl(fd, PPPIOCNEWUNIT, v, "PPPIOCNEWUNIT");
            return new int[] {fd, intOf(v)};
        } catch (IOException e) {
            LibC.closeQuietly(fd);
            throw e;
        }
    }

    /** PPPIOCCONNECT: binds the channel behind {@code channelFd} to unit number {@code unit}. */
    public void connect(int channelFd, int unit) throws IOException {
        ioctl(channelFd, PPPIOCCONNECT, bytesOf(unit), "PPPIOCCONNECT(" + unit + ") on fd " + channelFd);
    }

    /** PPPIOCDISCONN: detaches the channel from its unit. */
    public void disconnect(int channelFd) throws IOException {
        try {
            LibC.INSTANCE.ioctl(channelFd, Integer.toUnsignedLong(PPPIOCDISCONN));
        } catch (LastErrorException e) {
            throw LibC.error("PPPIOCDISCONN on fd " + channelFd, e);
        }
    }

    /**
     * PPPIOCGL2TPSTATS on a session's PPPoL2TP socket: tx packets, tx bytes, tx errors, rx packets, rx bytes, rx
     * sequence discards, rx out-of-sequence packets, rx errors (the L2TP payload: PPP frames).
     */
    public long[] l2tpStats(int pppol2tpFd) throws IOException {
        byte[] b = new byte[L2TP_STATS_SIZE];
        ioctl(pppol2tpFd, PPPIOCGL2TPSTATS, b, "PPPIOCGL2TPSTATS on fd " + pppol2tpFd);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        long[] c = new long[8];
        for (int i = 0; i < 8; i++) {
            c[i] = bb.getLong(L2TP_STATS_COUNTERS + 8 * i);
        }
        return c;
    }

    /** PPPIOCGIDLE on a unit: seconds since the last data frame sent and received (LCP and NCPs do not count). */
    public long[] idle(int unitFd) throws IOException {
        byte[] b = new byte[PPP_IDLE_SIZE];
        ioctl(unitFd, PPPIOCGIDLE, b, "PPPIOCGIDLE on fd " + unitFd);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
        return new long[] {bb.getLong(0), bb.getLong(8)};
    }

    /** PPPIOCSMRU on a unit descriptor (the size of the receive buffers for frames from the channels). */
    public void setMru(int fd, int mru) throws IOException {
        ioctl(fd, PPPIOCSMRU, bytesOf(mru), "PPPIOCSMRU(" + mru + ") on fd " + fd);
    }

    /** PPPIOCSNPMODE on a unit: what the kernel does with network protocol {@code protocol} (e.g. PPP_IP). */
    public void setNpMode(int unitFd, int protocol, int mode) throws IOException {
        ioctl(unitFd, PPPIOCSNPMODE, npioctl(protocol, mode),
                "PPPIOCSNPMODE(0x" + Integer.toHexString(protocol) + ", " + mode + ") on fd " + unitFd);
    }

    /**
     * Reads one frame (from the protocol field on) into {@code buf}: its length; -1 when none is waiting (EAGAIN);
     * 0 at end of file (the channel is gone, or the unit has no channel connected). A frame longer than buf is
     * dropped by the kernel with EOVERFLOW (an IOException): give {@link #MAX_FRAME} octets.
     */
    public int read(int fd, byte[] buf) throws IOException {
        try {
            return (int) LibC.INSTANCE.read(fd, buf, buf.length);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == LibC.EAGAIN) {
                return -1;
            }
            throw LibC.error("read on fd " + fd, e);
        }
    }

    /** Writes one frame (from the protocol field on): on a channel it goes out on the link, on a unit to its channels. */
    public void write(int fd, byte[] buf, int off, int len) throws IOException {
        byte[] frame = off == 0 && len == buf.length ? buf : Arrays.copyOfRange(buf, off, off + len);
        long n;
        try {
            n = LibC.INSTANCE.write(fd, frame, len);
        } catch (LastErrorException e) {
            throw LibC.error("write of " + len + " octets on fd " + fd, e);
        }
        if (n != len) {
            throw new IOException("write on fd " + fd + ": " + n + " of " + len + " octets written");
        }
    }

    /** Closes a channel or unit descriptor (a unit's interface goes away with its last descriptor). */
    public void close(int fd) throws IOException {
        try {
            LibC.INSTANCE.close(fd);
        } catch (LastErrorException e) {
            throw LibC.error("close fd " + fd, e);
        }
    }

    private int openDevice() throws IOException {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(device, "unix:mode");
        } catch (NoSuchFileException e) {
            throw new IOException(device + " does not exist: load the PPP driver (`modprobe ppp_generic`)", e);
        } catch (UnsupportedOperationException e) {
            throw new IOException("cannot check " + device + " (no unix file attributes)", e);
        }
        if ((mode & S_IFMT) != S_IFCHR) {
            throw new IOException(device + " is not a character device (mode 0" + Integer.toOctalString(mode)
                    + "): remove it and load the PPP driver (`modprobe ppp_generic`, or mknod " + device
                    + " c 108 0)");
        }
        try {
            return LibC.INSTANCE.open(device.toString(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
        } catch (LastErrorException e) {
            throw LibC.error("open " + device, e);
        }
    }

    private static void ioctl(int fd, int request, byte[] arg, String what) throws IOException {
        try {
            LibC.INSTANCE.ioctl(fd, Integer.toUnsignedLong(request), arg);
        } catch (LastErrorException e) {
            throw LibC.error(what, e);
        }
    }

    /** struct npioctl {int protocol; enum NPmode mode;} in native order. */
    static byte[] npioctl(int protocol, int mode) {
        return ByteBuffer.allocate(NPIOCTL_SIZE).order(ByteOrder.nativeOrder()).putInt(protocol).putInt(mode).array();
    }

    private static byte[] bytesOf(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(v).array();
    }

    private static int intOf(byte[] v) {
        return ByteBuffer.wrap(v).order(ByteOrder.nativeOrder()).getInt();
    }
}
