package org.l2tp.api.dataplane;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The data path of one session.
 *
 * <p>Provider type: implemented by each data plane with its {@link DataPlane}; called by the control plane.
 */
@ProviderType
public interface DataSession extends AutoCloseable {

    /** The session's network interface (ppp0, ...), or null when there is none (yet). */
    String interfaceName();

    /** The ACCM a Set-Link-Info carried (RFC 2661 section 6.14). */
    void setAccm(long sendAccm, long receiveAccm);

    DataCounters counters();

    /** The session's PPP as an operator sees it, or null without PPP (a data plane that carries none). */
    default org.l2tp.api.ppp.PppInfo ppp() {
        return null;
    }

    /** Sets the kernel's debug mask (PPPOL2TP_MSG_*) for the session; ignored where there is no such thing. */
    default void setDebug(int mask) {
    }

    @Override
    void close();
}
