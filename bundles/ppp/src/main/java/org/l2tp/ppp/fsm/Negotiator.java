package org.l2tp.ppp.fsm;

import java.util.List;

import org.l2tp.ppp.frame.ControlPacket;
import org.l2tp.ppp.frame.Option;

/**
 * What one control protocol (LCP, IPCP, IPv6CP) negotiates, for the protocol-independent automaton of
 * {@link ControlProtocol}: what to request, how to judge the peer's request, what to do with Ack/Nak/Reject, and
 * the protocol's codes beyond 1-7.
 */
public interface Negotiator {
    /** How a code beyond Code-Reject (7) maps onto the section 4.3 events. */
    enum Extra {
        /** Not a code of this protocol: RUC, answered by a Code-Reject. */
        UNKNOWN,
        /** Echo-Request, Echo-Reply, Discard-Request (RFC 1661 sections 5.8, 5.9). */
        RXR,
        /** A permitted Protocol-Reject (RFC 1661 section 5.7). */
        RXJ_PLUS,
        /** A catastrophic Protocol-Reject. */
        RXJ_MINUS,
        /** Known but malformed, or not valid in this state: silently discarded. */
        DISCARD
    }

    /** A new negotiation starts (from Starting, Closed or Stopped): go back to the configured wishes. */
    void reset();

    /** The options of our next Configure-Request. */
    List<Option> request();

    /** Judges the peer's Configure-Request; an ACK also records its values as the peer's current ones. */
    Verdict judge(List<Option> peer);

    /** The peer acknowledged {@code ours}, our last Configure-Request (RFC 1661 section 5.2). */
    void acked(List<Option> ours);

    /** The peer Nak'd with {@code suggested} (RFC 1661 section 5.3); null, or why negotiation cannot converge. */
    String naked(List<Option> suggested);

    /** The peer rejected {@code rejected} of our request (RFC 1661 section 5.4); null, or why we cannot go on. */
    String rejected(List<Option> rejected);

    /** Classifies a code above 7; default: none (IPCP and IPv6CP have none, RFC 1332 section 2, RFC 5072 2). */
    default Extra classify(ControlPacket p) {
        return Extra.UNKNOWN;
    }

    /** ser, for a packet {@link #classify} called {@link Extra#RXR}, in Opened. */
    default void ser(ControlPacket p) {
    }

    /**
     * Whether a Code-Reject of {@code code} is catastrophic (RXJ-): the codes every implementation must know,
     * 1-7 (RFC 1661 section 5.6). Others the protocol can go without.
     */
    default boolean catastrophic(int code) {
        return code >= 1 && code <= 7;
    }

    /** This-Layer-Up: the values acked both ways are now the link's. */
    default void up() {
    }

    /** This-Layer-Down. */
    default void down() {
    }
}
