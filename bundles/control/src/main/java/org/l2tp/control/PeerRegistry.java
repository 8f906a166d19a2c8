package org.l2tp.control;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The configured peers (factory PID {@code org.l2tp.peer}), by name, and the one an address belongs to. */
final class PeerRegistry {
    private final Map<String, PeerConfig> byName = new HashMap<>();

    PeerConfig get(String name) {
        return byName.get(name);
    }

    /** Adds or replaces; returns the previous configuration of that name. */
    PeerConfig put(PeerConfig p) {
        return byName.put(p.name(), p);
    }

    PeerConfig remove(String name) {
        return byName.remove(name);
    }

    Collection<PeerConfig> all() {
        return byName.values();
    }

    List<String> names() {
        return byName.keySet().stream().sorted().toList();
    }

    /** The peer configured for {@code from}: same address and port, else same address. */
    PeerConfig peerFor(InetSocketAddress from) {
        PeerConfig byPort = null;
        for (PeerConfig p : byName.values()) {
            if (p.address().getAddress().equals(from.getAddress())) {
                if (p.address().getPort() == from.getPort()) {
                    return p;
                }
                byPort = p;
            }
        }
        return byPort;
    }
}
