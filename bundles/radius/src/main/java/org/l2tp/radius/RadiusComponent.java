package org.l2tp.radius;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.l2tp.api.L2tpListener;
import org.l2tp.api.L2tpService;
import org.l2tp.api.SessionInfo;
import org.l2tp.api.TunnelInfo;
import org.l2tp.api.aaa.AaaSession;
import org.l2tp.api.aaa.AuthRequest;
import org.l2tp.api.aaa.AuthResult;
import org.l2tp.api.aaa.Authenticator;
import org.l2tp.api.aaa.RadiusServerInfo;
import org.l2tp.api.aaa.RadiusStatus;
import org.l2tp.api.ppp.PppEnd;
import org.l2tp.radius.auth.RadiusAuthenticator;
import org.l2tp.radius.client.RadiusServer;
import org.l2tp.radius.client.UdpTransport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * RADIUS as a DS component: the NAS settings (PID {@code org.l2tp.radius.nas}, optional: defaults work), the servers
 * (factory PID {@code org.l2tp.radius}, pushed in by {@link RadiusServerConfig}) and the DAS clients (factory PID
 * {@code org.l2tp.radius.das}, {@link DasClientConfig}). Registers the {@link Authenticator} named {@code radius}
 * (a PPP profile with {@code aaa = radius} uses it), {@link RadiusStatus} ({@code l2tp:radius}) and an
 * {@link L2tpListener} (the accounting part learns how sessions ended). Every change applies live; requests in
 * flight finish. The server and client configurations, which hold secrets, never become service properties.
 *
 * <p>The accounting part and the DAS plug in at {@link #newAccounting} and {@link #newDas}.
 */
@Component(configurationPid = NasSettings.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
        service = {Authenticator.class, RadiusStatus.class, L2tpListener.class, RadiusComponent.class},
        property = Authenticator.NAME_PROPERTY + "=radius")
@Designate(ocd = RadiusComponent.NasOcd.class)
public class RadiusComponent implements Authenticator, RadiusStatus, L2tpListener {
    private static final Logger LOG = Logger.getLogger("org.l2tp.radius");

    @ObjectClassDefinition(name = "L2TP RADIUS NAS", description = "How this daemon presents itself to RADIUS "
            + "servers (factory org.l2tp.radius) and where it hears dynamic authorization (RFC 5176).")
    @interface NasOcd {
        @AttributeDefinition(name = "NAS-Identifier", required = false,
                description = "Sent in every request; empty: the host name.")
        String nas_identifier();

        @AttributeDefinition(name = "NAS address", required = false, description = "NAS-IP-Address or "
                + "NAS-IPv6-Address, and the source address of requests. Empty: the session's local tunnel "
                + "endpoint, and the system's choice of source.")
        String nas_address();

        @AttributeDefinition(name = "Requests in flight", min = "1", max = "65536",
                description = "Requests waiting for an answer at once; more are refused at once.")
        int max_in_flight() default 256;

        @AttributeDefinition(name = "Interim interval (s)", min = "0", max = "86400", description = "Accounting "
                + "Interim-Update interval when the Access-Accept has no Acct-Interim-Interval; 0: none.")
        int interim_interval_s() default 0;

        @AttributeDefinition(name = "Shortest interim interval (s)", min = "1", max = "86400",
                description = "An Acct-Interim-Interval below this is raised to it (RFC 2869 5.16: 60).")
        int interim_minimum_s() default 60;

        @AttributeDefinition(name = "Accounting queue", min = "0", max = "10000000",
                description = "Accounting requests kept while no accounting server answers.")
        int acct_queue() default 10_000;

        @AttributeDefinition(name = "DAS address", required = false, description = "Where Disconnect and CoA "
                + "requests (RFC 5176) are heard; empty: nowhere (off). Only clients of factory "
                + "org.l2tp.radius.das are answered.")
        String das_address();

        @AttributeDefinition(name = "DAS port", min = "1", max = "65535")
        int das_port() default 3799;
    }

    private final AcceptedSessions accepted = new AcceptedSessions();
    /** By configuration PID: what the server and client components pushed in. Guarded by this. */
    private final Map<String, RadiusServer> servers = new TreeMap<>();
    private final Map<String, DasClient> dasClients = new TreeMap<>();
    private volatile NasSettings nas = NasSettings.defaults();
    private volatile UdpTransport transport;
    private volatile RadiusAuthenticator authenticator;
    private volatile AccountingPlug accounting;
    private volatile DasPlug das;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile L2tpService l2tp;

    // ------------------------------------------------------------------------------------------------ life cycle

    @Activate
    synchronized void activate(Map<String, Object> props) {
        nas = settings(props, NasSettings.defaults());
        try {
            transport = new UdpTransport();
        } catch (IOException e) {
            throw new UncheckedIOException("RADIUS client: no selector", e);
        }
        transport.setMaxInFlight(nas.maxInFlight());
        transport.configure(List.copyOf(servers.values()), nas.address());
        authenticator = new RadiusAuthenticator(transport, () -> nas, accepted);
        RadiusParts parts = new RadiusParts(transport, accepted, () -> nas, () -> l2tp);
        accounting = newAccounting(parts);
        das = newDas(parts, accounting);
        if (das != null) {
            das.configure(nas, List.copyOf(dasClients.values()));
        }
    }

    @Modified
    synchronized void modified(Map<String, Object> props) {
        NasSettings n = settings(props, nas);
        boolean source = !java.util.Objects.equals(n.address(), nas.address());
        nas = n;
        transport.setMaxInFlight(n.maxInFlight());
        if (source) {
            transport.configure(List.copyOf(servers.values()), n.address());
        }
        AccountingPlug a = accounting;
        if (a != null) {
            a.configure(n);
        }
        DasPlug d = das;
        if (d != null) {
            d.configure(n, List.copyOf(dasClients.values()));
        }
    }

    /** Accounting-Off first (it needs the transport and its servers), then the DAS, then the transport. */
    @Deactivate
    synchronized void deactivate() {
        AccountingPlug a = accounting;
        accounting = null;
        if (a != null) {
            try {
                a.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "RADIUS accounting did not stop cleanly", e);
            }
        }
        DasPlug d = das;
        das = null;
        if (d != null) {
            try {
                d.close();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "RADIUS DAS did not stop cleanly", e);
            }
        }
        UdpTransport t = transport;
        if (t != null) {
            t.close();
        }
    }

    private static NasSettings settings(Map<String, Object> props, NasSettings previous) {
        try {
            return NasSettings.from(props);
        } catch (IllegalArgumentException e) {
            LOG.warning("RADIUS NAS settings refused, " + e.getMessage() + "; keeping the previous ones");
            return previous;
        }
    }

    // =========================================================================================================
    // PLUG-IN POINTS for the accounting part (org.l2tp.radius.acct) and the DAS (org.l2tp.radius.das).
    // Called once each at activation, in this order; null = that part is absent. The component forwards to them:
    // accounting: sessionStarted/sessionEnded (Authenticator), the L2tpListener events, configure(nas) on a NAS
    // change, serversChanged() on a server change, queued()/dropped() for RadiusStatus, close() at deactivation
    // (before the transport closes: Accounting-Off); DAS: configure(nas, clients) on every change, counters(),
    // close().
    // =========================================================================================================

    /** PLUG-IN: the accounting part (RFC 2866/2867), or null. */
    AccountingPlug newAccounting(RadiusParts parts) {
        return org.l2tp.radius.acct.Accounting.of(parts);
    }

    /** PLUG-IN: the dynamic authorization server (RFC 5176), or null; {@code accounting} may be null. */
    DasPlug newDas(RadiusParts parts, AccountingPlug accounting) {
        return org.l2tp.radius.das.DynamicAuthorization.of(parts, accounting);
    }

    // ---------------------------------------------------------------------------------- servers and DAS clients

    /** A server configuration appeared or changed ({@link RadiusServerConfig}). */
    synchronized void putServer(String pid, RadiusServer server) {
        if (server.equals(servers.put(pid, server))) {
            return;
        }
        serversChanged();
    }

    /** A server configuration was deleted. */
    synchronized void removeServer(String pid) {
        if (servers.remove(pid) != null) {
            serversChanged();
        }
    }

    private void serversChanged() {
        UdpTransport t = transport;
        if (t == null) {
            return; // activate() applies them
        }
        t.configure(List.copyOf(servers.values()), nas.address());
        AccountingPlug a = accounting;
        if (a != null) {
            a.serversChanged();
        }
    }

    /** A DAS client configuration appeared or changed ({@link DasClientConfig}). */
    synchronized void putDasClient(String pid, DasClient client) {
        dasClients.put(pid, client);
        dasClientsChanged();
    }

    synchronized void removeDasClient(String pid) {
        if (dasClients.remove(pid) != null) {
            dasClientsChanged();
        }
    }

    private void dasClientsChanged() {
        DasPlug d = das;
        if (d != null) {
            d.configure(nas, List.copyOf(dasClients.values()));
        }
    }

    // ---------------------------------------------------------------------------------------------- Authenticator

    @Override
    public CompletionStage<AuthResult> authenticate(AuthRequest request) {
        RadiusAuthenticator a = authenticator;
        if (a == null) {
            return java.util.concurrent.CompletableFuture.completedFuture(
                    AuthResult.reject("the RADIUS client is stopped"));
        }
        return a.authenticate(request);
    }

    @Override
    public void sessionStarted(AaaSession session) {
        toAccounting(a -> a.sessionStarted(session));
    }

    @Override
    public void sessionEnded(AaaSession session, PppEnd end, String reason) {
        toAccounting(a -> a.sessionEnded(session, end, reason));
    }

    // ---------------------------------------------------------------------------------------------- L2tpListener

    @Override
    public void tunnelUp(TunnelInfo tunnel) {
        toAccounting(a -> a.tunnelUp(tunnel));
    }

    @Override
    public void tunnelDown(TunnelInfo tunnel, int resultCode, String message) {
        toAccounting(a -> a.tunnelDown(tunnel, resultCode, message));
    }

    @Override
    public void sessionUp(SessionInfo session) {
        toAccounting(a -> a.sessionUp(session));
    }

    @Override
    public void sessionDown(SessionInfo session, int resultCode, String message) {
        toAccounting(a -> a.sessionDown(session, resultCode, message));
    }

    @Override
    public void sessionDown(SessionInfo session, int resultCode, String message, org.l2tp.api.SessionEnd end) {
        toAccounting(a -> a.sessionDown(session, resultCode, message, end));
    }

    private void toAccounting(Consumer<AccountingPlug> event) {
        AccountingPlug a = accounting;
        if (a != null) {
            event.accept(a);
        }
    }

    // ----------------------------------------------------------------------------------------------- RadiusStatus

    @Override
    public List<RadiusServerInfo> servers() {
        UdpTransport t = transport;
        return t == null ? List.of() : t.servers();
    }

    @Override
    public long accountingQueued() {
        AccountingPlug a = accounting;
        return a == null ? 0 : a.queued();
    }

    @Override
    public long accountingDropped() {
        AccountingPlug a = accounting;
        return a == null ? 0 : a.dropped();
    }

    @Override
    public DasCounters das() {
        DasPlug d = das;
        return d == null ? new DasCounters(null, 0, 0, 0, 0) : d.counters();
    }

    /** For tests: the servers as configured now. */
    synchronized List<RadiusServer> configuredServers() {
        return new ArrayList<>(servers.values());
    }
}
