package org.l2tp.control;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.l2tp.codec.ControlMessage;
import org.l2tp.codec.MessageType;

/** Section 5.8 and Appendix A, with a hand-driven clock. */
class ReliableTransportTest {

    private static final class FakeLink implements ReliableTransport.Link {
        long now;
        final List<ControlMessage> sent = new ArrayList<>();
        boolean failed;

        @Override
        public long now() {
            return now;
        }

        @Override
        public void transmit(ControlMessage m) {
            sent.add(m);
        }

        @Override
        public void timerChanged() {
        }

        @Override
        public void failed() {
            failed = true;
        }

        List<ControlMessage> nonZlb() {
            return sent.stream().filter(m -> !m.isZlb()).toList();
        }
    }

    private static ControlMessage hello(int ns, int nr) {
        return ControlMessage.of(MessageType.HELLO).withSequence(ns, nr);
    }

    @Test
    void slowStartOpensTheWindowOnePerAckUpToThePeersWindow() {
        FakeLink link = new FakeLink();
        ReliableTransport t = new ReliableTransport(link, new ReliableTransport.Settings(8, 1000, 8000, 5, 100));
        t.peerWindow(4);
        for (int i = 0; i < 10; i++) {
            t.send(ControlMessage.of(MessageType.HELLO));
        }
        assertEquals(1, link.nonZlb().size(), "slow start begins with one message in flight");
        t.receive(ControlMessage.zlb(0, 0, 0, 1));
        assertEquals(3, link.nonZlb().size(), "one ack: window 2");
        t.receive(ControlMessage.zlb(0, 0, 0, 3));
        assertEquals(4, t.congestionWindow());
        assertEquals(7, link.nonZlb().size(), "capped by the peer's window of 4");
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), link.nonZlb().stream().map(ControlMessage::ns).toList());
    }

    @Test
    void retransmissionBacksOffExponentiallyThenGivesUp() {
        FakeLink link = new FakeLink();
        ReliableTransport t = new ReliableTransport(link, new ReliableTransport.Settings(8, 1000, 4000, 4, 100));
        t.send(ControlMessage.of(MessageType.HELLO));
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            link.now = t.nextDeadline();
            times.add(link.now);
            t.onTimer();
        }
        assertEquals(List.of(1000L, 3000L, 7000L, 11000L), times, "1 s, then 2, 4, capped at 4");
        assertEquals(5, link.nonZlb().size());
        assertEquals(1, t.congestionWindow(), "a time-out closes the window to one (Appendix A)");
        link.now = t.nextDeadline();
        t.onTimer();
        assertTrue(link.failed, "the peer is declared dead after the last retry");
    }

    @Test
    void retransmissionsCarryTheCurrentNr() {
        FakeLink link = new FakeLink();
        ReliableTransport t = new ReliableTransport(link, ReliableTransport.Settings.DEFAULT);
        t.send(ControlMessage.of(MessageType.HELLO));
        t.receive(hello(0, 0));
        t.receive(hello(1, 0));
        link.now = t.nextDeadline();
        t.onTimer();
        ControlMessage again = link.nonZlb().get(link.nonZlb().size() - 1);
        assertEquals(0, again.ns());
        assertEquals(2, again.nr());
    }

    @Test
    void duplicatesAreAcknowledgedAtOnceAndEarlyMessagesWaitForTheGap() {
        FakeLink link = new FakeLink();
        ReliableTransport t = new ReliableTransport(link, ReliableTransport.Settings.DEFAULT);
        assertEquals(1, t.receive(hello(0, 0)).size());
        assertEquals(0, t.receive(hello(2, 0)).size(), "ahead of Nr: buffered");
        assertEquals(0, t.receive(hello(3, 0)).size());
        List<ControlMessage> d = t.receive(hello(1, 0));
        assertEquals(List.of(1, 2, 3), d.stream().map(ControlMessage::ns).toList(), "the gap filled: in order");
        assertEquals(4, t.nr());
        int before = link.sent.size();
        assertEquals(0, t.receive(hello(2, 0)).size());
        assertEquals(before + 1, link.sent.size());
        assertTrue(link.sent.get(before).isZlb(), "a duplicate is acknowledged at once");
        assertEquals(4, link.sent.get(before).nr());
        assertEquals(1, t.duplicates());
        assertEquals(0, t.receive(hello(4 + 500, 0)).size());
        assertEquals(1, t.outOfWindow());
    }

    @Test
    void sequenceNumbersWrapAt65536() {
        FakeLink link = new FakeLink();
        ReliableTransport t = new ReliableTransport(link, ReliableTransport.Settings.DEFAULT);
        for (int i = 0; i < 65_540; i++) {
            assertEquals(1, t.receive(hello(i & 0xFFFF, 0)).size(), "message " + i);
        }
        assertEquals(65_540 & 0xFFFF, t.nr());
        assertEquals(0, t.receive(hello(65_535, 0)).size(), "an old one across the wrap is a duplicate");
    }

    @Test
    void aDelayedZlbGoesOutWhenNothingElseCarriesTheAck() {
        FakeLink link = new FakeLink();
        ReliableTransport t = new ReliableTransport(link, new ReliableTransport.Settings(16, 1000, 8000, 5, 100));
        t.peerWindow(16);
        t.receive(hello(0, 0));
        t.flushAck();
        assertTrue(link.sent.isEmpty(), "the ack waits for something to ride on");
        assertEquals(100, t.nextDeadline());
        link.now = 100;
        t.onTimer();
        assertEquals(1, link.sent.size());
        assertTrue(link.sent.get(0).isZlb());
        assertEquals(1, link.sent.get(0).nr());
        // A reply sent before the delay runs out carries the acknowledgement: no ZLB.
        t.receive(hello(1, 0));
        t.send(ControlMessage.of(MessageType.HELLO));
        t.flushAck();
        link.now = 1000;
        t.onTimer();
        assertEquals(1, link.sent.stream().filter(ControlMessage::isZlb).count());
    }
}
