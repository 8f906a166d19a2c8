package org.l2tp.api.dataplane;

import java.io.IOException;

/** The data path of one tunnel. Closing it closes its sessions' data paths too. */
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
