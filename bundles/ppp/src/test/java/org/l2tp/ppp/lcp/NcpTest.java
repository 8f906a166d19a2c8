package org.l2tp.ppp.lcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.l2tp.ppp.frame.ControlPacket;
import org.l2tp.ppp.frame.Option;
import org.l2tp.ppp.fsm.Restart;
import org.l2tp.ppp.fsm.State;
import org.l2tp.ppp.testing.VirtualTimers;

class NcpTest {
    static Inet4Address ip(String s) {
        try {
            return (Inet4Address) InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    final VirtualTimers timers = new VirtualTimers();
    final Pipe pipe = new Pipe();
    final Recorder<IpcpResult> ra = new Recorder<>();
    final Recorder<IpcpResult> rb = new Recorder<>();

    static final IpcpConfig LNS = new IpcpConfig(ip("10.0.0.1"), ip("10.0.0.2"), ip("8.8.8.8"), ip("8.8.4.4"), false);
    static final IpcpConfig CLIENT = new IpcpConfig(null, null, null, null, true);

    Ipcp[] ipcp(IpcpConfig ca, IpcpConfig cb) {
        Ipcp a = new Ipcp(ca, pipe.a, timers, Restart.DEFAULT, ra);
        Ipcp b = new Ipcp(cb, pipe.b, timers, Restart.DEFAULT, rb);
        pipe.a.deliver = (p, c) -> b.receive(c);
        pipe.b.deliver = (p, c) -> a.receive(c);
        a.open();
        b.open();
        a.lowerUp();
        b.lowerUp();
        pipe.flush();
        return new Ipcp[] {a, b};
    }

    @Test
    void authenticatorAssignsAddressAndDns() {
        Ipcp[] x = ipcp(LNS, CLIENT);
        assertEquals(State.OPENED, x[0].state());
        assertEquals(State.OPENED, x[1].state());
        assertEquals(new IpcpResult(ip("10.0.0.2"), ip("10.0.0.1"), ip("8.8.8.8"), ip("8.8.4.4")), x[1].result());
        assertEquals(new IpcpResult(ip("10.0.0.1"), ip("10.0.0.2"), ip("8.8.8.8"), ip("8.8.4.4")), x[0].result());
        // the client's first request was 0.0.0.0 three times, Nak'd with ours
        assertEquals(new ControlPacket(3, pipe.b.sent(1).get(0).id(), LcpTest.hex(
                "03 06 0a 00 00 02 81 06 08 08 08 08 83 06 08 08 04 04")), pipe.a.sent(3).get(0));
    }

    @Test
    void serverWithoutDnsRejectsAndClientStopsAsking() {
        Ipcp[] x = ipcp(new IpcpConfig(ip("10.0.0.1"), ip("10.0.0.2"), null, null, false), CLIENT);
        assertEquals(State.OPENED, x[1].state());
        assertEquals(new IpcpResult(ip("10.0.0.2"), ip("10.0.0.1"), null, null), x[1].result());
        org.junit.jupiter.api.Assertions.assertArrayEquals(LcpTest.hex("81 06 00 00 00 00 83 06 00 00 00 00"),
                pipe.a.sent(4).get(0).data());
    }

    @Test
    void windowsLikeClientAskingNbnsAndCompression() {
        Ipcp a = new Ipcp(LNS, pipe.a, timers, Restart.DEFAULT, ra);
        a.open();
        a.lowerUp();
        // IP-Compression-Protocol VJ, IP-Address 0, DNS 0, NBNS 0, DNS2 0, NBNS2 0
        a.receive(LcpTest.packet("01 01 00 28 02 06 00 2d 0f 01 03 06 00 00 00 00 81 06 00 00 00 00 82 06 00 00 00 00"
                + " 83 06 00 00 00 00 84 06 00 00 00 00"));
        assertEquals(new ControlPacket(4, 1, LcpTest.hex("02 06 00 2d 0f 01 82 06 00 00 00 00 84 06 00 00 00 00")),
                pipe.a.last());
        a.receive(LcpTest.packet("01 02 00 16 03 06 00 00 00 00 81 06 00 00 00 00 83 06 00 00 00 00"));
        assertEquals(3, pipe.a.last().code());
        a.receive(LcpTest.packet("01 03 00 16 03 06 0a 00 00 02 81 06 08 08 08 08 83 06 08 08 04 04"));
        assertEquals(2, pipe.a.last().code());
        assertEquals(State.ACK_SENT, a.state());
        // a client insisting on another address is Nak'd; one sending none is solicited (RFC 1332 3.3)
        a.receive(LcpTest.packet("01 04 00 0a 03 06 0a 00 00 09"));
        assertEquals(new ControlPacket(3, 4, LcpTest.hex("03 06 0a 00 00 02")), pipe.a.last());
        a.receive(LcpTest.packet("01 05 00 04"));
        assertEquals(new ControlPacket(3, 5, LcpTest.hex("03 06 0a 00 00 02")), pipe.a.last());
    }

    @Test
    void clientAcksServersAddressAndFailsWithoutOne() {
        Recorder<IpcpResult> r = new Recorder<>();
        Ipcp c = new Ipcp(CLIENT, pipe.a, timers, Restart.DEFAULT, r);
        c.open();
        c.lowerUp();
        ControlPacket ours = pipe.a.last();
        c.receive(LcpTest.packet("01 01 00 0a 03 06 0a 00 00 01"));
        assertEquals(2, pipe.a.last().code());
        c.receive(LcpTest.packet("01 02 00 0a 03 06 00 00 00 00"));
        assertEquals(new ControlPacket(4, 2, LcpTest.hex("03 06 00 00 00 00")), pipe.a.last());
        // the server rejects IP-Address: we cannot go on
        c.receive(new ControlPacket(4, ours.id(), LcpTest.hex("03 06 00 00 00 00")));
        assertEquals(State.CLOSING, c.state());
        timers.advance(6000);
        assertEquals("IPCP: peer will not assign us an address", r.reason);
    }

    @Test
    void maxFailureTurnsNaksIntoRejects() {
        Ipcp a = new Ipcp(LNS, pipe.a, timers, Restart.DEFAULT, ra);
        a.open();
        a.lowerUp();
        for (int i = 0; i < 5; i++) {
            a.receive(new ControlPacket(1, i, LcpTest.hex("03 06 0a 00 00 09")));
            assertEquals(3, pipe.a.last().code());
        }
        a.receive(new ControlPacket(1, 9, LcpTest.hex("03 06 0a 00 00 09")));
        assertEquals(new ControlPacket(4, 9, LcpTest.hex("03 06 0a 00 00 09")), pipe.a.last());
    }

    /** Gives the numbers it is told, then those of a seeded generator. */
    static RandomGenerator sequence(long... first) {
        SplittableRandom rest = new SplittableRandom(42);
        return new RandomGenerator() {
            int i;

            @Override
            public long nextLong() {
                return i < first.length ? first[i++] : rest.nextLong();
            }
        };
    }

    @Test
    void ipv6cpBackToBackAndCollision() {
        Recorder<Ipv6cpResult> x = new Recorder<>();
        Recorder<Ipv6cpResult> y = new Recorder<>();
        // both pick the same identifier first: one Naks the other with a new one (RFC 5072 4.1)
        Ipv6cp a = new Ipv6cp(pipe.a, timers, sequence(0x1111, 0x2222), Restart.DEFAULT, x);
        Ipv6cp b = new Ipv6cp(pipe.b, timers, sequence(0x1111, 0x3333), Restart.DEFAULT, y);
        pipe.a.deliver = (p, c) -> b.receive(c);
        pipe.b.deliver = (p, c) -> a.receive(c);
        a.open();
        b.open();
        a.lowerUp();
        b.lowerUp();
        pipe.flush();
        assertEquals(State.OPENED, a.state());
        assertEquals(State.OPENED, b.state());
        Ipv6cpResult ra6 = a.result();
        Ipv6cpResult rb6 = b.result();
        assertEquals(ra6.localId(), rb6.peerId());
        assertEquals(rb6.localId(), ra6.peerId());
        assertNotEquals(ra6.localId(), ra6.peerId());
        assertNotEquals(0, ra6.localId());
        assertNotEquals(0, rb6.localId());
    }

    @Test
    void ipv6cpZeroIdentifierAndCompression() {
        Ipv6cp a = new Ipv6cp(pipe.a, timers, sequence(0x1111, 0x2222), Restart.DEFAULT, new Recorder<>());
        a.open();
        a.lowerUp();
        a.receive(LcpTest.packet("01 01 00 0e 01 0a 00 00 00 00 00 00 00 00"));
        assertEquals(new ControlPacket(3, 1, LcpTest.hex("01 0a 00 00 00 00 00 00 22 22")), pipe.a.last());
        a.receive(LcpTest.packet("01 02 00 12 02 04 00 4f 01 0a 00 00 00 00 00 00 00 05"));
        assertEquals(new ControlPacket(4, 2, LcpTest.hex("02 04 00 4f")), pipe.a.last());
        // Nak of ours with a usable identifier: taken
        ControlPacket ours = pipe.a.sent(1).get(0);
        a.receive(new ControlPacket(3, ours.id(), LcpTest.hex("01 0a 00 00 00 00 00 00 00 77")));
        assertEquals(List.of(new Option(1, LcpTest.hex("00 00 00 00 00 00 00 77"))),
                LcpTest.opts(pipe.a.last()));
        assertNull(a.result());
    }
}
