package org.l2tp.ppp.lcp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.l2tp.ppp.frame.Option;
import org.l2tp.ppp.frame.Protocols;
import org.l2tp.ppp.fsm.ControlProtocol;
import org.l2tp.ppp.fsm.Negotiator;
import org.l2tp.ppp.fsm.Restart;
import org.l2tp.ppp.fsm.Verdict;
import org.l2tp.ppp.link.PacketSender;
import org.l2tp.ppp.link.Timers;

/**
 * IPCP (RFC 1332) with the DNS options of RFC 1877, as authenticator (we assign addresses) or client (we are
 * assigned one). IP-Addresses (1, deprecated), IP-Compression-Protocol (2), the NBNS options (130, 132) and
 * anything unknown are rejected.
 */
public final class Ipcp extends Ncp<IpcpResult> {
    public static final int IP_ADDRESSES = 1;
    public static final int IP_COMPRESSION = 2;
    public static final int IP_ADDRESS = 3;
    public static final int DNS1 = 129;
    public static final int NBNS1 = 130;
    public static final int DNS2 = 131;
    public static final int NBNS2 = 132;

    static final Inet4Address ANY = ip(new byte[4]);

    private final IpcpConfig config;

    // Our request.
    private boolean askAddress;
    private Inet4Address address;
    private boolean askDns1;
    private boolean askDns2;
    private Inet4Address dns1;
    private Inet4Address dns2;
    // What the peer acked of it.
    private Inet4Address ackedAddress;
    private Inet4Address ackedDns1;
    private Inet4Address ackedDns2;
    // The peer's last acked request.
    private Inet4Address peerAddress;
    private Inet4Address givenDns1;
    private Inet4Address givenDns2;


    public Ipcp(IpcpConfig config, PacketSender out, Timers timers, Restart restart,
                NcpListener<IpcpResult> listener) {
        super(listener);
        this.config = config;
        this.cp = new ControlProtocol(Protocols.IPCP, "IPCP", new IpcpNegotiator(), out, timers, layer(),
                restart);
        reset();
    }

    static Inet4Address ip(byte[] four) {
        try {
            return (Inet4Address) InetAddress.getByAddress(four);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Option option(int type, Inet4Address a) {
        return new Option(type, a.getAddress());
    }

    private void reset() {
        askAddress = true;
        address = config.local() != null ? config.local() : ANY;
        askDns1 = config.requestDns();
        askDns2 = config.requestDns();
        dns1 = ANY;
        dns2 = ANY;
    }

    private final class IpcpNegotiator implements Negotiator {
        @Override
        public void reset() {
            Ipcp.this.reset();
        }

        @Override
        public List<Option> request() {
            List<Option> r = new ArrayList<>();
            if (askAddress) {
                r.add(option(IP_ADDRESS, address));
            }
            if (askDns1) {
                r.add(option(DNS1, dns1));
            }
            if (askDns2) {
                r.add(option(DNS2, dns2));
            }
            return r;
        }

        @Override
        public Verdict judge(List<Option> peer) {
            Verdict.Builder b = new Verdict.Builder();
            Inet4Address theirs = null;
            Inet4Address d1 = null;
            Inet4Address d2 = null;
            for (Option o : peer) {
                switch (o.type()) {
                    case IP_ADDRESS -> {
                        if (o.valueLength() != 4) {
                            b.reject(o);
                            break;
                        }
                        Inet4Address v = ip(o.value());
                        if (config.peer() != null) {
                            // RFC 1332 3.3: 0.0.0.0 asks us for one; another than ours is corrected.
                            if (v.equals(config.peer())) {
                                theirs = v;
                            } else {
                                b.nak(option(IP_ADDRESS, config.peer()));
                            }
                        } else if (v.equals(ANY)) {
                            b.reject(o); // we have none to give
                        } else {
                            theirs = v;
                        }
                    }
                    case DNS1, DNS2 -> {
                        Inet4Address ours = o.type() == DNS1 ? config.dns1() : config.dns2();
                        if (o.valueLength() != 4 || ours == null) {
                            b.reject(o);
                        } else if (!ip(o.value()).equals(ours)) {
                            b.nak(option(o.type(), ours)); // RFC 1877 1.1/1.3
                        } else if (o.type() == DNS1) {
                            d1 = ours;
                        } else {
                            d2 = ours;
                        }
                    }
                    default -> b.reject(o);
                }
            }
            if (theirs == null && config.peer() != null && peer.stream().noneMatch(o -> o.type() == IP_ADDRESS)) {
                // RFC 1332 3.3: an address we must give the peer is appended to a Configure-Nak.
                b.nak(option(IP_ADDRESS, config.peer()));
            }
            Verdict v = b.build();
            if (v.kind() == Verdict.Kind.ACK) {
                peerAddress = theirs;
                givenDns1 = d1;
                givenDns2 = d2;
            }
            return v;
        }

        @Override
        public void acked(List<Option> ours) {
            ackedAddress = null;
            ackedDns1 = null;
            ackedDns2 = null;
            for (Option o : ours) {
                switch (o.type()) {
                    case IP_ADDRESS -> ackedAddress = ip(o.value());
                    case DNS1 -> ackedDns1 = ip(o.value());
                    case DNS2 -> ackedDns2 = ip(o.value());
                    default -> {
                    }
                }
            }
        }

        @Override
        public String naked(List<Option> suggested) {
            for (Option o : suggested) {
                if (o.valueLength() != 4) {
                    continue;
                }
                Inet4Address v = ip(o.value());
                switch (o.type()) {
                    case IP_ADDRESS -> {
                        // A client takes the address it is given; an authenticator keeps its configured one.
                        if (askAddress && config.local() == null && !v.equals(ANY)) {
                            address = v;
                        }
                    }
                    case DNS1 -> {
                        if (askDns1) {
                            dns1 = v;
                        }
                    }
                    case DNS2 -> {
                        if (askDns2) {
                            dns2 = v;
                        }
                    }
                    default -> {
                    }
                }
            }
            return null;
        }

        @Override
        public String rejected(List<Option> rejected) {
            for (Option o : rejected) {
                switch (o.type()) {
                    case IP_ADDRESS -> {
                        askAddress = false;
                        if (config.local() == null) {
                            return "IPCP: peer will not assign us an address";
                        }
                    }
                    case DNS1 -> askDns1 = false;
                    case DNS2 -> askDns2 = false;
                    default -> {
                    }
                }
            }
            return null;
        }
    }

    @Override
    protected IpcpResult agreed() {
        Inet4Address local = ackedAddress != null ? ackedAddress : config.local();
        Inet4Address peer = peerAddress != null ? peerAddress : config.peer();
        return config.requestDns() ? new IpcpResult(local, peer, ackedDns1, ackedDns2)
                : new IpcpResult(local, peer, givenDns1, givenDns2);
    }
}
