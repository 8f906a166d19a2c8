package org.l2tp.control;

import java.io.IOException;
import java.net.InetSocketAddress;

import org.l2tp.codec.ControlMessage;

/**
 * What the tunnel and session automata need from the daemon, and nothing more: the configuration, the clock and
 * timers, the registries, the network, the data plane and the events they report. The daemon implements it over
 * sockets and its event loop ({@link Daemon}); a test implements it with a virtual clock and a list of what was
 * sent, and drives one automaton row by row.
 */
interface ControlContext {
    DaemonConfig config();

    Scheduler scheduler();

    TunnelRegistry tunnels();

    PeerRegistry peers();

    Protection protection();

    /** Our end of every tunnel: the listening address and port. */
    InetSocketAddress localAddress();

    /** False while the configuration is still arriving: SCCRQs wait. */
    boolean configured();

    /** Opens and registers the tunnel's own UDP socket, connected to its peer. */
    void openSocket(Tunnel t) throws IOException;

    /** The peer answers from another port (some LNSs do): the tunnel's socket follows it. */
    void repoint(Tunnel t, InetSocketAddress to);

    void closeSocket(Tunnel t);

    /** Encodes and sends one of the tunnel's messages now (its transport decides when). */
    void transmit(Tunnel t, ControlMessage m);

    /** Sends a message that belongs to no tunnel (refusals). */
    void sendStateless(InetSocketAddress to, ControlMessage m);

    /** Why calls cannot be carried now, or null. */
    String dataPlaneProblem();

    /** Gives an established tunnel its data path, if the data plane can carry calls now. */
    void attachData(Tunnel t);

    /** Runs {@code task} on the automata's thread; from any thread (data-plane callbacks). */
    void execute(Runnable task);

    /** What the automata report: to the API's listeners and to the LAC dialer. */
    Events events();

    interface Events {
        void tunnelUp(Tunnel t);

        /** {@code wasUp}: it had been ESTABLISHED (else its set-up failed). */
        void tunnelDown(Tunnel t, int result, String message, String how, boolean wasUp);

        /** Our SCCRQ lost the tie: {@code winner}, brought up by the peer's, is the tunnel {@code lost} was to be. */
        void tunnelReplaced(Tunnel lost, Tunnel winner);

        void sessionUp(Session s);

        void sessionDown(Session s, int result, String message, String how, boolean wasUp,
                         org.l2tp.api.SessionEnd end);

        /** A call could not be placed (no data plane yet). */
        void sessionRefused(Tunnel t);
    }
}
