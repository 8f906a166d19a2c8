package org.l2tp.control.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** How a peer hands itself to the daemon through the DS life cycle (bind, activate, modify, unbind, deactivate). */
class PeerComponentTest {
    /** Records what the daemon hears, as "put NAME" and "remove NAME". */
    private static final class Recorder implements PeerTable {
        final List<String> heard = new ArrayList<>();

        @Override
        public void putPeer(PeerComponent peer) {
            heard.add("put " + peer.properties().get("name"));
        }

        @Override
        public void removePeer(PeerComponent peer) {
            heard.add("remove " + peer.properties().get("name"));
        }
    }

    private static Map<String, Object> config(String name) {
        return Map.of("name", name, "address", "192.0.2.1", "secret", "s", "service.pid", "org.l2tp.peer~" + name);
    }

    @Test
    void boundBeforeActivationTheDaemonHearsOfThePeerAtActivationAndOfEachEdit() {
        Recorder daemon = new Recorder();
        PeerComponent p = new PeerComponent();
        p.bindDaemon(daemon);
        assertEquals(List.of(), daemon.heard, "nothing to hand over before the configuration");
        p.configure(config("a"));
        p.configure(config("b"));
        assertEquals(List.of("put a", "put b"), daemon.heard);
        assertEquals("org.l2tp.peer~b", p.pid());
        p.deactivate();
        p.unbindDaemon(daemon);
        assertEquals(List.of("put a", "put b", "remove b"), daemon.heard);
    }

    @Test
    void aDaemonThatComesBackGetsThePeerAgainAndOneGoingAwayIsNotAskedToCloseIt() {
        PeerComponent p = new PeerComponent();
        p.configure(config("a"));
        Recorder first = new Recorder();
        p.bindDaemon(first);
        assertEquals(List.of("put a"), first.heard);
        p.unbindDaemon(first);
        p.configure(config("b")); // edited while no daemon runs: kept for the next one
        Recorder second = new Recorder();
        p.bindDaemon(second);
        assertEquals(List.of("put a"), first.heard);
        assertEquals(List.of("put b"), second.heard);
        p.deactivate();
        assertEquals(List.of("put b", "remove b"), second.heard);
    }

    @Test
    void aReplacementDaemonBoundBeforeTheOldOneIsUnboundKeepsThePeer() {
        // A greedy dynamic reference binds the new service, then unbinds the old one.
        PeerComponent p = new PeerComponent();
        p.configure(config("a"));
        Recorder old = new Recorder();
        Recorder replacement = new Recorder();
        p.bindDaemon(old);
        p.bindDaemon(replacement);
        p.unbindDaemon(old);
        p.configure(config("b"));
        p.deactivate();
        assertEquals(List.of("put a"), old.heard);
        assertEquals(List.of("put a", "put b", "remove b"), replacement.heard);
    }
}
