package org.l2tp.ppp.lcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.l2tp.api.aaa.AuthMethod;
import org.l2tp.ppp.frame.ControlPacket;
import org.l2tp.ppp.frame.FrameException;
import org.l2tp.ppp.frame.Option;
import org.l2tp.ppp.frame.Options;
import org.l2tp.ppp.frame.Protocols;
import org.l2tp.ppp.fsm.Restart;
import org.l2tp.ppp.fsm.State;
import org.l2tp.ppp.testing.VirtualTimers;

class LcpTest {
    static final Restart R = Restart.DEFAULT;

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** A control packet written out as bytes, decoded strictly. */
    static ControlPacket packet(String s) {
        byte[] b = hex(s);
        try {
            return ControlPacket.decode(b, 0, b.length);
        } catch (FrameException e) {
            throw new AssertionError(e);
        }
    }

    static LcpConfig server(AuthMethod... require) {
        return new LcpConfig(1400, List.of(require), Set.of(), 0, 0, R);
    }

    static LcpConfig client(AuthMethod... allow) {
        return new LcpConfig(1500, List.of(), Set.of(allow), 0, 0, R);
    }

    final VirtualTimers timers = new VirtualTimers();
    final Pipe pipe = new Pipe();
    final Recorder<Object> ra = new Recorder<>();
    final Recorder<Object> rb = new Recorder<>();
    Lcp a;
    Lcp b;

    void link(LcpConfig ca, LcpConfig cb) {
        a = new Lcp(ca, pipe.a, timers, new SplittableRandom(1), ra);
        b = new Lcp(cb, pipe.b, timers, new SplittableRandom(2), rb);
        pipe.a.deliver = (p, c) -> b.receive(c);
        pipe.b.deliver = (p, c) -> a.receive(c);
        a.open();
        b.open();
        a.lowerUp();
        b.lowerUp();
        pipe.flush();
    }

    @Test
    void backToBackWithChap() {
        link(server(AuthMethod.CHAP_MD5), client(AuthMethod.CHAP_MD5, AuthMethod.PAP));
        assertEquals(State.OPENED, a.state());
        assertEquals(State.OPENED, b.state());
        LcpResult x = a.result();
        LcpResult y = b.result();
        assertEquals(AuthMethod.CHAP_MD5, x.peerAuth());
        assertNull(x.ownAuth());
        assertEquals(AuthMethod.CHAP_MD5, y.ownAuth());
        assertEquals(1400, x.localMru());
        assertEquals(1400, y.peerMru());
        assertEquals(1500, x.peerMru());
        assertEquals(x.localMagic(), y.peerMagic());
        assertEquals(y.localMagic(), x.peerMagic());
        assertNotEquals(0, x.localMagic());
        assertEquals(List.of("up"), ra.events);
        assertEquals(0, timers.pending(), "no Restart timer in Opened");
    }

    @Test
    void authMethodFallbackTakesThePeersProposalWhenItIsOurs() {
        link(server(AuthMethod.MSCHAP_V2, AuthMethod.CHAP_MD5, AuthMethod.PAP), client(AuthMethod.PAP));
        assertEquals(State.OPENED, a.state());
        assertEquals(AuthMethod.PAP, a.result().peerAuth());
        assertEquals(AuthMethod.PAP, b.result().ownAuth());
        // the client Nak'd MS-CHAPv2 once, proposing PAP
        ControlPacket nak = pipe.b.sent(3).get(0);
        assertArrayEquals(hex("03 04 c0 23"), nak.data());
    }

    @Test
    void authMethodFallbackGoesThroughOursThenGivesUp() {
        link(server(AuthMethod.MSCHAP_V2, AuthMethod.CHAP_MD5), client(AuthMethod.PAP));
        timers.advance(10_000);
        pipe.flush();
        assertEquals(List.of("finished"), ra.events);
        assertEquals("LCP: peer refuses to authenticate with any of mschap-v2, chap", ra.reason);
        // MS-CHAPv2 asked, Nak'd; CHAP-MD5 asked, Nak'd; then Terminate-Request
        List<ControlPacket> crs = pipe.a.sent(1);
        assertEquals(new Option(3, hex("c22381")), opts(crs.get(0)).get(1));
        assertEquals(new Option(3, hex("c22305")), opts(crs.get(1)).get(1));
        assertEquals(1, pipe.a.sent(5).size());
        assertEquals(State.CLOSED, a.state());
    }

