package org.l2tp.control.osgi;

/**
 * Where {@link PeerComponent}s hand themselves over: the daemon. A peer's configuration holds its secret, so the
 * peer registers no service (DS would publish the configuration as its properties) and binds this one instead.
 * Package-private: only this bundle can provide or use it.
 */
interface PeerTable {
    /** The peer is new, or its configuration changed. */
    void putPeer(PeerComponent peer);

    /** The peer's configuration is gone. */
    void removePeer(PeerComponent peer);
}
