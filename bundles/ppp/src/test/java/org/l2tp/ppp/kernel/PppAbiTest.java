package org.l2tp.ppp.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
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
 * Compiles src/test/c/ppp_abi.c against this machine's headers (linux-libc-dev, libc6-dev) with gcc and compares
 * every ioctl number, constant, struct size and offset with the Java side, and the bytes of messages C lays out with
 * ours.
 */
class PppAbiTest {
    private static final Map<String, String> C = new HashMap<>();

    @BeforeAll
    static void compileAndRun() throws Exception {
        Path exe = Path.of("target", "ppp_abi");
        Files.createDirectories(exe.getParent());
        Process gcc;
        try {
            gcc = new ProcessBuilder("gcc", "-Wall", "-Werror", "-o", exe.toString(), "src/test/c/ppp_abi.c")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("gcc is needed: sudo apt-get install -y gcc libc6-dev linux-libc-dev", e);
        }
        String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, gcc.exitValue(),
                "gcc failed (the kernel headers: sudo apt-get install -y linux-libc-dev libc6-dev):\n" + out);
        Process run = new ProcessBuilder(exe.toAbsolutePath().toString()).start();
        for (String line : new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            String[] kv = line.split("=", 2);
            C.put(kv[0], kv[1]);
        }
        assertEquals(0, run.waitFor());
    }

    private static int c(String key) {
        assertTrue(C.containsKey(key), "ppp_abi.c prints no " + key);
        return (int) Long.parseLong(C.get(key));
    }

    @Test
    void pppIoctlsMatchTheHeaders() {
        assertEquals(c("PPPIOCGCHAN"), PppDev.PPPIOCGCHAN);
        assertEquals(c("PPPIOCATTCHAN"), PppDev.PPPIOCATTCHAN);
        assertEquals(c("PPPIOCCONNECT"), PppDev.PPPIOCCONNECT);
        assertEquals(c("PPPIOCDISCONN"), PppDev.PPPIOCDISCONN);
        assertEquals(c("PPPIOCNEWUNIT"), PppDev.PPPIOCNEWUNIT);
        assertEquals(c("PPPIOCSMRU"), PppDev.PPPIOCSMRU);
        assertEquals(c("PPPIOCSNPMODE"), PppDev.PPPIOCSNPMODE);
        assertEquals(c("PPPIOCGNPMODE"), PppDev.PPPIOCGNPMODE);
    }

    @Test
    void pppConstantsMatchTheHeaders() {
        assertEquals(c("PPPIOCGL2TPSTATS"), PppDev.PPPIOCGL2TPSTATS);
        assertEquals(c("PPPIOCGIDLE"), PppDev.PPPIOCGIDLE);
        assertEquals(c("L2TP_STATS_SIZE"), PppDev.L2TP_STATS_SIZE);
        assertEquals(c("L2TP_STATS_TX_PACKETS"), PppDev.L2TP_STATS_COUNTERS);
        assertEquals(c("L2TP_STATS_TX_PACKETS") + 4 * 8, c("L2TP_STATS_RX_BYTES"));
        assertEquals(c("PPP_IDLE_SIZE"), PppDev.PPP_IDLE_SIZE);
        assertEquals(8, c("PPP_IDLE_RECV"));
        assertEquals(c("NPMODE_PASS"), PppDev.NPMODE_PASS);
        assertEquals(c("NPMODE_DROP"), PppDev.NPMODE_DROP);
        assertEquals(c("NPMODE_ERROR"), PppDev.NPMODE_ERROR);
        assertEquals(c("NPMODE_QUEUE"), PppDev.NPMODE_QUEUE);
        assertEquals(c("NPIOCTL_SIZE"), PppDev.NPIOCTL_SIZE);
        assertEquals(4, c("NPIOCTL_MODE"));
        assertEquals(C.get("NPIOCTL_BYTES"), Hex.encode(PppDev.npioctl(PppDev.PPP_IPV6, PppDev.NPMODE_PASS)));
        assertEquals(c("PPP_IP"), PppDev.PPP_IP);
        assertEquals(c("PPP_IPV6"), PppDev.PPP_IPV6);
        assertEquals(c("O_RDWR"), PppDev.O_RDWR);
        assertEquals(c("O_NONBLOCK"), PppDev.O_NONBLOCK);
        assertEquals(c("O_CLOEXEC"), PppDev.O_CLOEXEC);
        assertEquals(c("EAGAIN"), LibC.EAGAIN);
        assertEquals(c("EINTR"), LibC.EINTR);
    }

    @Test
    void epollMatchesTheHeaders() {
        assertEquals(c("EPOLL_CLOEXEC"), Epoll.EPOLL_CLOEXEC);
        assertEquals(c("EPOLL_CTL_ADD"), Epoll.EPOLL_CTL_ADD);
        assertEquals(c("EPOLL_CTL_DEL"), Epoll.EPOLL_CTL_DEL);
        assertEquals(c("EPOLL_CTL_MOD"), Epoll.EPOLL_CTL_MOD);
        assertEquals(c("EPOLLIN"), Epoll.EPOLLIN);
        assertEquals(c("EPOLLOUT"), Epoll.EPOLLOUT);
        assertEquals(c("EPOLLERR"), Epoll.EPOLLERR);
        assertEquals(c("EPOLLHUP"), Epoll.EPOLLHUP);
        assertEquals(c("EPOLLRDHUP"), Epoll.EPOLLRDHUP);
        assertEquals(c("EPOLL_EVENT_SIZE"), Epoll.EVENT_SIZE);
        assertEquals(c("EPOLL_EVENT_DATA"), Epoll.EVENT_DATA);
        assertEquals(C.get("EPOLL_EVENT_BYTES"), Hex.encode(Epoll.event(Epoll.EPOLLIN, 0x1122334455667788L)));
        assertEquals(c("EFD_CLOEXEC"), FramePoller.EFD_CLOEXEC);
        assertEquals(c("EFD_NONBLOCK"), FramePoller.EFD_NONBLOCK);
    }

    @Test
    void netlinkConstantsMatchTheHeaders() {
        assertEquals(c("AF_NETLINK"), Rtnetlink.AF_NETLINK);
        assertEquals(c("SOCK_RAW"), Rtnetlink.SOCK_RAW);
        assertEquals(c("SOCK_CLOEXEC"), Rtnetlink.SOCK_CLOEXEC);
        assertEquals(c("NETLINK_ROUTE"), Rtnetlink.NETLINK_ROUTE);
        assertEquals(c("SOL_SOCKET"), Rtnetlink.SOL_SOCKET);
        assertEquals(c("SO_RCVTIMEO"), Rtnetlink.SO_RCVTIMEO);
        assertEquals(c("AF_UNSPEC"), Rtnetlink.AF_UNSPEC);
        assertEquals(c("AF_INET"), Rtnetlink.AF_INET);
        assertEquals(c("AF_INET6"), Rtnetlink.AF_INET6);
        assertEquals(c("NLM_F_REQUEST"), Rtnetlink.NLM_F_REQUEST);
        assertEquals(c("NLM_F_ACK"), Rtnetlink.NLM_F_ACK);
        assertEquals(c("NLM_F_CREATE"), Rtnetlink.NLM_F_CREATE);
        assertEquals(c("NLM_F_EXCL"), Rtnetlink.NLM_F_EXCL);
        assertEquals(c("NLMSG_ERROR"), Rtnetlink.NLMSG_ERROR);
        assertEquals(c("NLMSG_DONE"), Rtnetlink.NLMSG_DONE);
        assertEquals(c("RTM_NEWLINK"), Rtnetlink.RTM_NEWLINK);
        assertEquals(c("RTM_NEWADDR"), Rtnetlink.RTM_NEWADDR);
        assertEquals(c("IFLA_IFNAME"), Rtnetlink.IFLA_IFNAME);
        assertEquals(c("IFLA_MTU"), Rtnetlink.IFLA_MTU);
        assertEquals(c("IFA_ADDRESS"), Rtnetlink.IFA_ADDRESS);
        assertEquals(c("IFA_LOCAL"), Rtnetlink.IFA_LOCAL);
        assertEquals(c("IFF_UP"), Rtnetlink.IFF_UP);
        assertEquals(c("IFA_F_NODAD"), Rtnetlink.IFA_F_NODAD);
        assertEquals(c("IFA_F_PERMANENT"), Rtnetlink.IFA_F_PERMANENT);
        assertEquals(c("RT_SCOPE_UNIVERSE"), Rtnetlink.RT_SCOPE_UNIVERSE);
        assertEquals(c("RT_SCOPE_LINK"), Rtnetlink.RT_SCOPE_LINK);
        assertEquals(c("IFNAMSIZ"), Rtnetlink.IFNAMSIZ);
    }

    @Test
    void netlinkStructsMatchTheHeaders() {
        assertEquals(c("SOCKADDR_NL_SIZE"), Rtnetlink.SOCKADDR_NL_SIZE);
        assertEquals(c("NLMSGHDR_SIZE"), Rtnetlink.NLMSGHDR_SIZE);
        assertEquals(c("NLMSG_HDRLEN"), Rtnetlink.NLMSGHDR_SIZE);
        assertEquals(c("IFINFOMSG_SIZE"), Rtnetlink.IFINFOMSG_SIZE);
        assertEquals(c("IFADDRMSG_SIZE"), Rtnetlink.IFADDRMSG_SIZE);
        assertEquals(c("RTATTR_SIZE"), Rtnetlink.RTATTR_SIZE);
        assertEquals(c("RTA_LENGTH(0)"), Rtnetlink.RTATTR_SIZE);
        assertEquals(c("NLMSG_ALIGNTO"), Rtnetlink.ALIGN);
        assertEquals(c("RTA_ALIGNTO"), Rtnetlink.ALIGN);
        assertEquals(8, c("OFF_NLMSG_SEQ"));
        assertEquals(4, c("OFF_IFI_INDEX"));
        assertEquals(8, c("OFF_IFI_FLAGS"));
        assertEquals(12, c("OFF_IFI_CHANGE"));
        assertEquals(1, c("OFF_IFA_PREFIXLEN"));
        assertEquals(2, c("OFF_IFA_FLAGS"));
        assertEquals(3, c("OFF_IFA_SCOPE"));
        assertEquals(4, c("OFF_IFA_INDEX"));
    }

    @Test
    void ourNetlinkMessagesAreByteForByteWhatCWrites() throws Exception {
        byte[] addr = Rtnetlink.newAddr(7, 5, (Inet4Address) InetAddress.getByName("10.77.0.1"),
                (Inet4Address) InetAddress.getByName("10.77.0.2"));
        assertEquals(C.get("NEWADDR4_BYTES"), Hex.encode(addr));
        assertEquals(C.get("RENAME_BYTES"), Hex.encode(Rtnetlink.newLink(3, 9, 0, 0, "l2tp1-1", -1)));
    }
}
