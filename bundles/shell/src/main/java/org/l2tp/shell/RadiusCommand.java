package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.l2tp.api.aaa.RadiusServerInfo;
import org.l2tp.api.aaa.RadiusStatus;

/**
 * The RADIUS client's servers in the order they are asked, their state and counters, the accounting queue and the
 * dynamic authorization server. Needs no daemon: RADIUS may run (and be looked at) on its own; without the RADIUS
 * bundle it says so in one line.
 */
@Command(scope = "l2tp", name = "radius", description = "RADIUS servers (state, requests, retransmissions, "
        + "accepts, rejects, time-outs, accounting), the accounting queue and dynamic authorization (RFC 5176).")
@Service
public class RadiusCommand extends BaseCommand {
    @Reference(optional = true)
    RadiusStatus radius;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Override
    protected Object run() throws Exception {
        RadiusStatus r = radius;
        if (r == null) {
            throw error("RADIUS is not running (the org.l2tp.radius bundle is not started)");
        }
        ShellTable t = Format.table("Name", "Address", "Auth", "Acct", "Prio", "State", "Requests", "Retrans",
                "Accepts", "Rejects", "Timeouts", "AcctAcks", "Bad", "InFlight");
        for (RadiusServerInfo s : r.servers()) {
            t.addRow().addContent(s.name(), s.address(), port(s.authPort()), port(s.acctPort()), s.priority(),
                    s.state(), s.requests(), s.retransmissions(), s.accepts(), s.rejects(), s.timeouts(),
                    s.accountingAcks(), s.badResponses(), s.inFlight());
        }
        if (r.servers().isEmpty()) {
            System.out.println("no RADIUS servers configured (factory PID org.l2tp.radius)");
        } else {
            t.print(System.out, !noFormat);
        }
        System.out.println("accounting: " + r.accountingQueued() + " queued, " + r.accountingDropped() + " dropped");
        RadiusStatus.DasCounters d = r.das();
        System.out.println(d == null || d.listening() == null ? "dynamic authorization: off"
                : "dynamic authorization: listening on " + d.listening() + ", " + d.requests() + " requests, "
                        + d.acks() + " ACKs, " + d.naks() + " NAKs, " + d.dropped() + " dropped");
        return null;
    }

    private static String port(int p) {
        return p == 0 ? "-" : Integer.toString(p);
    }
}
