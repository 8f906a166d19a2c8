package org.l2tp.ppp.kernel;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The kernel side of the in-process PPP engine, proved in the VM before any PPP protocol exists (run by
 * vm/guest/case-5-ppp-kernel-probe.sh, once per side, each in its own network namespace): a UDP socket, a kernel
 * L2TP tunnel and session on it (the kernel bundle's KernelSockets, reached by reflection: it is package-private and
 * not a dependency of this module), the session's PPP channel attached through /dev/ppp, a new unit connected to it,
 * MRU, the interface renamed, addressed (IPv4 point-to-point, IPv6 link-local), NPMODE_PASS for IP and IPv6, up.
 * No LCP: ppp_generic forwards IP once the unit is up and the protocol's mode is PASS.
 *
 * <p>Then it follows files in the control folder: {@code send} writes an LCP Echo-Request on the channel and an
 * IPCP Configure-Request on the unit (the other side prints them as FRAME lines); {@code close} tears down in the
 * order given by {@code order=unit-first} (unit fd, channel fd, session, tunnel, UDP) or {@code order=session-first}
 * (the session socket first: the poller must report end of file on the channel and the unit), prints CLOSED and
 * waits to be killed, so the script can look at /proc/PID/fd.
 *
 * <p>Arguments, key=value: local, peer (IPv4 of the L2TP endpoints, port 1701), tunnel, peerTunnel, session,
 * peerSession, lns (true/false), ifname, addr, peerAddr, ifid, peerIfid (hex interface identifiers), ctl (folder),
 * v6 (after-up, the default, or before-up: when the IPv6 address is added; before-up leaves no route to the IPv6
 * peer on 6.1), order.
 */
public final class KernelPppProbe {
    private static final int PPPOL2TP_SO_LNSMODE = 4;

