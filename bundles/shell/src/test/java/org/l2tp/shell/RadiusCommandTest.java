package org.l2tp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;
import org.l2tp.api.aaa.RadiusServerInfo;
import org.l2tp.api.aaa.RadiusStatus;

/** l2tp:radius against a fake RadiusStatus, through Karaf's own injection and parsing ({@link KarafShell}). */
class RadiusCommandTest {
    static final class FakeRadius implements RadiusStatus {
        List<RadiusServerInfo> servers = List.of(
                new RadiusServerInfo("main", "192.0.2.10", 1812, 1813, 1, "up", 10, 2, 7, 2, 1, 5, 3, 1),
                new RadiusServerInfo("backup", "radius2.example", 1812, 0, 2, "dead (retry in 12 s)", 4, 8, 0, 0, 4,
                        0, 0, 0));
        DasCounters das = new DasCounters("0.0.0.0:3799", 6, 4, 1, 9);

        @Override
        public List<RadiusServerInfo> servers() {
            return servers;
        }

        @Override
        public long accountingQueued() {
            return 17;
        }

        @Override
        public long accountingDropped() {
            return 2;
        }

        @Override
        public DasCounters das() {
            return das;
        }
    }

    private static List<List<String>> rows(String out) {
        return out.lines().map(l -> Arrays.stream(l.split("\t")).map(String::trim).toList()).toList();
    }

    @Test
    void serversCountersQueueAndDas() throws Exception {
        FakeRadius r = new FakeRadius();
        KarafShell shell = new KarafShell(null).with(r);
        String table = shell.run(RadiusCommand.class);
        assertTrue(table.startsWith("Name   | Address         | Auth | Acct | Prio | State"), table);
        List<List<String>> rows = rows(shell.run(RadiusCommand.class, "--no-format"));
        assertEquals(List.of("main", "192.0.2.10", "1812", "1813", "1", "up", "10", "2", "7", "2", "1", "5", "3",
                "1"), rows.get(0));
        assertEquals(List.of("backup", "radius2.example", "1812", "-", "2", "dead (retry in 12 s)", "4", "8", "0",
                "0", "4", "0", "0", "0"), rows.get(1));
        assertEquals(List.of("accounting: 17 queued, 2 dropped"), rows.get(2));
        assertEquals(List.of("dynamic authorization: listening on 0.0.0.0:3799, 6 requests, 4 ACKs, 1 NAKs, "
                + "9 dropped"), rows.get(3));

        r.servers = List.of();
        r.das = new RadiusStatus.DasCounters(null, 0, 0, 0, 0);
        String empty = shell.run(RadiusCommand.class);
        assertEquals("no RADIUS servers configured (factory PID org.l2tp.radius)\naccounting: 17 queued, 2 dropped\n"
                + "dynamic authorization: off\n", empty.replace("\r", ""));
    }

    /** Without the RADIUS bundle: one line, no stack trace, no daemon needed either. */
    @Test
    void oneLineWhenRadiusIsAbsent() {
        KarafShell shell = new KarafShell(null);
        CommandException e = assertThrows(CommandException.class, () -> shell.run(RadiusCommand.class));
        assertEquals(CommandException.class, e.getClass());
        String help = e.getNiceHelp().replaceAll("\u001B\\[[0-9;]*m", "");
        assertFalse(help.contains("\n"), help);
        assertEquals("Error executing command l2tp:radius: RADIUS is not running (the org.l2tp.radius bundle is "
                + "not started)", help);
    }
}
