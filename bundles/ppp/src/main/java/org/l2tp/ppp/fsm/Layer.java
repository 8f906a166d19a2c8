package org.l2tp.ppp.fsm;

/** RFC 1661 4.4's this-layer actions, told to the layer above/below. */
public interface Layer {
    /** tlu: This-Layer-Up. */
    void up();

    /** tld: This-Layer-Down. */
    void down();

    /** tls: This-Layer-Started (the lower layer is needed). */
    void started();

    /** tlf: This-Layer-Finished (the lower layer is no longer needed); {@code reason} for logs and accounting. */
    void finished(String reason);
}
