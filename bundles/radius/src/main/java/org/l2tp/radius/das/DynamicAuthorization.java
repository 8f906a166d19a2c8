package org.l2tp.radius.das;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.l2tp.api.aaa.RadiusStatus;
import org.l2tp.radius.AccountingPlug;
import org.l2tp.radius.DasClient;
import org.l2tp.radius.DasPlug;
import org.l2tp.radius.NasSettings;
import org.l2tp.radius.RadiusParts;
import org.l2tp.radius.acct.Accounting;

/**
 * The Dynamic Authorization Server (RFC 5176) on its UDP socket ({@code das.address}:{@code das.port} of
 * {@code org.l2tp.radius.nas}; off while das.address is empty), for the clients of factory
 * {@code org.l2tp.radius.das}. One thread receives and decides ({@link DasHandler}); answers to Disconnect-Requests
 * go out when the daemon has sent the CDNs. Reconfigured live: a new address rebinds, new clients apply at once.
 */
public final class DynamicAuthorization implements DasPlug {
    private static final Logger LOG = Logger.getLogger("org.l2tp.radius");

    private final DasHandler handler;
    /** Guarded by this. */
    private Listener listener;

    public DynamicAuthorization(SessionDirectory directory) {
        this(directory, Clock.systemUTC());
    }

    DynamicAuthorization(SessionDirectory directory, Clock clock) {
        handler = new DasHandler(directory, clock, new DasHandler.Config(Map.of(), "", null));
    }

    /** As the RADIUS component plugs it in: sessions from accounting (when there is) and the daemon. */
    public static DynamicAuthorization of(RadiusParts parts, AccountingPlug accounting) {
        return new DynamicAuthorization(new L2tpSessionDirectory(accounting instanceof Accounting a ? a : null,
                parts.l2tp()));
    }

    @Override
    public void configure(NasSettings nas, List<DasClient> clients) {
        configure(config(nas, clients), nas.dasAddress() == null ? null
                : new InetSocketAddress(nas.dasAddress(), nas.dasPort()));
    }

    /** The clients and NAS identity, and where to listen (null: nowhere; port 0: any, for tests). */
    synchronized void configure(DasHandler.Config config, InetSocketAddress listen) {
        handler.configure(config);
        if (listener != null && Objects.equals(listener.requested, listen)) {
            return;
        }
        if (listener != null) {
            listener.close();
            listener = null;
        }
        if (listen != null) {
            try {
                listener = new Listener(listen);
                LOG.info(() -> "RADIUS dynamic authorization (RFC 5176) listening on " + text(listener.bound)
                        + " for " + config.secrets().size() + " client(s)");
            } catch (IOException e) {
                LOG.warning("RADIUS dynamic authorization cannot listen on " + text(listen) + ": " + e.getMessage());
            }
        }
    }

    static DasHandler.Config config(NasSettings nas, List<DasClient> clients) {
        Map<InetAddress, byte[]> secrets = new LinkedHashMap<>();
        for (DasClient c : clients) {
            if (secrets.put(c.address(), c.secret().getBytes(StandardCharsets.UTF_8)) != null) {
                LOG.warning(() -> "DAS client " + c.name() + ": another client has the address "
                        + c.address().getHostAddress() + "; " + c.name() + "'s secret applies");
            }
        }
        return new DasHandler.Config(secrets, nas.identifier(), nas.address());
    }

    /** Where it listens now, or null. */
    public synchronized InetSocketAddress listening() {
        return listener == null ? null : listener.bound;
    }

    @Override
    public RadiusStatus.DasCounters counters() {
        InetSocketAddress at = listening();
        return new RadiusStatus.DasCounters(at == null ? null : text(at), handler.requests(), handler.acks(),
                handler.naks(), handler.dropped());
    }

    @Override
    public synchronized void close() {
        if (listener != null) {
            listener.close();
            listener = null;
        }
    }

    private static String text(InetSocketAddress a) {
        String h = a.getAddress().getHostAddress();
        return (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":" + a.getPort();
    }

    /** One bound socket and the thread reading it. */
    private final class Listener {
        final InetSocketAddress requested;
        final InetSocketAddress bound;
        final DatagramChannel channel;
        final Thread thread;

        Listener(InetSocketAddress requested) throws IOException {
            this.requested = requested;
            channel = DatagramChannel.open();
            try {
                channel.bind(requested);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            bound = (InetSocketAddress) channel.getLocalAddress();
            thread = new Thread(this::receive, "radius-das " + text(bound));
            thread.setDaemon(true);
            thread.start();
        }

        private void receive() {
            ByteBuffer buf = ByteBuffer.allocate(DasHandler.MAX_PACKET);
            while (channel.isOpen()) {
                buf.clear();
                SocketAddress from;
                try {
                    from = channel.receive(buf);
                } catch (ClosedChannelException e) {
                    return; // closed: reconfigured or stopped
                } catch (IOException e) {
                    LOG.log(Level.FINE, "DAS: receive failed", e);
                    continue;
                }
                if (!(from instanceof InetSocketAddress client)) {
                    continue;
                }
                CompletionStage<byte[]> answer;
                try {
                    answer = handler.handle(buf.array(), buf.position(), client);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "DAS: a request from " + client + " failed", e);
                    continue;
                }
                if (answer != null) {
                    // A Disconnect completes on the L2TP loop (its CDN): the answer leaves from another thread.
                    answer.thenAcceptAsync(bytes -> send(bytes, client));
                }
            }
        }

        private void send(byte[] bytes, InetSocketAddress to) {
            if (bytes == null) {
                return;
            }
            try {
                channel.send(ByteBuffer.wrap(bytes), to);
            } catch (IOException e) {
                LOG.fine(() -> "DAS: could not answer " + to + ": " + e.getMessage());
            }
        }

        void close() {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "DAS: close", e);
            }
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
