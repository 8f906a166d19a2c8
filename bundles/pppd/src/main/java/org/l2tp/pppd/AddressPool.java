package org.l2tp.pppd;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * IPv4 peer addresses for LNS sessions, from ranges "A-B" or "A/len" (comma-separated). An address is leased to
 * at most one session; new ranges (a configuration change) never take a leased address back: it stays leased until
 * its session releases it. Thread-safe.
 */
final class AddressPool {
    private List<long[]> ranges;
    private final Set<Long> leased = new HashSet<>();

    AddressPool(String spec) {
        this.ranges = parse(spec);
    }

    static List<long[]> parse(String spec) {
        List<long[]> out = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String part : spec.split(",")) {
            String p = part.trim();
            long lo;
            long hi;
            if (p.contains("/")) {
                String[] a = p.split("/");
                int len = Integer.parseInt(a[1].trim());
                if (len < 8 || len > 32) {
                    throw new IllegalArgumentException("prefix length " + len + " outside 8-32 in " + p);
                }
                long base = v4(a[0]) & (0xFFFFFFFFL << (32 - len)) & 0xFFFFFFFFL;
                long size = 1L << (32 - len);
                // Network and broadcast addresses are not handed out for real subnets.
                lo = size > 2 ? base + 1 : base;
                hi = size > 2 ? base + size - 2 : base + size - 1;
            } else if (p.contains("-")) {
                String[] a = p.split("-");
                lo = v4(a[0]);
                hi = v4(a[1]);
            } else {
                lo = v4(p);
                hi = lo;
            }
            if (hi < lo) {
                throw new IllegalArgumentException("range " + p + " ends before it starts");
            }
            out.add(new long[] {lo, hi});
        }
        return out;
    }

    private static long v4(String s) {
        try {
            InetAddress a = InetAddress.getByName(s.trim());
            if (!(a instanceof Inet4Address)) {
                throw new IllegalArgumentException("not an IPv4 address: " + s);
            }
            byte[] b = a.getAddress();
            return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 address: " + s);
        }
    }

    /** {@code s} as an IPv4 literal (no name lookup), or an IllegalArgumentException naming {@code key}. */
    static void v4Literal(String key, String s) {
        String[] parts = s.trim().split("\\.", -1);
        boolean ok = parts.length == 4;
        for (int i = 0; ok && i < 4; i++) {
            ok = parts[i].matches("[0-9]{1,3}") && Integer.parseInt(parts[i]) <= 255;
        }
        if (!ok) {
            throw new IllegalArgumentException(key + ": not an IPv4 address: " + s);
        }
    }

    /** Keeps {@code address} (our own end of the links) from ever being leased to a peer. */
    synchronized void reserve(String address) {
        leased.add(v4(address));
    }

    /**
     * Leases one particular address (an AAA server assigned it): true when it is free inside the pool (now leased)
     * or outside every range (nothing to keep), false when a session holds it.
     */
    synchronized boolean take(String address) {
        long a = v4(address);
        return !contains(a) || leased.add(a);
    }

    synchronized boolean contains(String address) {
        return contains(v4(address));
    }

    private boolean contains(long a) {
        for (long[] r : ranges) {
            if (a >= r[0] && a <= r[1]) {
                return true;
            }
        }
        return false;
    }

    static String format(long a) {
        return ((a >>> 24) & 0xFF) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
    }

    /** Replaces the ranges; leased addresses stay leased. */
    synchronized void reconfigure(String spec) {
        this.ranges = parse(spec);
    }

    /** The lowest free address, leased; null when the pool is empty or exhausted. */
    synchronized String lease() {
        for (long[] r : ranges) {
            for (long a = r[0]; a <= r[1]; a++) {
                if (leased.add(a)) {
                    return format(a);
                }
            }
        }
        return null;
    }

    synchronized void release(String address) {
        if (address != null) {
            leased.remove(v4(address));
        }
    }

    synchronized int leasedCount() {
        return leased.size();
    }

    synchronized boolean isLeased(String address) {
        return leased.contains(v4(address));
    }
}
