package org.l2tp.control;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.l2tp.codec.ControlMessage;

/**
 * Reliable delivery of one tunnel's control messages (RFC 2661 section 5.8 and Appendix A): Ns/Nr, the peer's
 * Receive Window Size, retransmission with exponential back-off, slow start and congestion avoidance, delayed ZLB
 * acknowledgements, duplicate and out-of-window handling, and in-order delivery of messages received early.
 * Single-threaded (the event loop); time comes from the {@link Link}.
 */
final class ReliableTransport {

    /** What the transport needs from its tunnel. */
    interface Link {
        long now();

        /** Sends a control message (or ZLB) whose Ns and Nr are set; the tunnel fills in the ids. */
        void transmit(ControlMessage m);

        /** The earliest moment the transport needs {@link #onTimer} called changed. */
        void timerChanged();

        /** The peer stopped acknowledging: the oldest message was retransmitted {@code maxRetries} times. */
        void failed();
    }

    /** Transport settings, from the daemon and peer configuration. */
    record Settings(int receiveWindow, long initialTimeoutMs, long maxTimeoutMs, int maxRetries, long ackDelayMs) {
        static final Settings DEFAULT = new Settings(16, 1000, 8000, 5, 100);
    }

    private static final class Pending {
        final ControlMessage message;
        int ns;
        int retries;
        long deadline;

        Pending(ControlMessage message) {
            this.message = message;
        }
    }

    private final Link link;
    private Settings settings;
    private final ArrayDeque<Pending> unsent = new ArrayDeque<>();
    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    /** Messages received ahead of Nr, indexed by their distance from Nr. */
    private final ControlMessage[] early;
    private int ns;
    private int nr;
    private int peerWindow = 4;
    private int cwnd = 1;
    private int ssthresh;
    private int ackCount;
    private long ackDeadline = -1;
    /** Messages received since we last sent an acknowledgement. */
    private int unacked;

    private long retransmissions;
    private long duplicates;
    private long outOfWindow;

    ReliableTransport(Link link, Settings settings) {
        this.link = link;
        this.settings = settings;
        this.early = new ControlMessage[settings.receiveWindow()];
        this.ssthresh = peerWindow;
    }

    void update(Settings s) {
        this.settings = new Settings(early.length, s.initialTimeoutMs(), s.maxTimeoutMs(), s.maxRetries(),
                s.ackDelayMs());
    }

    /**
     * The peer's Receive Window Size (section 4.4.3; 4 when it sent none). Slow start's threshold starts there
     * (Appendix A).
     */
    void peerWindow(int window) {
        peerWindow = Math.max(1, window);
        ssthresh = peerWindow;
        pump();
    }

    /** Queues a message for reliable delivery; it is sent as soon as the windows allow. */
    void send(ControlMessage m) {
        unsent.add(new Pending(m));
        pump();
    }

    /**
     * Takes a received control message (or ZLB) and returns the messages now deliverable, in Ns order: none for a
     * ZLB, a duplicate or an early message; possibly several when it fills a gap.
     */
    List<ControlMessage> receive(ControlMessage m) {
        acknowledge(m.nr());
        if (m.isZlb()) {
            return List.of();
        }
        return accept(m.ns(), m);
    }

    /**
     * Consumes Ns {@code ns} without delivering it: a message the codec could not use but that the peer counts
     * (an unknown message type with the M bit clear is ignored, section 4.4.1, yet must be acknowledged). Returns
     * the early messages this makes deliverable.
     */
    List<ControlMessage> skip(int ns, int peerNr) {
        acknowledge(peerNr);
        return accept(ns, null);
    }

    private List<ControlMessage> accept(int msgNs, ControlMessage m) {
        int d = Seq.diff(msgNs, nr);
        if (d == 0) {
            List<ControlMessage> out = new ArrayList<>(2);
            if (m != null) {
                out.add(m);
            }
            advance();
            ControlMessage next;
            while ((next = early[0]) != null) {
                out.add(next);
                advance();
            }
            scheduleAck();
            return out;
        }
        if (d < 0) {
            // Section 5.8: a duplicate is acknowledged at once, so the peer stops retransmitting it.
            duplicates++;
            sendZlb();
            return List.of();
        }
        if (d < early.length && m != null) {
            if (early[d] == null) {
                early[d] = m;
            } else {
                duplicates++;
            }
            return List.of();
        }
        outOfWindow++;
        return List.of();
    }

    /** Nr moves on by one; early[] stays indexed from Nr. */
    private void advance() {
        nr = Seq.next(nr);
        shiftEarly();
    }

    private void shiftEarly() {
        System.arraycopy(early, 1, early, 0, early.length - 1);
        early[early.length - 1] = null;
    }

