package org.l2tp.radius;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The NAS side of RADIUS (singleton PID {@code org.l2tp.radius.nas}); immutable. No secrets here.
 *
 * @param identifier       NAS-Identifier (RFC 2865 5.32)
 * @param address          NAS-IP-Address / NAS-IPv6-Address and the source address of requests; null: the session's
 *                         local tunnel endpoint names the NAS, the system picks the source
 * @param maxInFlight      requests waiting for an answer at once (all servers)
 * @param interimIntervalS Interim-Update interval when the Access-Accept has no Acct-Interim-Interval; 0 = none
 * @param interimMinimumS  the shortest interval accepted from a server (RFC 2869 5.16: not below 60 s)
 * @param acctQueue        accounting requests kept while no server answers
 * @param dasAddress       where the dynamic authorization server listens (RFC 5176); null = off
 * @param dasPort          its UDP port (3799)
 */
public record NasSettings(String identifier, InetAddress address, int maxInFlight, int interimIntervalS,
                          int interimMinimumS, int acctQueue, InetAddress dasAddress, int dasPort) {
    public static final String PID = "org.l2tp.radius.nas";

    /** The defaults (no configuration). */
    public static NasSettings defaults() {
        return from(Map.of());
    }

    /** From configuration properties; an IllegalArgumentException names the bad key. */
    public static NasSettings from(Map<String, ?> p) {
        String id = text(p, "nas.identifier");
        return new NasSettings(id != null ? id : hostName(), literal(p, "nas.address"),
                number(p, "max.in.flight", 256, 1, 65_536), number(p, "interim.interval.s", 0, 0, 86_400),
                number(p, "interim.minimum.s", 60, 1, 86_400), number(p, "acct.queue", 10_000, 0, 10_000_000),
                literal(p, "das.address"), number(p, "das.port", 3799, 1, 65535));
    }

    private static String text(Map<String, ?> p, String key) {
        Object v = p.get(key);
        String s = v == null ? null : v.toString().trim();
        return s == null || s.isEmpty() ? null : s;
    }

    private static int number(Map<String, ?> p, String key, int dflt, int min, int max) {
        Object v = p.get(key);
        if (v == null || v.toString().isBlank()) {
            return dflt;
        }
        long n;
        try {
            n = v instanceof Number num ? num.longValue() : Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " \"" + v + "\" is not a number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + " " + n + " is not in " + min + ".." + max);
        }
        return (int) n;
    }

    /** An IP address literal (never a name: no DNS look-up while configuring), or null when empty. */
    private static InetAddress literal(Map<String, ?> p, String key) {
        String s = text(p, key);
        if (s == null) {
            return null;
        }
        InetAddress a = Addresses.literal(s);
        if (a == null) {
            throw new IllegalArgumentException(key + " \"" + s + "\" is not an IP address");
        }
        return a;
    }

    /** The kernel's host name (no DNS), else "l2tpd". */
    static String hostName() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.US_ASCII).trim();
            if (!h.isEmpty()) {
                return h;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        String env = System.getenv("HOSTNAME");
        return env != null && !env.isBlank() ? env.trim() : "l2tpd";
    }
}
