package org.l2tp.api.ppp;

import java.util.List;

import org.l2tp.api.aaa.AuthMethod;

/**
 * A PPP profile as the in-process engine needs it (factory PID {@code org.l2tp.ppp}).
 *
 * @param profile        the profile's name
 * @param require        methods the peer must authenticate with, preferred first; empty: the peer is not asked
 *                       (only when the profile says {@code auth = none} on an LNS, or on a LAC)
 * @param aaa            the {@link org.l2tp.api.aaa.Authenticator} that decides ({@code local}, {@code radius})
 * @param allow          methods we authenticate ourselves with when the peer asks (client side)
 * @param localName      our name in CHAP challenges and as a client; null: the host name
 * @param localPassword  our password as a client, or null; never logged or shown
 * @param localAddress   our IPv4 address on the link; null on an LNS: the pool's first address is kept for it;
 *                       a client takes what the peer gives
 * @param dns            up to two DNS servers given to the peer (RFC 1877)
 * @param mtu            the interface MTU, 0: the smaller of the two MRUs
 * @param mru            the MRU we ask for, 0: 1500 (RFC 1661's default, not asked for)
 * @param echoIntervalS  LCP Echo-Request interval, 0 for none
 * @param echoFailures   unanswered Echo-Requests before the peer is declared dead
 * @param ipv6           whether IPv6CP is negotiated
 * @param debug          whether every PPP packet is logged
 * @param pool           the profile's pool, or null
 * @param pools          every profile's pool by profile name, for an AAA server's Framed-Pool; never null
 */
public record PppSettings(String profile, List<AuthMethod> require, String aaa, List<AuthMethod> allow,
                          String localName, String localPassword, String localAddress, List<String> dns, int mtu,
                          int mru, int echoIntervalS, int echoFailures, boolean ipv6, boolean debug,
                          AddressSource pool, java.util.function.Function<String, AddressSource> pools) {
    public PppSettings {
        pools = pools == null ? name -> null : pools;
        require = List.copyOf(require);
        allow = List.copyOf(allow);
        dns = List.copyOf(dns);
    }

    /** 0.2.0's shape: no other pools. */
    public PppSettings(String profile, List<AuthMethod> require, String aaa, List<AuthMethod> allow,
                       String localName, String localPassword, String localAddress, List<String> dns, int mtu,
                       int mru, int echoIntervalS, int echoFailures, boolean ipv6, boolean debug,
                       AddressSource pool) {
        this(profile, require, aaa, allow, localName, localPassword, localAddress, dns, mtu, mru, echoIntervalS,
                echoFailures, ipv6, debug, pool, null);
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "PppSettings[" + profile + ", require " + require + ", aaa " + aaa + ", allow " + allow
                + ", local name " + localName + (localPassword != null ? ", password set" : "") + "]";
    }
}
