package org.l2tp.control;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

import org.l2tp.api.dataplane.DataCounters;
import org.l2tp.api.dataplane.DataPlane;
import org.l2tp.api.dataplane.DataSession;
import org.l2tp.api.dataplane.DataSessionListener;
import org.l2tp.api.dataplane.DataTunnel;
import org.l2tp.api.dataplane.SessionParameters;

/**
 * The data plane that carries nothing: the control plane alone, for labs, tests and load generation. Sessions come
 * up at the L2TP level; no PPP frame flows.
 */
public class NullDataPlane implements DataPlane {
    public static final String NAME = "null";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String unavailableReason() {
        return null;
    }

    @Override
    public DatagramChannel openTunnelSocket(InetSocketAddress local, InetSocketAddress peer) throws IOException {
        return openSocket(local, peer);
    }

    /** A plain non-blocking UDP socket: SO_REUSEADDR, bound to the shared local address, connected to the peer. */
    static DatagramChannel openSocket(InetSocketAddress local, InetSocketAddress peer) throws IOException {
        DatagramChannel ch = DatagramChannel.open(peer.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
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

    @Override
    public DataTunnel createTunnel(DatagramChannel socket, int localTunnelId, int peerTunnelId) {
        return new DataTunnel() {
            @Override
            public DataSession createSession(SessionParameters parameters, DataSessionListener listener) {
                return new DataSession() {
                    @Override
                    public String interfaceName() {
                        return null;
                    }

                    @Override
                    public void setAccm(long sendAccm, long receiveAccm) {
                    }

                    @Override
                    public DataCounters counters() {
                        return DataCounters.ZERO;
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public DataCounters counters() {
                return DataCounters.ZERO;
            }

            @Override
            public void close() {
            }
        };
    }
}
