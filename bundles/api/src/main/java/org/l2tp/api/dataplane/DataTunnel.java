package org.l2tp.api.dataplane;

import java.io.IOException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The data path of one tunnel. Closing it closes its sessions' data paths too.
 *
 * <p>Provider type: implemented by each data plane with its {@link DataPlane}; called by the control plane.
 */
@ProviderType
public interface DataTunnel extends AutoCloseable {

    /** Creates a session's data path once the call is established; {@code listener} hears it end on its own. */
    DataSession createSession(SessionParameters parameters, DataSessionListener listener) throws IOException;

    DataCounters counters();

    /** Sets the kernel's debug mask (PPPOL2TP_MSG_*) for the tunnel; ignored where there is no such thing. */
    default void setDebug(int mask) {
    }

    @Override
    void close();
}
