package org.l2tp.control;

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
    /** Opens tunnel sockets while no data plane is configured or installed yet. */
    static final DataPlane SOCKETS = new NullDataPlane();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String unavailableReason() {
        return null;
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
