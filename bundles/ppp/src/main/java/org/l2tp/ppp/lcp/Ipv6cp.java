package org.l2tp.ppp.lcp;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import org.l2tp.ppp.frame.Option;
import org.l2tp.ppp.frame.Protocols;
import org.l2tp.ppp.fsm.ControlProtocol;
import org.l2tp.ppp.fsm.Negotiator;
import org.l2tp.ppp.fsm.Restart;
import org.l2tp.ppp.fsm.Verdict;
import org.l2tp.ppp.link.PacketSender;
import org.l2tp.ppp.link.Timers;

/**
 * IPv6CP (RFC 5072): Interface-Identifier negotiated with random non-zero identifiers; IPv6-Compression-Protocol
 * and anything unknown rejected.
 */
public final class Ipv6cp extends Ncp<Ipv6cpResult> {
    public static final int INTERFACE_IDENTIFIER = 1;
    public static final int IPV6_COMPRESSION = 2;

    private final RandomGenerator random;

    private boolean askId;
    private long localId;
    private long ackedId;
    /** The peer's identifier from its last acked request; 0 if it sent none. */
    private long peerId;

    public Ipv6cp(PacketSender out, Timers timers, RandomGenerator random, Restart restart,
                  NcpListener<Ipv6cpResult> listener) {
        super(listener);
        this.random = random;
        this.cp = new ControlProtocol(Protocols.IPV6CP, "IPv6CP", new Ipv6cpNegotiator(), out, timers,
                layer(), restart);
        // The identifier is drawn when negotiation starts (irc from Starting, Closed or Stopped).
    }

    /** A random non-zero identifier different from {@code avoid} (RFC 5072 4.1). */
    private long newId(long avoid) {
        long v;
        do {
            v = random.nextLong();
        } while (v == 0 || v == avoid);
        return v;
    }

    private static Option option(long id) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (id >>> (56 - 8 * i));
        }
        return new Option(INTERFACE_IDENTIFIER, b);
    }

    private void reset() {
        askId = true;
        localId = newId(0);
        ackedId = 0;
        peerId = 0;
    }

    private final class Ipv6cpNegotiator implements Negotiator {
        @Override
        public void reset() {
            Ipv6cp.this.reset();
        }

        @Override
        public List<Option> request() {
            List<Option> r = new ArrayList<>();
            if (askId) {
                r.add(option(localId));
            }
            return r;
        }

        @Override
        public Verdict judge(List<Option> peer) {
            Verdict.Builder b = new Verdict.Builder();
            long theirs = 0;
            for (Option o : peer) {
                if (o.type() != INTERFACE_IDENTIFIER || o.valueLength() != 8) {
                    b.reject(o);
                    continue;
                }
                long v = o.number();
                if (v == 0 && !askId) {
                    b.reject(o); // RFC 5072 4.1: both zero, no unique identifier can be negotiated
                } else if (v == 0 || v == localId) {
                    // RFC 5072 4.1: zero asks us for one, equal to ours collides: suggest another.
                    b.nak(option(newId(localId)));
                } else {
                    theirs = v;
                }
            }
            Verdict v = b.build();
            if (v.kind() == Verdict.Kind.ACK) {
                peerId = theirs;
            }
            return v;
        }

        @Override
        public void acked(List<Option> ours) {
            ackedId = ours.isEmpty() ? localId : ours.get(0).number();
        }

        @Override
        public String naked(List<Option> suggested) {
            for (Option o : suggested) {
                if (o.type() == INTERFACE_IDENTIFIER && o.valueLength() == 8 && askId) {
                    long v = o.number();
                    localId = v != 0 && v != peerId ? v : newId(peerId);
                }
            }
            return null;
        }

        @Override
        public String rejected(List<Option> rejected) {
            // The peer will not negotiate identifiers: we keep our random one unnegotiated (RFC 5072 leaves it).
            if (rejected.stream().anyMatch(o -> o.type() == INTERFACE_IDENTIFIER)) {
                askId = false;
            }
            return null;
        }
    }

    @Override
    protected Ipv6cpResult agreed() {
        return new Ipv6cpResult(askId ? ackedId : localId, peerId);
    }
}
