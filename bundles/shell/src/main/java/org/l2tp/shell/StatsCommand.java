package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.l2tp.api.ControlCounters;
import org.l2tp.api.L2tpService;
import org.l2tp.api.TunnelInfo;

@Command(scope = "l2tp", name = "stats", description = "Control-plane counters (messages by type, "
        + "retransmissions, ZLBs, window) and kernel data counters, of the daemon or of one tunnel.")
@Service
public class StatsCommand implements Action {
    @Reference
    L2tpService l2tp;

    @Argument(index = 0, name = "tunnel", description = "Our tunnel id (the whole daemon when absent)")
    @Completion(Completers.TunnelIds.class)
    int id;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Override
    public Object execute() {
        ShellTable t = new ShellTable();
        t.column("Counter");
        t.column("Value");
        ControlCounters c;
        if (id == 0) {
            c = l2tp.status().counters();
        } else {
            TunnelInfo i = l2tp.tunnel(id).orElseThrow(() -> new IllegalArgumentException("no tunnel " + id));
            c = i.counters();
            t.addRow().addContent("window (peer's)", c.sendWindow());
            t.addRow().addContent("congestion window", c.congestionWindow());
            t.addRow().addContent("queued", c.queued());
            t.addRow().addContent("duplicates", c.duplicates());
            t.addRow().addContent("out of window", c.outOfWindow());
            t.addRow().addContent("kernel tx packets/bytes/errors", i.data().txPackets() + "/" + i.data().txBytes()
                    + "/" + i.data().txErrors());
            t.addRow().addContent("kernel rx packets/bytes/errors", i.data().rxPackets() + "/" + i.data().rxBytes()
                    + "/" + i.data().rxErrors());
        }
        c.received().forEach((k, v) -> t.addRow().addContent("received " + k, v));
        c.sent().forEach((k, v) -> t.addRow().addContent("sent " + k, v));
        t.addRow().addContent("retransmissions", c.retransmissions());
        t.addRow().addContent("malformed", c.malformed());
        t.print(System.out, !noFormat);
        return null;
    }
}
