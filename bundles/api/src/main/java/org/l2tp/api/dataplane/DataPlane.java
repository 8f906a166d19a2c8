package org.l2tp.api.dataplane;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What carries PPP frames for the control plane's sessions: the Linux kernel's PPPoL2TP driver, or nothing at all
 * (the null data plane, for labs and tests). Registered as a service with {@link #NAME_PROPERTY}; the daemon picks
 * one by its configured name.
 *
 * <p>The tunnel's UDP socket is created here because the kernel data plane must hand that very socket to the
 * kernel; the control plane reads and writes its control messages on it through its own event loop.
 *
 * <p>Provider type: implemented by the data-plane bundles (org.l2tp.kernel, and the control bundle's null plane) and
 * called by the control plane only, so a method added here is a minor change that every data plane must follow.
 */
@ProviderType
public interface DataPlane {
    /** The service property holding {@link #name()}. */
    String NAME_PROPERTY = "l2tp.dataplane";

    /** "kernel", "null", ... */
    String name();

    /** Null when this data plane can carry sessions on this host; otherwise one line saying why and how to fix it. */
    String unavailableReason();

    /**
     * Opens the tunnel's UDP socket: SO_REUSEPORT, bound to {@code local} (the daemon's shared address and port),
     * connected to {@code peer}, non-blocking. A data plane that hands the socket to a kernel extends this.
     * SO_REUSEPORT, not SO_REUSEADDR: Linux lets only sockets of the same user share the port that way, and never
     * balances a new peer's datagrams onto a connected socket, so they all reach the daemon's listening socket.
     */
    default DatagramChannel openTunnelSocket(InetSocketAddress local, InetSocketAddress peer) throws IOException {
        DatagramChannel ch = DatagramChannel.open(peer.getAddress() instanceof Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            // Bursts of a full window on many tunnels land on one socket (tunnels from one peer share the 4-tuple).
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 2 << 20);
            ch.configureBlocking(false);
            ch.bind(local);
            ch.connect(peer);
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * Closes a tunnel's socket that {@link #openTunnelSocket} opened, whether or not the tunnel was ever
     * established (a set-up that failed or expired); a data plane that keeps something per socket forgets it here.
     */
    default void closeTunnelSocket(DatagramChannel socket) throws IOException {
        socket.close();
    }

    /** Creates the data path of an established tunnel on its socket. */
    DataTunnel createTunnel(DatagramChannel socket, int localTunnelId, int peerTunnelId) throws IOException;
}
