package org.l2tp.control;

import java.util.LinkedHashMap;
import java.util.Map;

import org.l2tp.api.ControlCounters;
import org.l2tp.codec.ControlMessage;
import org.l2tp.codec.MessageType;

/** Control-message counters of a tunnel or of the daemon (written on the loop, read anywhere). */
final class Counters {
    private final long[] received = new long[MessageType.values().length + 1];
    private final long[] sent = new long[MessageType.values().length + 1];
    volatile long malformed;

    private static int slot(ControlMessage m) {
        return m.isZlb() ? MessageType.values().length : m.type().ordinal();
    }

    void received(ControlMessage m) {
        received[slot(m)]++;
    }

    void sent(ControlMessage m) {
        sent[slot(m)]++;
    }

    ControlCounters snapshot(long retransmissions, long duplicates, long outOfWindow, int sendWindow, int cwnd,
                             int queued) {
        return new ControlCounters(map(received), map(sent), retransmissions, duplicates, outOfWindow, malformed,
                sendWindow, cwnd, queued);
    }

    private static Map<String, Long> map(long[] counts) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (MessageType t : MessageType.values()) {
            if (counts[t.ordinal()] != 0) {
                m.put(t.abbreviation(), counts[t.ordinal()]);
            }
        }
        if (counts[counts.length - 1] != 0) {
            m.put("ZLB", counts[counts.length - 1]);
        }
        return m;
    }

}