    private KernelPppProbe() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String s : args) {
            String[] kv = s.split("=", 2);
            a.put(kv[0], kv[1]);
        }
        try {
            run(a);
        } catch (Throwable t) {
            say("FATAL " + t);
            t.printStackTrace(System.out);
            System.exit(1);
        }
    }

    private static void say(String s) {
        System.out.println(s);
        System.out.flush();
    }

    private static void run(Map<String, String> a) throws Exception {
        InetAddress local = InetAddress.getByName(a.get("local"));
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName(a.get("peer")), 1701);
        int tunnel = Integer.parseInt(a.get("tunnel"));
        int peerTunnel = Integer.parseInt(a.get("peerTunnel"));
        int session = Integer.parseInt(a.get("session"));
        int peerSession = Integer.parseInt(a.get("peerSession"));
        Path ctl = Path.of(a.get("ctl"));
        String order = a.getOrDefault("order", "unit-first");

        int udp = udpSocket(local, 1701, peer);
        Class<?> ks = Class.forName("org.l2tp.kernel.KernelSockets");
        int tfd = (Integer) call(ks, "openTunnel", new Class<?>[] {int.class, InetSocketAddress.class, int.class,
                int.class}, udp, peer, tunnel, peerTunnel);
        int sfd = (Integer) call(ks, "openSession", new Class<?>[] {int.class, InetSocketAddress.class, int.class,
                int.class, int.class, int.class}, udp, peer, tunnel, session, peerTunnel, peerSession);
        if (Boolean.parseBoolean(a.getOrDefault("lns", "false"))) {
            call(ks, "setOption", new Class<?>[] {int.class, int.class, int.class}, sfd, PPPOL2TP_SO_LNSMODE, 1);
        }
        say("L2TP udp=" + udp + " tunnel-fd=" + tfd + " session-fd=" + sfd);

        PppDev dev = new PppDev();
        int chIndex = dev.channelIndex(sfd);
        int chFd = dev.openChannel(chIndex);
        int[] unit = dev.newUnit();
        dev.connect(chFd, unit[1]);
        dev.setMru(unit[0], 1400);
        say("PPP channel=" + chIndex + " channel-fd=" + chFd + " unit=" + unit[1] + " unit-fd=" + unit[0]);

        try (Rtnetlink rt = new Rtnetlink()) {
            int ifindex = rt.ifindex("ppp" + unit[1]);
            String ifname = a.get("ifname");
            rt.rename(ifindex, ifname);
            rt.setMtu(ifindex, 1400);
            rt.addAddress4(ifindex, (Inet4Address) InetAddress.getByName(a.get("addr")),
                    (Inet4Address) InetAddress.getByName(a.get("peerAddr")));
            Inet6Address ll = Rtnetlink.linkLocal(Long.parseUnsignedLong(a.get("ifid"), 16));
            Inet6Address peerLl = Rtnetlink.linkLocal(Long.parseUnsignedLong(a.get("peerIfid"), 16));
            boolean v6AfterUp = !a.getOrDefault("v6", "after-up").equals("before-up");
            if (!v6AfterUp) {
                rt.addAddress6(ifindex, ll, peerLl);
            }
            dev.setNpMode(unit[0], PppDev.PPP_IP, PppDev.NPMODE_PASS);
            dev.setNpMode(unit[0], PppDev.PPP_IPV6, PppDev.NPMODE_PASS);
            rt.setUp(ifindex, true);
            if (v6AfterUp) {
                rt.addAddress6(ifindex, ll, peerLl);
            }
            try {
                rt.addAddress6(ifindex, ll, peerLl);
                say("UNEXPECTED second add of the same address worked");
            } catch (IOException e) {
                say("ADD-TWICE refused: " + e.getMessage());
            }
            if (rt.ifindex(ifname) != ifindex) {
                throw new IllegalStateException("the renamed interface has another index");
            }
            try {
                rt.rename(ifindex, ifname + "x");
                say("UNEXPECTED rename of an up link worked");
            } catch (IOException e) {
                say("RENAME-UP refused: " + e.getMessage());
            }
            say("READY ifindex=" + ifindex + " ifname=" + ifname + " ll=" + ll.getHostAddress());
        }

        CountDownLatch hangups = new CountDownLatch(2);
        try (FramePoller poller = new FramePoller()) {
            poller.register(chFd, handler("channel", hangups));
            poller.register(unit[0], handler("unit", hangups));

            while (!Files.exists(ctl.resolve("send")) && !Files.exists(ctl.resolve("close"))) {
                Thread.sleep(100);
            }
            if (Files.exists(ctl.resolve("send"))) {
                // LCP Echo-Request (code 9, id 1, length 8, magic 0x01020304) on the channel;
                // IPCP Configure-Request (code 1, id 1, length 4, no options) on the unit.
                byte[] echo = {(byte) 0xc0, 0x21, 9, 1, 0, 8, 1, 2, 3, 4};
                byte[] ipcp = {(byte) 0x80, 0x21, 1, 1, 0, 4};
                dev.write(chFd, echo, 0, echo.length);
                dev.write(unit[0], ipcp, 0, ipcp.length);
                say("SENT channel " + HexFormat.of().formatHex(echo) + " unit " + HexFormat.of().formatHex(ipcp));
            }
            while (!Files.exists(ctl.resolve("close"))) {
                Thread.sleep(100);
            }
            if (order.equals("session-first")) {
                LibC.INSTANCE.close(sfd);
                say("CLOSED session socket first");
                if (hangups.await(20, TimeUnit.SECONDS)) {
                    say("HANGUP reported on channel and unit");
                } else {
                    say("NO-HANGUP within 20 s");
                }
                poller.unregister(unit[0]);
                dev.close(unit[0]);
                poller.unregister(chFd);
                dev.close(chFd);
            } else {
                poller.unregister(unit[0]);
                dev.close(unit[0]);
                poller.unregister(chFd);
                dev.close(chFd);
                LibC.INSTANCE.close(sfd);
            }
            LibC.INSTANCE.close(tfd);
            LibC.INSTANCE.close(udp);
        }
        say("CLOSED pid=" + ProcessHandle.current().pid());
        Thread.sleep(Long.MAX_VALUE);
    }

    private static FrameHandler handler(String what, CountDownLatch hangups) {
        return new FrameHandler() {
            @Override
            public void frame(byte[] f) {
                say("FRAME " + what + " " + HexFormat.of().formatHex(f));
            }

            @Override
            public void error(IOException e) {
                say("ERROR " + what + " " + e);
                hangups.countDown();
            }
        };
    }

    private static Object call(Class<?> c, String name, Class<?>[] types, Object... args) throws Exception {
        Method m = c.getDeclaredMethod(name, types);
        m.setAccessible(true);
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception) {
                throw (Exception) e.getCause();
            }
            throw e;
        }
    }

    /** A UDP socket (created natively, so its descriptor is known) bound to local:port and connected to peer. */
    private static int udpSocket(InetAddress local, int port, InetSocketAddress peer) {
        int fd = LibC.INSTANCE.socket(2, 2 | 0x80000, 0); // AF_INET, SOCK_DGRAM | SOCK_CLOEXEC
        byte[] l = sockaddrIn(local, port);
        LibC.INSTANCE.bind(fd, l, l.length);
        byte[] p = sockaddrIn(peer.getAddress(), peer.getPort());
        LibC.INSTANCE.connect(fd, p, p.length);
        return fd;
    }

    private static byte[] sockaddrIn(InetAddress a, int port) {
        ByteBuffer b = ByteBuffer.allocate(16);
        b.order(ByteOrder.nativeOrder()).putShort((short) 2);
        b.order(ByteOrder.BIG_ENDIAN).putShort((short) port).put(a.getAddress());
        return b.array();
    }
}
