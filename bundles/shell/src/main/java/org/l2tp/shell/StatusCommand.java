package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.l2tp.api.DaemonStatus;
import org.l2tp.api.ProtectionCounters;

@Command(scope = "l2tp", name = "status", description = "Roles, listening address, data plane, counts, uptime, and what was "
        + "refused or dropped to protect the daemon.")
@Service
public class StatusCommand extends L2tpCommand {
    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Override
    protected Object run() {
        DaemonStatus s = l2tp.status();
        ShellTable t = Format.properties();
        t.addRow().addContent("host name", s.hostName());
        t.addRow().addContent("roles", s.lns() ? "LNS, LAC" : "LAC");
        t.addRow().addContent("listening", Format.endpoint(s.listen()));
        t.addRow().addContent("data plane", s.dataPlane());
        t.addRow().addContent("data plane status", s.dataPlaneAvailable() ? "ready" : s.dataPlaneStatus());
        t.addRow().addContent("tunnels", s.tunnels());
        t.addRow().addContent("half-open tunnels", s.halfOpenTunnels());
        t.addRow().addContent("sessions", s.sessions());
        t.addRow().addContent("uptime", Format.age(s.started()));
        // What the daemon refused or dropped to protect itself (README, "Security model"); exact counts.
        ProtectionCounters p = s.protection();
        t.addRow().addContent("SCCRQs dropped at start-up", p.startupDropped());
        t.addRow().addContent("SCCRQs not authorized", p.notAuthorized());
        t.addRow().addContent("SCCRQs over max.tunnels/max.halfopen.tunnels", p.tunnelLimit());
        t.addRow().addContent("SCCRQs over max.tunnels.per.peer", p.peerTunnelLimit());
        t.addRow().addContent("SCCRQs over max.halfopen.tunnels.per.peer", p.peerHalfOpenLimit());
        t.addRow().addContent("tunnels past tunnel.setup.timeout", p.tunnelSetupTimeouts());
        t.addRow().addContent("calls over max.sessions", p.sessionLimit());
        t.addRow().addContent("calls over max.sessions.per.tunnel", p.tunnelSessionLimit());
        t.addRow().addContent("calls reusing a live session id", p.duplicateSessionIds());
        t.addRow().addContent("datagrams from a foreign source", p.foreignSource());
        t.addRow().addContent("messages for unknown tunnels", p.unknownTunnel());
        t.addRow().addContent("tunnels refused: no socket", p.socketFailures());
        t.addRow().addContent("answers suppressed (rate limit)", p.answersSuppressed());
        t.addRow().addContent("log lines suppressed (rate limit)", p.logSuppressed());
        t.print(System.out, !noFormat);
        return null;
    }
}
