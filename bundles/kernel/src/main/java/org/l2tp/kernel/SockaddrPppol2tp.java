package org.l2tp.kernel;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Builds the packed sockaddr_pppol2tp (38 octets, IPv4) or sockaddr_pppol2tpin6 (50 octets, IPv6) that connect()
 * takes on a PPPoL2TP socket. Ids are in host byte order; the embedded sockaddr_in/in6 in network order as usual.
 */
final class SockaddrPppol2tp {
    private SockaddrPppol2tp() {
    }

    /**
     * @param udpFd the tunnel's UDP socket
     * @param peer  the tunnel's peer (address family decides the form)
     */
    static byte[] build(int udpFd, InetSocketAddress peer, int sTunnel, int sSession, int dTunnel, int dSession) {
        boolean v6 = peer.getAddress() instanceof Inet6Address;
        ByteBuffer b = ByteBuffer.allocate(v6 ? Pppol2tp.SOCKADDR_V6_SIZE : Pppol2tp.SOCKADDR_V4_SIZE)
                .order(ByteOrder.nativeOrder());
        b.putShort(Pppol2tp.OFF_FAMILY, (short) Pppol2tp.AF_PPPOX);
        b.putInt(Pppol2tp.OFF_PROTOCOL, Pppol2tp.PX_PROTO_OL2TP);
        b.putInt(Pppol2tp.OFF_PID, 0);
        b.putInt(Pppol2tp.OFF_FD, udpFd);
        if (!v6) {
            // struct sockaddr_in: family (host order), port (network order), address, zero padding.
            b.putShort(Pppol2tp.OFF_ADDR, (short) 2);
            b.order(ByteOrder.BIG_ENDIAN).putShort(Pppol2tp.OFF_ADDR + 2, (short) peer.getPort());
            b.put(Pppol2tp.OFF_ADDR + 4, ((Inet4Address) peer.getAddress()).getAddress());
            b.order(ByteOrder.nativeOrder());
            b.putShort(Pppol2tp.OFF_S_TUNNEL, (short) sTunnel);
            b.putShort(Pppol2tp.OFF_S_SESSION, (short) sSession);
            b.putShort(Pppol2tp.OFF_D_TUNNEL, (short) dTunnel);
            b.putShort(Pppol2tp.OFF_D_SESSION, (short) dSession);
        } else {
            b.putShort(Pppol2tp.OFF6_S_TUNNEL, (short) sTunnel);
            b.putShort(Pppol2tp.OFF6_S_SESSION, (short) sSession);
            b.putShort(Pppol2tp.OFF6_D_TUNNEL, (short) dTunnel);
            b.putShort(Pppol2tp.OFF6_D_SESSION, (short) dSession);
            // struct sockaddr_in6: family, port, flowinfo, address, scope id.
            b.putShort(Pppol2tp.OFF6_ADDR, (short) 10);
            b.order(ByteOrder.BIG_ENDIAN).putShort(Pppol2tp.OFF6_ADDR + 2, (short) peer.getPort());
            b.put(Pppol2tp.OFF6_ADDR + 8, peer.getAddress().getAddress());
            b.order(ByteOrder.nativeOrder());
            b.putInt(Pppol2tp.OFF6_ADDR + 24, ((Inet6Address) peer.getAddress()).getScopeId());
        }
        return b.array();
    }
}
