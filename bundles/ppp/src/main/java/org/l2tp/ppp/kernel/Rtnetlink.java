package org.l2tp.ppp.kernel;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/**
 * Interface configuration over a NETLINK_ROUTE socket (no ip/ifconfig processes): rename, MTU, up/down and
 * point-to-point addresses for the PPP units. Every request asks for an acknowledgement (NLM_F_ACK) and waits for
 * the NLMSG_ERROR with its own sequence number; a non-zero error becomes an IOException naming the errno. One
 * instance serves many sessions: the methods are synchronized. Works in the network namespace it was created in.
 */
public final class Rtnetlink implements Closeable {
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int NETLINK_ROUTE = 0;
    static final int SOL_SOCKET = 1;
    static final int SO_RCVTIMEO = 20;
    static final int AF_UNSPEC = 0;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    static final int NLMSGHDR_SIZE = 16;
    static final int IFINFOMSG_SIZE = 16;
    static final int IFADDRMSG_SIZE = 8;
    static final int RTATTR_SIZE = 4;
    static final int SOCKADDR_NL_SIZE = 12;
    static final int ALIGN = 4;

    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int RTM_NEWLINK = 16;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;
    static final int IFF_UP = 0x1;
    static final int IFA_F_NODAD = 0x02;
    static final int IFA_F_PERMANENT = 0x80;
    static final int RT_SCOPE_UNIVERSE = 0;
    static final int RT_SCOPE_LINK = 253;
    static final int IFNAMSIZ = 16;

    private static final int RECEIVE_TIMEOUT_S = 5;

    private final int fd;
    private int seq = (int) (System.nanoTime() & 0x3fffffff);
    private final byte[] rx = new byte[32768];
    private boolean closed;

