package org.l2tp.radius;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.aaa4j.radius.core.attribute.Attribute;
import org.aaa4j.radius.core.attribute.EnumData;
import org.aaa4j.radius.core.attribute.IntegerData;
import org.aaa4j.radius.core.attribute.Ipv4AddrData;
import org.aaa4j.radius.core.attribute.Ipv6AddrData;
import org.aaa4j.radius.core.attribute.TextData;
import org.aaa4j.radius.core.attribute.attributes.CalledStationId;
import org.aaa4j.radius.core.attribute.attributes.CallingStationId;
import org.aaa4j.radius.core.attribute.attributes.FramedProtocol;
import org.aaa4j.radius.core.attribute.attributes.NasIdentifier;
import org.aaa4j.radius.core.attribute.attributes.NasIpAddress;
import org.aaa4j.radius.core.attribute.attributes.NasIpv6Address;
import org.aaa4j.radius.core.attribute.attributes.NasPort;
import org.aaa4j.radius.core.attribute.attributes.NasPortType;
import org.aaa4j.radius.core.attribute.attributes.ServiceType;
import org.aaa4j.radius.core.attribute.attributes.TunnelAssignmentId;
import org.aaa4j.radius.core.attribute.attributes.TunnelClientAuthId;
import org.aaa4j.radius.core.attribute.attributes.TunnelClientEndpoint;
import org.aaa4j.radius.core.attribute.attributes.TunnelMediumType;
import org.aaa4j.radius.core.attribute.attributes.TunnelServerAuthId;
import org.aaa4j.radius.core.attribute.attributes.TunnelServerEndpoint;
import org.aaa4j.radius.core.attribute.attributes.TunnelType;
import org.l2tp.api.aaa.SessionContext;

/**
 * The attributes that describe the NAS, the port and the L2TP tunnel of a call, for Access-Request and
 * Accounting-Request alike: RFC 2865 (NAS-*, Service-Type, Framed-Protocol, Calling/Called-Station-Id), RFC 3162
 * (NAS-IPv6-Address), RFC 2868 (Tunnel-*; with tag 0, the only tunnel). Accounting adds RFC 2867's
 * Acct-Tunnel-Connection itself.
 */
public final class NasAttributes {
    /** RFC 2865 5.41 NAS-Port-Type Virtual. */
    public static final int NAS_PORT_TYPE_VIRTUAL = 5;
    /** RFC 2865 5.6 Service-Type Framed. */
    public static final int SERVICE_TYPE_FRAMED = 2;
    /** RFC 2865 5.7 Framed-Protocol PPP. */
    public static final int FRAMED_PROTOCOL_PPP = 1;
    /** RFC 2868 3.1 Tunnel-Type L2TP. */
    public static final int TUNNEL_TYPE_L2TP = 3;
    /** RFC 2868 3.2 Tunnel-Medium-Type IPv4 / IPv6 (IANA address family numbers). */
    public static final int TUNNEL_MEDIUM_IPV4 = 1;
    public static final int TUNNEL_MEDIUM_IPV6 = 2;
    /** RFC 2865 5: a text or string attribute holds at most 253 octets. */
    static final int MAX_TEXT = 253;

    private NasAttributes() {
    }

    /** NAS and tunnel attributes for a call. */
    public static List<Attribute<?>> of(SessionContext s, NasSettings nas) {
        List<Attribute<?>> out = new ArrayList<>(nas(s, nas));
        out.addAll(tunnel(s));
        return out;
    }

    /**
     * NAS-Identifier; NAS-IP-Address or NAS-IPv6-Address (the configured nas.address, else our tunnel endpoint);
     * NAS-Port (our tunnel and session id); NAS-Port-Type Virtual; Service-Type Framed; Framed-Protocol PPP;
     * Calling-Station-Id and Called-Station-Id from the call's numbers when it has them.
     */
    public static List<Attribute<?>> nas(SessionContext s, NasSettings nas) {
        List<Attribute<?>> out = new ArrayList<>();
        out.add(new NasIdentifier(text(nas.identifier())));
        InetAddress a = nas.address() != null ? nas.address() : Addresses.literal(s.localAddress());
        if (a instanceof Inet4Address v4) {
            out.add(new NasIpAddress(new Ipv4AddrData(v4)));
        } else if (a instanceof Inet6Address v6) {
            out.add(new NasIpv6Address(new Ipv6AddrData(v6)));
        }
        out.add(new NasPort(new IntegerData((int) s.port())));
        out.add(new NasPortType(new EnumData(NAS_PORT_TYPE_VIRTUAL)));
        out.add(new ServiceType(new EnumData(SERVICE_TYPE_FRAMED)));
        out.add(new FramedProtocol(new EnumData(FRAMED_PROTOCOL_PPP)));
        if (present(s.callingNumber())) {
            out.add(new CallingStationId(text(s.callingNumber())));
        }
        if (present(s.calledNumber())) {
            out.add(new CalledStationId(text(s.calledNumber())));
        }
        return out;
    }

    /**
     * RFC 2868 for the L2TP tunnel the call is in: Tunnel-Type L2TP, Tunnel-Medium-Type by the endpoints' family,
     * Tunnel-Client-Endpoint (the peer: on an LNS the LAC is the tunnel's client), Tunnel-Server-Endpoint (us),
     * Tunnel-Client-Auth-ID / Tunnel-Server-Auth-ID (the Host Name AVPs), Tunnel-Assignment-ID (our Tunnel ID).
     */
    public static List<Attribute<?>> tunnel(SessionContext s) {
        List<Attribute<?>> out = new ArrayList<>();
        out.add(new TunnelType(new EnumData(TUNNEL_TYPE_L2TP)));
        InetAddress peer = Addresses.literal(s.peerAddress());
        InetAddress local = Addresses.literal(s.localAddress());
        InetAddress either = peer != null ? peer : local;
        if (either != null) {
            out.add(new TunnelMediumType(new EnumData(either instanceof Inet6Address ? TUNNEL_MEDIUM_IPV6
                    : TUNNEL_MEDIUM_IPV4)));
        }
        if (peer != null) {
            out.add(new TunnelClientEndpoint(new TextData(Addresses.text(peer))));
        }
        if (local != null) {
            out.add(new TunnelServerEndpoint(new TextData(Addresses.text(local))));
        }
        if (present(s.peerHostName())) {
            out.add(new TunnelClientAuthId(text(s.peerHostName())));
        }
        if (present(s.localHostName())) {
            out.add(new TunnelServerAuthId(text(s.localHostName())));
        }
        out.add(new TunnelAssignmentId(new TextData(Integer.toString(s.localTunnelId()))));
        return out;
    }

    private static boolean present(String s) {
        return s != null && !s.isEmpty();
    }

    /**
     * A text attribute's value: at most 253 octets of UTF-8, cut on a character boundary; a first character that
     * would read as an RFC 2868 tag (0x01-0x1F) is dropped along with other control characters.
     */
    public static TextData text(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!Character.isISOControl(ch)) {
                b.append(ch);
            }
        }
        String t = b.toString();
        byte[] utf8 = t.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_TEXT) {
            return new TextData(t);
        }
        int end = MAX_TEXT;
        while (end > 0 && (utf8[end] & 0xc0) == 0x80) {
            end--;
        }
        return new TextData(new String(utf8, 0, end, StandardCharsets.UTF_8));
    }
}
