package org.l2tp.ppp.lcp;

import org.l2tp.ppp.frame.ControlPacket;
import org.l2tp.ppp.fsm.ControlProtocol;
import org.l2tp.ppp.fsm.State;

/**
 * One control protocol of a link (LCP, IPCP, IPv6CP): its RFC 1661 automaton and what the last This-Layer-Up agreed,
 * with the operations the link coordinator uses, written once for all three.
 *
 * @param <R> what the protocol agreed
 */
public abstract class ProtocolHandle<R> {
    /** Set once by the subclass's constructor (its negotiator and layer are inner classes of it). */
    protected ControlProtocol cp;
    /** What was agreed at the last This-Layer-Up; null when not Opened. */
    protected R result;

    public void open() {
        cp.open();
    }

    public void lowerUp() {
        cp.up();
    }

    public void lowerDown() {
        cp.down();
    }

    public void close(String reason) {
        cp.close(reason);
    }

    public void receive(ControlPacket p) {
        cp.receive(p);
    }

    public State state() {
        return cp.state();
    }

    /** What was agreed at the last This-Layer-Up; null when not Opened. */
    public R result() {
        return result;
    }

    /** Received packets silently discarded (malformed, unmatched replies, "-" cells). */
    public long discarded() {
        return cp.discarded();
    }

    @Override
    public String toString() {
        return cp.toString();
    }
}
