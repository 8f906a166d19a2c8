package org.l2tp.api;

import java.util.Map;

/**
 * Control-plane counters of a tunnel or of the whole daemon.
 *
 * @param received        control messages received, by RFC abbreviation (ZLB included)
 * @param sent            control messages sent for the first time, by RFC abbreviation (ZLB included)
 * @param retransmissions messages sent again after a time-out
 * @param duplicates      received messages already seen (acknowledged again, then dropped)
 * @param outOfWindow     received messages outside the receive window (dropped)
 * @param malformed       datagrams that did not decode
 * @param sendWindow      the peer's Receive Window Size
 * @param congestionWindow the current congestion window (RFC 2661 Appendix A)
 * @param queued          messages sent but not yet acknowledged, or waiting for the window to open
 */
public record ControlCounters(Map<String, Long> received, Map<String, Long> sent, long retransmissions,
                              long duplicates, long outOfWindow, long malformed, int sendWindow,
                              int congestionWindow, int queued) {
    public ControlCounters {
        received = Map.copyOf(received);
        sent = Map.copyOf(sent);
    }
}
