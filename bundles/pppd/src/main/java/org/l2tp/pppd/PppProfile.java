package org.l2tp.pppd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A PPP profile (factory PID {@code org.l2tp.ppp}): how pppd is run for a session. Immutable; checked by {@link #from}.
 */
record PppProfile(String name, String pppd, String auth, List<String> refuse, String localName,
                  String localAddress, String pool, List<String> dns, int mtu, int mru, int lcpEchoInterval,
                  int lcpEchoFailure, String optionsFile, List<String> plugins, List<String> extra, boolean debug,
                  int stopGraceMs) {

    static final String FACTORY_PID = "org.l2tp.ppp";
    static final PppProfile DEFAULT = new PppProfile("default", "/usr/sbin/pppd", "required", List.of(), null, null,
            null, List.of(), 0, 0, 10, 3, null, List.of(), List.of(), false, 3000);

    static PppProfile from(Map<String, ?> p) {
        String auth = str(p, "auth", "required");
        if (!List.of("required", "none", "pap", "chap", "mschap-v2", "eap").contains(auth)) {
            throw new IllegalArgumentException("auth: one of required, none, pap, chap, mschap-v2, eap, not " + auth);
        }
        String pool = str(p, "pool", null);
        AddressPool.parse(pool);
        return new PppProfile(str(p, "name", "default"), str(p, "pppd", "/usr/sbin/pppd"), auth,
                list(p, "refuse"), str(p, "local.name", null), str(p, "local.address", null), pool,
                list(p, "dns"), num(p, "mtu", 0, 0, 65535), num(p, "mru", 0, 0, 65535),
                num(p, "lcp.echo.interval", 10, 0, 3600), num(p, "lcp.echo.failure", 3, 0, 100),
                str(p, "options.file", null), list(p, "plugins"), list(p, "options"),
                Boolean.parseBoolean(str(p, "debug", "false")), num(p, "stop.grace.ms", 3000, 0, 60_000));
    }

    private static String str(Map<String, ?> p, String key, String def) {
        Object v = p.get(key);
        return v == null || v.toString().isBlank() ? def : v.toString().trim();
    }

    private static int num(Map<String, ?> p, String key, int def, int min, int max) {
        String v = str(p, key, null);
        if (v == null) {
            return def;
        }
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": not a whole number: " + v);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + ": " + n + " is outside " + min + "-" + max);
        }
        return n;
    }

    private static List<String> list(Map<String, ?> p, String key) {
        Object v = p.get(key);
        List<String> out = new ArrayList<>();
        if (v instanceof String[] a) {
            for (String s : a) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        } else if (v != null) {
            for (String s : v.toString().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return List.copyOf(out);
    }
}
