package org.l2tp.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.l2tp.api.ControlCounters;
import org.l2tp.api.TunnelInfo;
import org.l2tp.api.dataplane.DataCounters;

@Command(scope = "l2tp", name = "stats", description = "Control-plane counters (messages by type, "
        + "retransmissions, ZLBs, window) and kernel data counters, of the daemon or of one tunnel.")
@Service
public class StatsCommand extends L2tpCommand {
    @Argument(index = 0, name = "tunnel", description = "Our tunnel id (the whole daemon when absent)")
    @Completion(Completers.TunnelIds.class)
    String tunnel;

    @Option(name = "--no-format", description = "Plain output for scripts")
    boolean noFormat;

    @Override
    protected Object run() throws Exception {
        ShellTable t = Format.table("Counter", "Value");
        ControlCounters c;
        if (tunnel == null) {
            c = l2tp.status().counters();
        } else {
            TunnelInfo i = tunnel(tunnel);
            c = i.counters();
            DataCounters d = i.data();
            t.addRow().addContent("window (peer's)", c.sendWindow());
            t.addRow().addContent("congestion window", c.congestionWindow());
            t.addRow().addContent("queued", c.queued());
            t.addRow().addContent("duplicates", c.duplicates());
            t.addRow().addContent("out of window", c.outOfWindow());
            t.addRow().addContent("kernel tx packets/bytes/errors", d.txPackets() + "/" + d.txBytes() + "/"
                    + d.txErrors());
            t.addRow().addContent("kernel rx packets/bytes/errors", d.rxPackets() + "/" + d.rxBytes() + "/"
                    + d.rxErrors());
        }
        c.received().forEach((k, v) -> t.addRow().addContent("received " + k, v));
        c.sent().forEach((k, v) -> t.addRow().addContent("sent " + k, v));
        t.addRow().addContent("retransmissions", c.retransmissions());
        t.addRow().addContent("malformed", c.malformed());
        t.print(System.out, !noFormat);
        return null;
    }
}
