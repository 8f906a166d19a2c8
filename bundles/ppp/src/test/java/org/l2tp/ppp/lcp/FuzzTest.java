package org.l2tp.ppp.lcp;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.l2tp.api.aaa.AuthMethod;
import org.l2tp.ppp.frame.ControlPacket;
import org.l2tp.ppp.frame.FrameException;
import org.l2tp.ppp.frame.Options;
import org.l2tp.ppp.frame.PppFrame;
import org.l2tp.ppp.frame.Protocols;
import org.l2tp.ppp.fsm.Restart;
import org.l2tp.ppp.fsm.State;
import org.l2tp.ppp.testing.VirtualTimers;

/**
 * A million frames mutated from valid ones through the decoders and into LCP, IPCP and IPv6CP: nothing but a
 * FrameException may leave a decoder, nothing at all may leave receive().
 */
class FuzzTest {
    static final int FRAMES = 1_000_000;

    static final List<String> SEEDS = List.of(
            // LCP: pppd-like Configure-Requests, Ack, Nak, Reject, Terminate, Code-Reject, Protocol-Reject, Echo
            "c021 01 01 00 19 01 04 05 78 02 06 00 00 00 00 03 05 c2 23 05 05 06 5a 1b 3c 4d",
            "c021 01 02 00 18 01 04 05 78 02 06 00 00 00 00 05 06 11 22 33 44 07 02 08 02",
            "c021 01 03 00 0e 01 04 05 78 05 06 11 22 33 44",
            "c021 02 01 00 0a 05 06 11 22 33 44",
            "c021 03 01 00 0c 01 04 05 b4 03 04 c0 23",
            "c021 04 01 00 0c 01 04 05 78 03 04 c0 23",
            "c021 05 05 00 08 62 79 65 21",
            "c021 06 05 00 04",
            "c021 07 06 00 0a 0c 01 00 06 00 00",
            "c021 08 07 00 08 80 21 01 01",
            "c021 09 08 00 0a 11 22 33 44 61 62",
            "c021 0a 08 00 08 11 22 33 44",
            "c021 0b 08 00 08 11 22 33 44",
            "ff03 c021 01 09 00 04",
            // IPCP
            "8021 01 01 00 16 03 06 00 00 00 00 81 06 00 00 00 00 83 06 00 00 00 00",
            "8021 01 02 00 0a 03 06 0a 00 00 02",
            "8021 01 03 00 10 02 06 00 2d 0f 01 82 06 00 00 00 00",
            "8021 03 01 00 0a 03 06 0a 00 00 07",
            "8021 04 01 00 0a 03 06 0a 00 00 01",
            "8021 05 02 00 04",
            // IPv6CP
            "8057 01 01 00 0e 01 0a 11 22 33 44 55 66 77 88",
            "8057 01 02 00 12 02 04 00 4f 01 0a 00 00 00 00 00 00 00 00",
            "8057 03 01 00 0e 01 0a 00 00 00 00 00 00 00 09",
            "8057 07 01 00 08 01 01 00 04");

    final VirtualTimers timers = new VirtualTimers();
    final Map<Integer, ControlPacket> lastRequest = new HashMap<>();
    final Recorder<Object> sink = new Recorder<>();
    Lcp lcp;
    Ipcp ipcp;
    Ipv6cp ipv6cp;

    void fresh(SplittableRandom r) {
        lcp = new Lcp(new LcpConfig(1400, List.of(AuthMethod.CHAP_MD5), Set.of(AuthMethod.PAP), 5, 3,
                Restart.DEFAULT), this::sent, timers, r.split(), sink);
        ipcp = new Ipcp(NcpTest.LNS, this::sent, timers, Restart.DEFAULT, new Recorder<>());
        ipv6cp = new Ipv6cp(this::sent, timers, r.split(), Restart.DEFAULT, new Recorder<>());
    }

    void sent(int protocol, ControlPacket p) {
        if (p.code() == 1) {
            lastRequest.put(protocol, p);
        }
    }

    /** Brings a stopped automaton back to negotiating, so that the fuzz reaches every state. */
    static void revive(State s, Runnable up, Runnable down, Runnable open) {
        switch (s) {
            case INITIAL -> {
                up.run();
                open.run();
            }
            case STARTING -> up.run();
            case CLOSED -> open.run();
            case STOPPED -> {
                down.run();
                up.run();
            }
            default -> {
            }
        }
    }

