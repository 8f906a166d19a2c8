package org.l2tp.control;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The defaults are written once, in the metatype interfaces; the parsers use them and the README says them. */
class ConfigDefaultsTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z.]+)` \\| `([^`]*)` \\|", Pattern.MULTILINE);

    private static Map<String, String> readmeTable(String heading) throws Exception {
        String readme = Files.readString(Path.of("../../README.md"));
        int start = readme.indexOf(heading);
        assertTrue(start >= 0, "README has " + heading);
        int end = readme.indexOf("\n### ", start + heading.length());
        Matcher m = ROW.matcher(readme.substring(start, end < 0 ? readme.length() : end));
        Map<String, String> rows = new HashMap<>();
        while (m.find()) {
            rows.put(m.group(1), m.group(2));
        }
        return rows;
    }

    @Test
    void theReadmeStatesTheDaemonsDefaultsAsTheMetatypeDoes() throws Exception {
        Map<String, String> readme = readmeTable("### `org.l2tp.daemon`");
        Map<String, Object> defaults = Props.defaults(DaemonOcd.class);
        assertTrue(defaults.size() >= 20, "defaults found: " + defaults.keySet());
        for (Map.Entry<String, Object> d : defaults.entrySet()) {
            assertEquals(d.getValue().toString(), readme.get(d.getKey()), "README's default of " + d.getKey());
        }
    }

    @Test
    void theParsedDefaultsAreTheMetatypes() throws Exception {
        DaemonConfig c = DaemonConfig.from(Map.of());
        Map<String, Object> d = Props.defaults(DaemonOcd.class);
        assertEquals(d.get("listen.port"), c.listen().getPort());
        assertEquals(d.get("max.tunnels.per.peer"), c.limits().tunnelsPerPeer());
        assertEquals(d.get("max.halfopen.tunnels.per.peer"), c.limits().halfOpenPerPeer());
        assertEquals(d.get("max.sessions.per.tunnel"), c.limits().sessionsPerTunnel());
        assertEquals(d.get("tunnel.setup.timeout"), c.limits().tunnelSetupTimeoutS());
        assertEquals(d.get("accept.unconfigured"), c.acceptUnconfigured());
        assertEquals(false, c.acceptUnconfigured(), "secure by default");
        assertEquals(d.get("ack.delay.ms"), c.timers().ackDelayMs());
        assertEquals(d.get("hello.interval"), c.helloIntervalS());
    }

    @Test
    void aPeerFollowsTheDaemonsValuesItDoesNotSetItself() throws Exception {
        DaemonConfig daemon = DaemonConfig.from(Map.of("hello.interval", "7", "ack.delay.ms", "33"));
        PeerConfig p = PeerConfig.from(Map.of("name", "p", "address", "192.0.2.1", "retransmit.retries", "9"),
                daemon);
        assertEquals(7, p.helloIntervalS());
        assertEquals(33, p.timers().ackDelayMs());
        assertEquals(9, p.timers().retransmitRetries());
        PeerConfig own = PeerConfig.from(Map.of("name", "p", "address", "192.0.2.1", "ack.delay.ms", "5"), daemon);
        assertEquals(5, own.timers().ackDelayMs(), "ack.delay.ms is a peer key");
        Map<String, String> readme = readmeTable("### `org.l2tp.peer`");
        for (Map.Entry<String, Object> d : Props.defaults(PeerOcd.class).entrySet()) {
            assertEquals(d.getValue().toString(), readme.get(d.getKey()), "README's default of " + d.getKey());
        }
    }
}
