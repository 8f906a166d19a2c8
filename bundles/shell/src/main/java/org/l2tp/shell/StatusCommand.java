package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.l2tp.api.DaemonStatus;
import org.l2tp.api.L2tpService;

@Command(scope = "l2tp", name = "status", description = "Roles, listening address, data plane, counts and uptime.")
@Service
public class StatusCommand implements Action {
    @Reference
    L2tpService l2tp;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Override
    public Object execute() {
        DaemonStatus s = l2tp.status();
        ShellTable t = new ShellTable();
        t.column("Property");
        t.column("Value");
        t.addRow().addContent("host name", s.hostName());
        t.addRow().addContent("roles", s.lns() ? "LNS, LAC" : "LAC");
        t.addRow().addContent("listening", Format.endpoint(s.listen()));
        t.addRow().addContent("data plane", s.dataPlane());
        t.addRow().addContent("data plane status", s.dataPlaneAvailable() ? "ready" : s.dataPlaneStatus());
        t.addRow().addContent("tunnels", s.tunnels());
        t.addRow().addContent("half-open tunnels", s.halfOpenTunnels());
        t.addRow().addContent("sessions", s.sessions());
        t.addRow().addContent("uptime", Format.age(s.started()));
        t.print(System.out, !noFormat);
        return null;
    }
}
