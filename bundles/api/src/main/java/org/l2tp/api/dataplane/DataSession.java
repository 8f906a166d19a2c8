package org.l2tp.api.dataplane;

/** The data path of one session. */
public interface DataSession extends AutoCloseable {

    /** The session's network interface (ppp0, ...), or null when there is none (yet). */
    String interfaceName();

    /** The ACCM a Set-Link-Info carried (RFC 2661 section 6.14). */
    void setAccm(long sendAccm, long receiveAccm);

    DataCounters counters();

    /** Sets the kernel's debug mask (PPPOL2TP_MSG_*) for the session; ignored where there is no such thing. */
    default void setDebug(int mask) {
    }

    @Override
    void close();
}
