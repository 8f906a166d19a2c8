package org.l2tp.radius;

import java.net.InetAddress;
import java.util.Map;
import java.util.Objects;

/**
 * One dynamic authorization client (factory PID {@code org.l2tp.radius.das}, RFC 5176): only requests from its
 * address, verified with its secret, are heard. {@link #toString()} never shows the secret.
 */
public record DasClient(String name, InetAddress address, String secret) {
    public static final String FACTORY_PID = "org.l2tp.radius.das";

    public DasClient {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("DAS client " + name + " has no secret");
        }
    }

    /** From configuration properties; {@code name} when the configuration has none. */
    public static DasClient from(String name, Map<String, ?> p) {
        Object a = p.get("address");
        InetAddress address = a == null ? null : Addresses.literal(a.toString());
        if (address == null) {
            throw new IllegalArgumentException("DAS client " + name + ": address \"" + (a == null ? "" : a)
                    + "\" is not an IP address");
        }
        Object s = p.get("secret");
        return new DasClient(name, address, s == null ? null : s.toString());
    }

    @Override
    public String toString() {
        return "DasClient[" + name + " " + address.getHostAddress() + "]";
    }
}