    @Test
    void clientThatAllowsNoAuthenticationRejectsIt() {
        link(server(AuthMethod.CHAP_MD5), client());
        pipe.flush();
        assertEquals("LCP: peer refuses to authenticate with any of chap", ra.reason);
        assertEquals(4, pipe.b.sent(4).get(0).code());
        assertEquals(new Option(3, hex("c22305")), opts(pipe.b.sent(4).get(0)).get(0));
    }

    static List<Option> opts(ControlPacket p) {
        try {
            return Options.decode(p.data());
        } catch (FrameException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void loopedBackLinkIsDetected() {
        Recorder<Object> r = new Recorder<>();
        Pipe loop = new Pipe();
        Lcp l = new Lcp(server(), loop.a, timers, new SplittableRandom(3), r);
        loop.a.deliver = (p, c) -> l.receive(c);
        l.open();
        l.lowerUp();
        loop.flush();
        assertEquals(List.of("finished"), r.events);
        assertEquals("LCP: looped-back link", r.reason);
        assertEquals(State.CLOSED, l.state());
        // Max-Failure (5) Configure-Requests with our own number: 4 Naks with a new one, then the close
        assertEquals(4, loop.a.sent(3).size());
    }

    @Test
    void echoKeepAliveAndItsFailure() {
        LcpConfig ca = new LcpConfig(1400, List.of(), Set.of(), 10, 3, R);
        link(ca, client());
        for (int i = 0; i < 100; i++) {
            timers.advance(1000);
            pipe.flush();
        }
        assertEquals(State.OPENED, a.state(), "answered echoes keep the link");
        int requests = pipe.a.sent(Lcp.ECHO_REQUEST).size();
        assertTrue(requests >= 9, "echoes every 10 s: " + requests);
        // b's replies carry b's magic
        ControlPacket reply = pipe.b.sent(Lcp.ECHO_REPLY).get(0);
        assertEquals(b.result().localMagic(), bytesToInt(reply.data()));

        pipe.connected = false;
        int before = pipe.a.sent(Lcp.ECHO_REQUEST).size();
        timers.advance(30_000);
        assertEquals(State.OPENED, a.state());
        assertEquals(before + 3, pipe.a.sent(Lcp.ECHO_REQUEST).size());
        timers.advance(10_000);
        assertEquals(State.CLOSING, a.state());
        timers.advance(6_000);
        assertEquals(State.CLOSED, a.state());
        assertEquals(List.of("up", "down", "finished"), ra.events);
        assertEquals("peer not answering LCP Echo-Requests", ra.reason);
        assertEquals(2, pipe.a.sent(5).size(), "Max-Terminate Terminate-Requests");
    }

    static int bytesToInt(byte[] d) {
        return (d[0] & 0xff) << 24 | (d[1] & 0xff) << 16 | (d[2] & 0xff) << 8 | d[3] & 0xff;
    }

    @Test
    void restartTimerGivesUpAfterMaxConfigure() {
        Recorder<Object> r = new Recorder<>();
        Pipe nowhere = new Pipe();
        Lcp l = new Lcp(server(), nowhere.a, timers, new SplittableRandom(4), r);
        l.open();
        l.lowerUp();
        timers.advance(29_999);
        assertEquals(State.REQ_SENT, l.state());
        assertEquals(10, nowhere.a.sent(1).size());
        timers.advance(1);
        assertEquals(State.STOPPED, l.state());
        assertEquals("LCP: no answer to 10 Configure-Requests", r.reason);
        assertEquals(0, timers.pending());
    }

    @Test
    void nakAndRejectOfOurRequest() {
        Recorder<Object> r = new Recorder<>();
        Pipe p = new Pipe();
        Lcp l = new Lcp(server(AuthMethod.PAP), p.a, timers, new SplittableRandom(5), r);
        l.open();
        l.lowerUp();
        ControlPacket cr = p.a.last();
        List<Option> o = opts(cr);
        assertEquals(List.of(1, 3, 5), o.stream().map(Option::type).toList());
        // a Nak with another Identifier is not ours (5.3)
        l.receive(new ControlPacket(3, (cr.id() + 1) & 0xff, hex("01 04 05 dc")));
        assertEquals(1, p.a.sent(1).size());
        assertEquals(1, l.discarded());
        // a Reject of an option we did not send is not ours (5.4)
        l.receive(new ControlPacket(4, cr.id(), hex("05 06 00 00 00 01")));
        assertEquals(1, p.a.sent(1).size());
        // the MRU Nak'd to 1460: asked for next
        l.receive(new ControlPacket(3, cr.id(), hex("01 04 05 b4")));
        ControlPacket cr2 = p.a.last();
        assertNotEquals(cr.id(), cr2.id());
        assertEquals(Option.u16(1, 1460), opts(cr2).get(0));
        // a second reply to the same request is a duplicate
        l.receive(new ControlPacket(3, cr.id(), hex("01 04 05 b4")));
        assertEquals(2, p.a.sent(1).size());
        // Magic-Number rejected: not asked again
        l.receive(new ControlPacket(4, cr2.id(), Options.encode(List.of(opts(cr2).get(2)))));
        ControlPacket cr3 = p.a.last();
        assertEquals(List.of(1, 3), opts(cr3).stream().map(Option::type).toList());
        // an Ack whose options differ is discarded (5.2); the exact one is taken
        l.receive(new ControlPacket(2, cr3.id(), hex("01 04 05 b4")));
        assertEquals(State.REQ_SENT, l.state());
        l.receive(new ControlPacket(2, cr3.id(), cr3.data()));
        assertEquals(State.ACK_RCVD, l.state());
    }

    /**
     * pppd 2.4.9 as an LNS asking us (client) to authenticate: MRU 1400, ACCM 0, Auth CHAP-MD5, Magic. Then as a
     * LAC client: MRU 1400, ACCM 0, Magic, PFC, ACFC (pppd's defaults without nopcomp/noaccomp).
     */
    @Test
    void pppdLikeRequests() {
        Pipe p = new Pipe();
        Recorder<Object> r = new Recorder<>();
        Lcp l = new Lcp(client(AuthMethod.CHAP_MD5, AuthMethod.MSCHAP_V2), p.a, timers, new SplittableRandom(6), r);
        l.open();
        l.lowerUp();
        ControlPacket ours = p.a.last();
        ControlPacket chap = packet("01 01 00 19 01 04 05 78 02 06 00 00 00 00 03 05 c2 23 05 05 06 5a 1b 3c 4d");
        l.receive(chap);
        assertEquals(new ControlPacket(2, 1, chap.data()), p.a.last());
        assertEquals(State.ACK_SENT, l.state());
        l.receive(new ControlPacket(2, ours.id(), ours.data()));
        assertEquals(State.OPENED, l.state());
        assertEquals(new LcpResult(1400, 1500, null, AuthMethod.CHAP_MD5, l.result().localMagic(), 0x5a1b3c4d),
                l.result());

        // MS-CHAPv2 asked of a client allowing only CHAP-MD5: Nak proposing it (RFC 1661 6.2)
        Lcp m = new Lcp(client(AuthMethod.CHAP_MD5), p.b, timers, new SplittableRandom(7), new Recorder<>());
        m.open();
        m.lowerUp();
        m.receive(packet("01 02 00 19 01 04 05 78 02 06 00 00 00 00 03 05 c2 23 81 05 06 5a 1b 3c 4d"));
        assertEquals(new ControlPacket(3, 2, hex("03 05 c2 23 05")), p.b.last());
        assertEquals(State.REQ_SENT, m.state());

        // the LAC client's request to us as LNS: PFC and ACFC rejected, nothing else
        Pipe q = new Pipe();
        Lcp n = new Lcp(server(AuthMethod.CHAP_MD5), q.a, timers, new SplittableRandom(8), new Recorder<>());
        n.open();
        n.lowerUp();
        n.receive(packet("01 03 00 18 01 04 05 78 02 06 00 00 00 00 05 06 11 22 33 44 07 02 08 02"));
        assertEquals(new ControlPacket(4, 3, hex("07 02 08 02")), q.a.last());
        n.receive(packet("01 04 00 14 01 04 05 78 02 06 00 00 00 00 05 06 11 22 33 44"));
        assertEquals(2, q.a.last().code());
        assertEquals(State.ACK_SENT, n.state());
    }

    @Test
    void malformedAndUnknownGetTheRfcsAnswer() {
        Pipe p = new Pipe();
        Lcp l = new Lcp(server(), p.a, timers, new SplittableRandom(9), new Recorder<>());
        l.open();
        l.lowerUp();
        int sent = p.a.log.size();
        // option Length 0, 1, past the end: the packet is discarded, nothing sent (RFC 1661 5, 6)
        for (String bad : List.of("01 05 00 06 01 00", "01 05 00 06 01 01", "01 05 00 08 01 06 05 78")) {
            l.receive(packet(bad));
        }
        assertEquals(sent, p.a.log.size());
        assertEquals(3, l.discarded());
        // unknown code: Code-Reject carrying the packet
        ControlPacket odd = packet("42 07 00 06 ab cd");
        l.receive(odd);
        assertEquals(7, p.a.last().code());
        assertArrayEquals(odd.encode(), p.a.last().data());
        // unknown option and a known option with a wrong length: Configure-Reject with them, as sent
        l.receive(packet("01 08 00 0e 1e 03 99 01 04 05 78 01 03 05"));
        assertEquals(new ControlPacket(4, 8, hex("1e 03 99 01 03 05")), p.a.last());
        // Echo-Request too short for its Magic-Number, Protocol-Reject outside Opened: discarded
        l.receive(packet("09 01 00 06 00 00"));
        l.receive(packet("08 01 00 06 80 21"));
        assertEquals(new ControlPacket(4, 8, hex("1e 03 99 01 03 05")), p.a.last());
        assertEquals(State.REQ_SENT, l.state());
    }

    @Test
    void echoAndProtocolRejectInOpened() {
        link(server(), client());
        assertEquals(State.OPENED, a.state());
        int magicA = a.result().localMagic();
        a.receive(packet("09 21 00 0a 00 00 00 00 61 62"));
        ControlPacket reply = pipe.a.log.get(pipe.a.log.size() - 1).packet();
        assertEquals(Lcp.ECHO_REPLY, reply.code());
        assertEquals(0x21, reply.id());
        assertEquals(magicA, bytesToInt(reply.data()));
        assertEquals('b', reply.data()[5]);
        // Discard-Request: nothing
        int n = pipe.a.log.size();
        a.receive(packet("0b 22 00 08 00 00 00 00"));
        assertEquals(n, pipe.a.log.size());

        // Protocol-Reject of IPCP: told, link stays
        a.receive(packet("08 23 00 08 80 21 01 01"));
        assertEquals(List.of(Protocols.IPCP), ra.rejectedProtocols);
        assertEquals(State.OPENED, a.state());

        // we send one: truncated to the peer's MRU (b asked for 1500: room for all of 2000? no: 1500)
        assertTrue(a.sendProtocolReject(0x8057, new byte[2000]));
        ControlPacket pr = pipe.a.log.get(pipe.a.log.size() - 1).packet();
        assertEquals(8, pr.code());
        assertEquals(1500, pr.encode().length);
        assertEquals(0x80, pr.dataByte(0));
        assertEquals(0x57, pr.dataByte(1));
        b.receive(pr);
        assertEquals(List.of(0x8057), rb.rejectedProtocols);

        // Protocol-Reject of LCP itself is catastrophic (RXJ-): tld,irc,str/5
        a.receive(packet("08 24 00 06 c0 21"));
        assertEquals(State.STOPPING, a.state());
        assertEquals(List.of("up", "down"), ra.events);
        assertFalse(a.sendProtocolReject(0x8057, new byte[4]));
    }

    @Test
    void peerSmallMruTruncatesOurProtocolReject() {
        link(server(), new LcpConfig(100, List.of(), Set.of(), 0, 0, R));
        assertEquals(100, a.result().peerMru());
        a.sendProtocolReject(0x0021, new byte[500]);
        assertEquals(100, pipe.a.log.get(pipe.a.log.size() - 1).packet().encode().length);
    }

    @Test
    void terminateByThePeer() {
        link(server(), client());
        b.close("admin says so");
        pipe.flush();
        assertEquals(State.CLOSED, b.state());
        assertEquals(State.STOPPING, a.state());
        assertEquals("admin says so", rb.reason);
        timers.advance(3000);
        assertEquals(State.STOPPED, a.state());
        assertEquals("LCP: peer sent Terminate-Request (admin says so)", ra.reason);
    }
}