    /** Nr from the peer acknowledges everything we sent before it. */
    private void acknowledge(int peerNr) {
        boolean acked = false;
        Pending p;
        while ((p = inFlight.peek()) != null && Seq.before(p.ns, peerNr)) {
            inFlight.poll();
            acked = true;
            // Appendix A: slow start below the threshold, then one more per window's worth of acks.
            if (cwnd < ssthresh) {
                cwnd++;
            } else if (++ackCount >= cwnd) {
                ackCount = 0;
                cwnd = Math.min(cwnd + 1, peerWindow);
            }
        }
        if (acked) {
            pump();
            link.timerChanged();
        }
    }

    private void pump() {
        boolean sent = false;
        while (!unsent.isEmpty() && inFlight.size() < Math.min(cwnd, peerWindow)) {
            Pending p = unsent.poll();
            p.ns = ns;
            ns = Seq.next(ns);
            p.deadline = link.now() + settings.initialTimeoutMs();
            inFlight.add(p);
            transmit(p);
            sent = true;
        }
        if (sent) {
            link.timerChanged();
        }
    }

    private void transmit(Pending p) {
        // Every message carries the current Nr, so it acknowledges too (section 5.8): no ZLB is then needed.
        ackDeadline = -1;
        unacked = 0;
        link.transmit(p.message.withSequence(p.ns, nr));
    }

    /** A message was accepted: an acknowledgement is owed, settled by {@link #flushAck()}. */
    private void scheduleAck() {
        unacked++;
    }

    /**
     * Settles the acknowledgement owed for what was received, once the tunnel has reacted to it: a reply sent in the
     * meantime already carried it (section 5.8). Otherwise a ZLB goes after the ack delay; at once when our own
     * window is closed (nothing will carry it soon) or half the peer's window is unacknowledged (the peer is about
     * to stall), so neither side's window waits on a timer under load.
     */
    void flushAck() {
        if (unacked == 0) {
            return;
        }
        if (!unsent.isEmpty() || unacked >= Math.max(1, peerWindow / 2) || settings.ackDelayMs() == 0) {
            sendZlb();
            return;
        }
        if (ackDeadline < 0) {
            ackDeadline = link.now() + settings.ackDelayMs();
            link.timerChanged();
        }
    }

    private void sendZlb() {
        ackDeadline = -1;
        unacked = 0;
        link.transmit(ControlMessage.zlb(0, 0, ns, nr));
    }

    /** The next moment {@link #onTimer} has work, or -1. */
    long nextDeadline() {
        long d = ackDeadline;
        for (Pending p : inFlight) {
            if (d < 0 || p.deadline < d) {
                d = p.deadline;
            }
        }
        return d;
    }

    /** Retransmits what timed out and sends a delayed ZLB if nothing else carried the acknowledgement. */
    void onTimer() {
        long now = link.now();
        boolean timedOut = false;
        for (Pending p : inFlight) {
            if (p.deadline <= now) {
                if (p.retries >= settings.maxRetries()) {
                    link.failed();
                    return;
                }
                p.retries++;
                retransmissions++;
                // Exponential back-off, capped (section 5.8).
                long timeout = Math.min(settings.maxTimeoutMs(), settings.initialTimeoutMs() << Math.min(p.retries, 20));
                p.deadline = now + timeout;
                transmit(p);
                timedOut = true;
            }
        }
        if (timedOut) {
            // Appendix A: on a time-out the threshold halves and the window closes to one.
            ssthresh = Math.max(1, cwnd / 2);
            cwnd = 1;
            ackCount = 0;
        }
        if (ackDeadline >= 0 && ackDeadline <= now) {
            sendZlb();
        }
    }

    /** Whether everything sent has been acknowledged. */
    boolean idle() {
        return inFlight.isEmpty() && unsent.isEmpty();
    }

    /** Drops everything queued (the tunnel is going away). */
    void clear() {
        unsent.clear();
        inFlight.clear();
        ackDeadline = -1;
    }

    int ns() {
        return ns;
    }

    int nr() {
        return nr;
    }

    int peerWindow() {
        return peerWindow;
    }

    int congestionWindow() {
        return cwnd;
    }

    int ourWindow() {
        return early.length;
    }

    long retransmissions() {
        return retransmissions;
    }

    long duplicates() {
        return duplicates;
    }

    long outOfWindow() {
        return outOfWindow;
    }

    /** Zeroes the counters once the daemon has added them to its own (the tunnel is going away). */
    void resetCounters() {
        retransmissions = 0;
        duplicates = 0;
        outOfWindow = 0;
    }

    int queued() {
        return unsent.size() + inFlight.size();
    }
}
