package org.l2tp.ppp.lcp;

import org.l2tp.ppp.fsm.Layer;

/**
 * A network control protocol (IPCP, IPv6CP): its This-Layer actions tell the link through an {@link NcpListener}.
 *
 * @param <R> what the protocol agreed
 */
public abstract class Ncp<R> extends ProtocolHandle<R> {
    private final NcpListener<R> listener;

    protected Ncp(NcpListener<R> listener) {
        this.listener = listener;
    }

    /** What the negotiation agreed, at This-Layer-Up. */
    protected abstract R agreed();

    /** The layer the automaton tells (RFC 1661 section 4.4). */
    protected final Layer layer() {
        return new Layer() {
            @Override
            public void up() {
                result = agreed();
                listener.up(result);
            }

            @Override
            public void down() {
                result = null;
                listener.down();
            }

            @Override
            public void started() {
                // An NCP's lower layer is LCP plus authentication: the link calls lowerUp() when they are done.
            }

            @Override
            public void finished(String reason) {
                listener.finished(reason);
            }
        };
    }
}