    @Test
    void mutatedFramesNeverThrow() {
        SplittableRandom r = new SplittableRandom(20240611L);
        List<byte[]> seeds = new ArrayList<>();
        for (String s : SEEDS) {
            seeds.add(HexFormat.of().parseHex(s.replace(" ", "")));
        }
        fresh(r);
        Map<FrameException.Reason, Long> reasons = new EnumMap<>(FrameException.Reason.class);
        Map<String, Set<State>> reached = new HashMap<>();
        long delivered = 0;
        long start = System.nanoTime();
        byte[] buf = new byte[2048];
        for (int i = 0; i < FRAMES; i++) {
            byte[] seed;
            if (r.nextInt(8) == 0 && !lastRequest.isEmpty()) {
                // an Ack of a request we sent, so that the automata get to Opened and beyond
                List<Integer> protos = new ArrayList<>(lastRequest.keySet());
                int proto = protos.get(r.nextInt(protos.size()));
                ControlPacket cr = lastRequest.get(proto);
                seed = new PppFrame(proto, new ControlPacket(2, cr.id(), cr.data()).encode()).encode();
            } else {
                seed = seeds.get(r.nextInt(seeds.size()));
            }
            int len = mutate(seed, buf, r);
            try {
                PppFrame f = PppFrame.decode(buf, len);
                byte[] payload = f.payload();
                ControlPacket p = ControlPacket.decode(payload, 0, payload.length);
                if (p.code() >= 1 && p.code() <= 4) {
                    try {
                        Options.decode(p.data());
                    } catch (FrameException e) {
                        reasons.merge(e.reason(), 1L, Long::sum);
                    }
                }
                delivered++;
                switch (f.protocol()) {
                    case Protocols.LCP -> lcp.receive(p);
                    case Protocols.IPCP -> ipcp.receive(p);
                    case Protocols.IPV6CP -> ipv6cp.receive(p);
                    default -> {
                    }
                }
            } catch (FrameException e) {
                reasons.merge(e.reason(), 1L, Long::sum);
            } catch (RuntimeException e) {
                fail("frame " + HexFormat.of().formatHex(buf, 0, len) + " threw", e);
            }
            reached.computeIfAbsent("LCP", k -> EnumSet.noneOf(State.class)).add(lcp.state());
            reached.computeIfAbsent("IPCP", k -> EnumSet.noneOf(State.class)).add(ipcp.state());
            reached.computeIfAbsent("IPv6CP", k -> EnumSet.noneOf(State.class)).add(ipv6cp.state());
            if (i % 997 == 0) {
                timers.advance(1000);
                revive(lcp.state(), lcp::lowerUp, lcp::lowerDown, lcp::open);
                revive(ipcp.state(), ipcp::lowerUp, ipcp::lowerDown, ipcp::open);
                revive(ipv6cp.state(), ipv6cp::lowerUp, ipv6cp::lowerDown, ipv6cp::open);
            }
            if (i % 100_000 == 0) {
                fresh(r);
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("fuzz: " + FRAMES + " frames in " + ms + " ms, " + delivered + " delivered, rejected by "
                + "decoders: " + reasons + ", states reached: " + reached + ", discarded by LCP now: "
                + lcp.discarded());
        for (FrameException.Reason must : List.of(FrameException.Reason.SHORT_FRAME,
                FrameException.Reason.BAD_PROTOCOL, FrameException.Reason.BAD_LENGTH,
                FrameException.Reason.BAD_OPTION_LENGTH)) {
            assertTrue(reasons.getOrDefault(must, 0L) > 0, "never hit " + must);
        }
        assertTrue(delivered > FRAMES / 4, "too few frames got through the decoders: " + delivered);
        for (Set<State> s : reached.values()) {
            assertTrue(s.contains(State.OPENED), reached.toString());
        }
    }

    /** One to three of: flip a bit, set an octet, truncate, extend, set a Length (packet or option). */
    static int mutate(byte[] seed, byte[] buf, SplittableRandom r) {
        System.arraycopy(seed, 0, buf, 0, seed.length);
        int len = seed.length;
        int n = 1 + r.nextInt(3);
        for (int k = 0; k < n; k++) {
            switch (r.nextInt(7)) {
                case 0 -> {
                    if (len > 0) {
                        buf[r.nextInt(len)] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                case 1 -> {
                    if (len > 0) {
                        buf[r.nextInt(len)] = (byte) r.nextInt(256);
                    }
                }
                case 2 -> len = r.nextInt(len + 1);
                case 3 -> {
                    int add = r.nextInt(Math.min(64, buf.length - len) + 1);
                    for (int j = 0; j < add; j++) {
                        buf[len + j] = (byte) r.nextInt(256);
                    }
                    len += add;
                }
                case 4 -> {
                    // the control packet's Length (after a 2-octet protocol field)
                    if (len >= 6) {
                        int v = r.nextInt(8) == 0 ? r.nextInt(65536) : len - 2 + r.nextInt(9) - 4;
                        buf[4] = (byte) (v >> 8);
                        buf[5] = (byte) v;
                    }
                }
                case 5 -> {
                    // an option's Length: the first option sits at offset 7
                    if (len > 7) {
                        buf[7] = (byte) r.nextInt(12);
                    }
                }
                default -> {
                    // a code in or just beyond the known ones
                    if (len > 2) {
                        buf[2] = (byte) r.nextInt(16);
                    }
                }
            }
        }
        return len;
    }
}
