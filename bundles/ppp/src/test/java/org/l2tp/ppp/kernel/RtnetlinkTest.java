package org.l2tp.ppp.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/** The rtnetlink messages, field by field against the layouts in linux/netlink.h and linux/if_addr.h. */
class RtnetlinkTest {
    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.nativeOrder());
    }

    @Test
    void linkLocalPutsTheInterfaceIdInTheLowHalf() throws Exception {
        assertEquals(InetAddress.getByName("fe80::1122:3344:5566:7788"), Rtnetlink.linkLocal(0x1122334455667788L));
        assertEquals(InetAddress.getByName("fe80::ffff:ffff:ffff:fffe"), Rtnetlink.linkLocal(-2L));
        assertTrue(Rtnetlink.linkLocal(1).isLinkLocalAddress());
    }

    @Test
    void ipv6PointToPointAddressLayout() throws Exception {
        Inet6Address local = Rtnetlink.linkLocal(0x0200000000000001L);
        Inet6Address peer = Rtnetlink.linkLocal(0x0200000000000002L);
        byte[] m = Rtnetlink.newAddr(42, 17, local, peer);
        ByteBuffer b = le(m);
        // nlmsghdr
        assertEquals(16 + 8 + (4 + 16) * 2, m.length);
        assertEquals(m.length, b.getInt(0));
        assertEquals(Rtnetlink.RTM_NEWADDR, b.getShort(4));
        assertEquals(Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_ACK | Rtnetlink.NLM_F_CREATE | Rtnetlink.NLM_F_EXCL,
                b.getShort(6));
        assertEquals(42, b.getInt(8));
        assertEquals(0, b.getInt(12));
        // ifaddrmsg
        assertEquals(Rtnetlink.AF_INET6, m[16]);
        assertEquals(128, m[17] & 0xff);
        assertEquals(0, m[18]); // no IFA_F_NODAD: see addAddress6
        assertEquals(Rtnetlink.RT_SCOPE_LINK, m[19] & 0xff);
        assertEquals(17, b.getInt(20));
        // IFA_LOCAL then IFA_ADDRESS, 20 octets each (already aligned)
        assertEquals(20, b.getShort(24));
        assertEquals(Rtnetlink.IFA_LOCAL, b.getShort(26));
        assertArrayEquals(local.getAddress(), java.util.Arrays.copyOfRange(m, 28, 44));
        assertEquals(20, b.getShort(44));
        assertEquals(Rtnetlink.IFA_ADDRESS, b.getShort(46));
        assertArrayEquals(peer.getAddress(), java.util.Arrays.copyOfRange(m, 48, 64));
    }

    @Test
    void ipv6WithoutPeerIsASlash64() throws Exception {
        byte[] m = Rtnetlink.newAddr(1, 3, Rtnetlink.linkLocal(5), null);
        assertEquals(16 + 8 + 20, m.length);
        assertEquals(64, m[17]);
        assertEquals(Rtnetlink.IFA_LOCAL, le(m).getShort(26));
    }

    @Test
    void ipv4NeedsAPeerAndOneFamily() throws Exception {
        assertThrows(IllegalArgumentException.class,
                () -> Rtnetlink.newAddr(1, 3, InetAddress.getByName("10.0.0.1"), null));
        assertThrows(IllegalArgumentException.class,
                () -> Rtnetlink.newAddr(1, 3, InetAddress.getByName("10.0.0.1"), Rtnetlink.linkLocal(1)));
    }

    @Test
    void linkMessagesCarryFlagsMtuAndPaddedNames() {
        ByteBuffer up = le(Rtnetlink.newLink(5, 8, Rtnetlink.IFF_UP, Rtnetlink.IFF_UP, null, -1));
        assertEquals(32, up.getInt(0));
        assertEquals(Rtnetlink.RTM_NEWLINK, up.getShort(4));
        assertEquals(Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_ACK, up.getShort(6));
        assertEquals(8, up.getInt(20));
        assertEquals(Rtnetlink.IFF_UP, up.getInt(24));
        assertEquals(Rtnetlink.IFF_UP, up.getInt(28));
        ByteBuffer down = le(Rtnetlink.newLink(6, 8, 0, Rtnetlink.IFF_UP, null, -1));
        assertEquals(0, down.getInt(24));
        assertEquals(Rtnetlink.IFF_UP, down.getInt(28));

        ByteBuffer mtu = le(Rtnetlink.newLink(7, 8, 0, 0, null, 1400));
        assertEquals(40, mtu.getInt(0));
        assertEquals(8, mtu.getShort(32));
        assertEquals(Rtnetlink.IFLA_MTU, mtu.getShort(34));
        assertEquals(1400, mtu.getInt(36));

        // "ppp10" + NUL = 6 octets: rta_len 10, padded to 12
        byte[] name = Rtnetlink.newLink(8, 8, 0, 0, "ppp10", -1);
        assertEquals(32 + 12, name.length);
        assertEquals(10, le(name).getShort(32));
        assertEquals(Rtnetlink.IFLA_IFNAME, le(name).getShort(34));
        assertEquals("ppp10\0", new String(name, 36, 6, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0, name[42]);
        assertEquals(0, name[43]);
    }

    @Test
    void acknowledgementsAreMatchedBySequence() {
        ByteBuffer b = ByteBuffer.allocate(64 + 36).order(ByteOrder.nativeOrder());
        // a reply to an older request first (EEXIST for seq 4), then the ack for seq 5
        b.putInt(0, 36).putShort(4, (short) Rtnetlink.NLMSG_ERROR).putInt(8, 4).putInt(16, -17);
        b.putInt(36, 36).putShort(40, (short) Rtnetlink.NLMSG_ERROR).putInt(44, 5).putInt(52, 0);
        assertEquals(0, Rtnetlink.ack(b.array(), 72, 5));
        assertEquals(-17, Rtnetlink.ack(b.array(), 72, 4));
        assertEquals(Integer.MIN_VALUE, Rtnetlink.ack(b.array(), 72, 6));
        assertEquals(Integer.MIN_VALUE, Rtnetlink.ack(b.array(), 30, 4)); // truncated
    }

    @Test
    void badInterfaceNamesAreRefusedBeforeTheKernelSeesThem() throws Exception {
        try (Rtnetlink rt = new Rtnetlink()) {
            assertThrows(IllegalArgumentException.class, () -> rt.rename(1, "a-name-too-long-16"));
            assertThrows(IllegalArgumentException.class, () -> rt.rename(1, "a b"));
            assertThrows(IllegalArgumentException.class, () -> rt.rename(1, ""));
        }
    }

    @Test
    void theKernelAnswersOnThisHost() throws Exception {
        try (Rtnetlink rt = new Rtnetlink()) {
            int lo = rt.ifindex("lo");
            assertTrue(lo > 0);
            java.io.IOException e = assertThrows(java.io.IOException.class, () -> rt.ifindex("no-such-if0"));
            assertTrue(e.getMessage().contains("if_nametoindex(no-such-if0): errno 19"), e.getMessage());
            // A request the kernel refuses comes back as an errno from the acknowledgement: no such ifindex.
            java.io.IOException bad = assertThrows(java.io.IOException.class, () -> rt.setMtu(999_999, 1400));
            assertTrue(bad.getMessage().contains("errno 19 (No such device)"), bad.getMessage());
        }
    }
}
