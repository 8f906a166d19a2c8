package org.l2tp.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.impl.action.command.ManagerImpl;
import org.apache.karaf.shell.impl.console.RegistryImpl;
import org.junit.jupiter.api.Test;

/**
 * The annotations Karaf reads, now that the commands share superclasses: Karaf walks the class hierarchy for
 * {@code @Reference}, {@code @Argument}, {@code @Option} and {@code @Completion} fields.
 */
class KarafWiringTest {
    static final List<Class<? extends Action>> COMMANDS = List.of(StatusCommand.class, TunnelListCommand.class,
            TunnelShowCommand.class, TunnelOpenCommand.class, TunnelCloseCommand.class, SessionListCommand.class,
            SessionShowCommand.class, SessionOpenCommand.class, SessionCloseCommand.class, StatsCommand.class,
            DebugCommand.class, DecodeCommand.class);

    @Test
    void everyCommandIsAnL2tpServiceAction() {
        for (Class<? extends Action> c : COMMANDS) {
            assertNotNull(c.getAnnotation(Service.class), c::getName);
            assertEquals("l2tp", c.getAnnotation(Command.class).scope(), c::getName);
        }
    }

    /** Karaf creates a command only when its references are there: the daemon's, inherited, for all but decode. */
    @Test
    void theInheritedReferenceIsRequired() throws Exception {
        RegistryImpl empty = new RegistryImpl(null);
        ManagerImpl manager = new ManagerImpl(empty, empty);
        for (Class<? extends Action> c : COMMANDS) {
            if (c == DecodeCommand.class) {
                assertNotNull(manager.instantiate(c, empty));
            } else {
                Exception e = assertThrows(IllegalStateException.class, () -> manager.instantiate(c, empty),
                        c::getName);
                assertEquals("No service matching org.l2tp.api.L2tpService", e.getMessage(), c::getName);
            }
        }
        RegistryImpl withDaemon = new RegistryImpl(null);
        FakeL2tpService l2tp = new FakeL2tpService();
        withDaemon.register(l2tp);
        L2tpCommand show = new ManagerImpl(withDaemon, withDaemon).instantiate(TunnelShowCommand.class, withDaemon);
        assertTrue(show.l2tp == l2tp);
    }

    /** Argument 0 of each command and its completer, looked up over the hierarchy as Karaf does. */
    @Test
    void idArgumentsComplete() {
        Map<String, Class<?>> completers = new HashMap<>();
        for (Class<? extends Action> c : COMMANDS) {
            List<Integer> indexes = new ArrayList<>();
            for (Class<?> k = c; k != Object.class; k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    Argument a = f.getAnnotation(Argument.class);
                    if (a != null) {
                        indexes.add(a.index());
                        Completion comp = f.getAnnotation(Completion.class);
                        completers.put(c.getAnnotation(Command.class).name(), comp == null ? null : comp.value());
                    }
                }
            }
            assertEquals(c == StatusCommand.class || c == TunnelListCommand.class ? List.of() : List.of(0), indexes,
                    c::getName);
        }
        for (String tunnelCommand : List.of("tunnel-show", "tunnel-close", "session-open", "session-list", "stats",
                "debug")) {
            assertEquals(Completers.TunnelIds.class, completers.get(tunnelCommand), tunnelCommand);
        }
        for (String sessionCommand : List.of("session-show", "session-close")) {
            assertEquals(Completers.SessionIds.class, completers.get(sessionCommand), sessionCommand);
        }
        assertEquals(Completers.PeerNames.class, completers.get("tunnel-open"));
    }

    @Test
    void completersOfferIdsAndNames() {
        FakeL2tpService l2tp = new FakeL2tpService();
        l2tp.tunnel(5, 9, null, null);
        l2tp.session(5, 7, 70);
        l2tp.session(5, 8, 80, FakeL2tpService.pppd("bob", "10.0.0.8", 1));
        l2tp.session(5, 9, 90, FakeL2tpService.pppd("alice", null, 2));
        l2tp.session(5, 10, 100, FakeL2tpService.pppd("bob", "10.0.0.10", 3));
        Completers.TunnelIds tunnels = new Completers.TunnelIds();
        tunnels.l2tp = l2tp;
        Completers.SessionIds sessions = new Completers.SessionIds();
        sessions.l2tp = l2tp;
        Completers.PeerNames peers = new Completers.PeerNames();
        peers.l2tp = l2tp;
        assertEquals(List.of("5"), candidates(tunnels));
        assertEquals(List.of("5/10", "5/7", "5/8", "5/9"), candidates(sessions));
        assertEquals(List.of("lns1", "lns2"), candidates(peers));
        Completers.Users users = new Completers.Users();
        users.l2tp = l2tp;
        Completers.PeerAddresses addresses = new Completers.PeerAddresses();
        addresses.l2tp = l2tp;
        assertEquals(List.of("alice", "bob"), candidates(users), "each once; sessions without PPP or user left out");
        assertEquals(List.of("10.0.0.10", "10.0.0.8"), candidates(addresses));
    }

    private static List<String> candidates(Completer c) {
        CommandLine empty = (CommandLine) Proxy.newProxyInstance(KarafWiringTest.class.getClassLoader(),
                new Class<?>[] {CommandLine.class}, (p, m, a) -> m.getReturnType() == int.class ? 0
                        : m.getReturnType() == String.class ? "" : null);
        List<String> out = new ArrayList<>();
        c.complete(null, empty, out);
        return out.stream().map(String::trim).sorted().toList();
    }
}