    /** Opens and binds the NETLINK_ROUTE socket. */
    public Rtnetlink() throws IOException {
        try {
            fd = LibC.INSTANCE.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
        } catch (LastErrorException e) {
            throw LibC.error("socket(AF_NETLINK, NETLINK_ROUTE)", e);
        }
        try {
            byte[] sa = ByteBuffer.allocate(SOCKADDR_NL_SIZE).order(ByteOrder.nativeOrder())
                    .putShort((short) AF_NETLINK).array(); // nl_pid 0: the kernel picks the port id
            LibC.INSTANCE.bind(fd, sa, sa.length);
            byte[] tv = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putLong(RECEIVE_TIMEOUT_S).putLong(0)
                    .array(); // struct timeval on LP64
            LibC.INSTANCE.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv, tv.length);
        } catch (LastErrorException e) {
            LibC.closeQuietly(fd);
            throw LibC.error("bind/setsockopt on the NETLINK_ROUTE socket", e);
        }
    }

    /** if_nametoindex: the interface's index in this process's network namespace. */
    public int ifindex(String name) throws IOException {
        int i = LibC.Plain.INSTANCE.if_nametoindex(name);
        if (i == 0) {
            throw LibC.error("if_nametoindex(" + name + ")", Native.getLastError(), null);
        }
        return i;
    }

    /** Renames the interface (RTM_NEWLINK with IFLA_IFNAME); the link must be down (else EBUSY). */
    public synchronized void rename(int ifindex, String name) throws IOException {
        checkName(name);
        int s = nextSeq();
        request(s, newLink(s, ifindex, 0, 0, name, -1), "rename ifindex " + ifindex + " to " + name);
    }

    /** Sets the interface's MTU (RTM_NEWLINK with IFLA_MTU). */
    public synchronized void setMtu(int ifindex, int mtu) throws IOException {
        int s = nextSeq();
        request(s, newLink(s, ifindex, 0, 0, null, mtu), "set MTU " + mtu + " on ifindex " + ifindex);
    }

    /** Brings the link up or down (ifi_flags IFF_UP, ifi_change IFF_UP). */
    public synchronized void setUp(int ifindex, boolean up) throws IOException {
        int s = nextSeq();
        request(s, newLink(s, ifindex, up ? IFF_UP : 0, IFF_UP, null, -1),
                "set ifindex " + ifindex + (up ? " up" : " down"));
    }

    /** local/32 with peer as the other end: the kernel adds the route to peer through the interface. */
    public synchronized void addAddress4(int ifindex, Inet4Address local, Inet4Address peer) throws IOException {
        int s = nextSeq();
        request(s, newAddr(s, ifindex, local, peer), "add " + local.getHostAddress() + " peer "
                + peer.getHostAddress() + " on ifindex " + ifindex);
    }

    /**
     * An IPv6 address, for PPP the link-local fe80::&lt;interface id&gt; from IPv6CP (the kernel configures no
     * link-local address on ARPHRD_PPP interfaces itself). With a peer: local/128 with IFA_ADDRESS = peer, which
     * installs the route fe80::peer/128 on this interface, as for IPv4, so {@code ping -6 fe80::peer%if} works and no
     * fe80::/64 prefix route competes across interfaces. Without a peer (null): local/64 (prefix route fe80::/64).
     * Call it once the link is up ({@link #setUp}), as pppd does (sif6up before sif6addr): on Debian's 6.1 kernel an
     * IPv6 peer address added while the link is down gets its own /128 route when the link comes up but never the
     * route to the peer, so link-local pings fail (seen in the VM, with and without IFA_F_NODAD). No IFA_F_NODAD:
     * the kernel skips duplicate address detection on PPP interfaces anyway (IFF_NOARP).
     */
    public synchronized void addAddress6(int ifindex, Inet6Address local, Inet6Address peer) throws IOException {
        int s = nextSeq();
        request(s, newAddr(s, ifindex, local, peer), "add " + local.getHostAddress()
                + (peer == null ? "/64" : " peer " + peer.getHostAddress()) + " on ifindex " + ifindex);
    }

    /** Removes an IPv4 point-to-point address (IPCP came up again with other addresses). */
    public synchronized void deleteAddress4(int ifindex, Inet4Address local, Inet4Address peer) throws IOException {
        int s = nextSeq();
        request(s, delAddr(s, ifindex, local, peer), "delete " + local.getHostAddress() + " on ifindex " + ifindex);
    }

    /** Removes an IPv6 address added by {@link #addAddress6}. */
    public synchronized void deleteAddress6(int ifindex, Inet6Address local, Inet6Address peer) throws IOException {
        int s = nextSeq();
        request(s, delAddr(s, ifindex, local, peer), "delete " + local.getHostAddress() + " on ifindex " + ifindex);
    }

    /** fe80::/64 with the 64-bit interface identifier (as IPv6CP negotiates it) in the low half. */
    public static Inet6Address linkLocal(long interfaceId) {
        byte[] a = ByteBuffer.allocate(16).putShort((short) 0xfe80).putLong(8, interfaceId).array();
        try {
            return (Inet6Address) InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // 16 octets are always an address
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LibC.closeQuietly(fd);
        }
    }

    private int nextSeq() {
        if (closed) {
            throw new IllegalStateException("the rtnetlink socket is closed");
        }
        seq = (seq + 1) & 0x7fffffff;
        return seq;
    }

    private void request(int s, byte[] msg, String what) throws IOException {
        byte[] kernel = new byte[SOCKADDR_NL_SIZE];
        ByteBuffer.wrap(kernel).order(ByteOrder.nativeOrder()).putShort((short) AF_NETLINK);
        try {
            long n = LibC.INSTANCE.sendto(fd, msg, msg.length, 0, kernel, kernel.length);
            if (n != msg.length) {
                throw new IOException(what + ": rtnetlink sent " + n + " of " + msg.length + " octets");
            }
        } catch (LastErrorException e) {
            throw LibC.error(what + ": sendto", e);
        }
        while (true) {
            long n;
            try {
                n = LibC.INSTANCE.recv(fd, rx, rx.length, 0);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EINTR) {
                    continue;
                }
                if (e.getErrorCode() == LibC.EAGAIN) {
                    throw new IOException(what + ": no rtnetlink acknowledgement within " + RECEIVE_TIMEOUT_S + " s");
                }
                throw LibC.error(what + ": recv", e);
            }
            int err = ack(rx, (int) n, s);
            if (err == 0) {
                return;
            }
            if (err != Integer.MIN_VALUE) {
                throw LibC.error(what, -err, null);
            }
            // not our acknowledgement (a stale reply to an earlier, timed-out request): keep reading
        }
    }

    /**
     * The error field (0 = success, -errno) of the NLMSG_ERROR for sequence {@code s} in buf[0, n), or
     * Integer.MIN_VALUE when the buffer holds no acknowledgement for s.
     */
    static int ack(byte[] buf, int n, int s) {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, n).order(ByteOrder.nativeOrder());
        int off = 0;
        while (off + NLMSGHDR_SIZE <= n) {
            int len = b.getInt(off);
            int type = b.getShort(off + 4) & 0xffff;
            int mseq = b.getInt(off + 8);
            if (len < NLMSGHDR_SIZE || off + len > n) {
                break;
            }
            if (type == NLMSG_ERROR && mseq == s && len >= NLMSGHDR_SIZE + 4) {
                return b.getInt(off + NLMSGHDR_SIZE);
            }
            off += align(len);
        }
        return Integer.MIN_VALUE;
    }

    /** RTM_NEWLINK on an existing link: flags/change (ifi_flags/ifi_change), name unless null, MTU unless &lt; 0. */
    static byte[] newLink(int s, int ifindex, int flags, int change, String name, int mtu) {
        Message m = new Message(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, s);
        m.body.put((byte) AF_UNSPEC).put((byte) 0).putShort((short) 0).putInt(ifindex).putInt(flags).putInt(change);
        if (name != null) {
            byte[] z = (name + "\0").getBytes(StandardCharsets.US_ASCII);
            m.attr(IFLA_IFNAME, z);
        }
        if (mtu >= 0) {
            m.attr(IFLA_MTU, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(mtu).array());
        }
        return m.bytes();
    }

    /** RTM_NEWADDR (create, exclusive): IPv4 local/32 peer; IPv6 local/128 peer, or local/64 with a null peer. */
    static byte[] newAddr(int s, int ifindex, InetAddress local, InetAddress peer) {
        return addr(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, s, ifindex, local, peer);
    }

    /** RTM_DELADDR of what {@link #newAddr} added. */
    static byte[] delAddr(int s, int ifindex, InetAddress local, InetAddress peer) {
        return addr(RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK, s, ifindex, local, peer);
    }

    private static byte[] addr(int type, int nlFlags, int s, int ifindex, InetAddress local, InetAddress peer) {
        boolean v6 = local instanceof Inet6Address;
        if (peer != null && (peer instanceof Inet6Address) != v6) {
            throw new IllegalArgumentException("local " + local + " and peer " + peer + " differ in family");
        }
        if (!v6 && peer == null) {
            throw new IllegalArgumentException("an IPv4 point-to-point address needs the peer");
        }
        Message m = new Message(type, nlFlags, s);
        int prefix = v6 ? (peer == null ? 64 : 128) : 32;
        int flags = v6 ? 0 : IFA_F_PERMANENT;
        int scope = v6 && local.isLinkLocalAddress() ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
        m.body.put((byte) (v6 ? AF_INET6 : AF_INET)).put((byte) prefix).put((byte) flags).put((byte) scope)
                .putInt(ifindex);
        m.attr(IFA_LOCAL, local.getAddress());
        if (peer != null) {
            m.attr(IFA_ADDRESS, peer.getAddress());
        }
        return m.bytes();
    }

    static int align(int len) {
        return (len + ALIGN - 1) & ~(ALIGN - 1);
    }

    private static void checkName(String name) {
        byte[] b = name.getBytes(StandardCharsets.US_ASCII);
        if (b.length == 0 || b.length >= IFNAMSIZ || name.equals(".") || name.equals("..")
                || name.chars().anyMatch(c -> c <= ' ' || c == '/' || c == ':' || c > '~')) {
            throw new IllegalArgumentException("not an interface name: \"" + name + "\"");
        }
    }

    /** One netlink message: nlmsghdr, the family header written into body, then rtattrs. */
    private static final class Message {
        final ByteBuffer body = ByteBuffer.allocate(512).order(ByteOrder.nativeOrder());
        private final ByteArrayOutputStream attrs = new ByteArrayOutputStream();
        private final int type;
        private final int flags;
        private final int s;

        Message(int type, int flags, int s) {
            this.type = type;
            this.flags = flags;
            this.s = s;
        }

        void attr(int attrType, byte[] value) {
            int len = RTATTR_SIZE + value.length;
            ByteBuffer a = ByteBuffer.allocate(align(len)).order(ByteOrder.nativeOrder());
            a.putShort((short) len).putShort((short) attrType).put(value);
            attrs.writeBytes(a.array());
        }

        byte[] bytes() {
            int header = body.position();
            byte[] at = attrs.toByteArray();
            int len = NLMSGHDR_SIZE + align(header) + at.length;
            ByteBuffer m = ByteBuffer.allocate(len).order(ByteOrder.nativeOrder());
            m.putInt(len).putShort((short) type).putShort((short) flags).putInt(s).putInt(0);
            m.put(body.array(), 0, header);
            m.position(NLMSGHDR_SIZE + align(header));
            m.put(at);
            return m.array();
        }
    }
}
