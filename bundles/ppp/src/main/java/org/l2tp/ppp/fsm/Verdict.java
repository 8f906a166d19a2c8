package org.l2tp.ppp.fsm;

import java.util.List;

import org.l2tp.ppp.frame.Option;

/**
 * The judgement of a peer's Configure-Request (RFC 1661 sections 5.2-5.4): Ack all, Nak some with the values we
 * want, Reject some (the peer's options, unchanged and in its order), or give up on the link ({@code FAIL}, e.g.
 * a looped-back link, RFC 1661 section 6.4).
 */
public record Verdict(Kind kind, List<Option> options, String failure) {
    public enum Kind { ACK, NAK, REJECT, FAIL }

    private static final Verdict ACK = new Verdict(Kind.ACK, List.of(), null);

    public Verdict {
        options = List.copyOf(options);
    }

    public static Verdict ack() {
        return ACK;
    }

    public static Verdict nak(List<Option> wanted) {
        return new Verdict(Kind.NAK, wanted, null);
    }

    public static Verdict reject(List<Option> theirs) {
        return new Verdict(Kind.REJECT, theirs, null);
    }

    public static Verdict fail(String reason) {
        return new Verdict(Kind.FAIL, List.of(), reason);
    }

    /**
     * Collects per-option answers into a verdict: any reject wins over any nak (RFC 1661 section 5.4: the
     * Configure-Reject is sent first and the Nak'd options wait for the next request), any nak over the acks.
     */
    public static final class Builder {
        private final java.util.ArrayList<Option> naks = new java.util.ArrayList<>();
        private final java.util.ArrayList<Option> rejects = new java.util.ArrayList<>();

        public Builder nak(Option wanted) {
            naks.add(wanted);
            return this;
        }

        public Builder reject(Option theirs) {
            rejects.add(theirs);
            return this;
        }

        public Verdict build() {
            if (!rejects.isEmpty()) {
                return Verdict.reject(rejects);
            }
            return naks.isEmpty() ? ack() : Verdict.nak(naks);
        }
    }
}
