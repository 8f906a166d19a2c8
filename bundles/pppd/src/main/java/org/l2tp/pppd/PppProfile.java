package org.l2tp.pppd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.l2tp.api.aaa.AuthMethod;

/**
 * A PPP profile (factory PID {@code org.l2tp.ppp}): how pppd is run for a session. Immutable; checked by {@link #from}.
 */
record PppProfile(String name, String pppd, String auth, List<String> refuse, String localName,
                  String localAddress, String pool, List<String> dns, int mtu, int mru, int lcpEchoInterval,
                  int lcpEchoFailure, String optionsFile, List<String> plugins, List<String> extra, boolean debug,
                  int stopGraceMs, String engine, String localPassword, String aaa, boolean ipv6) {

    static final String FACTORY_PID = "org.l2tp.ppp";
    static final String ENGINE_PPPD = "pppd";
    static final String ENGINE_INPROCESS = "inprocess";
    /** What {@code auth = required} asks of the peer in-process: no PAP unless named (it sends the password in clear). */
    static final List<AuthMethod> REQUIRED = List.of(AuthMethod.MSCHAP_V2, AuthMethod.CHAP_MD5);
    static final PppProfile DEFAULT = new PppProfile("default", "/usr/sbin/pppd", "required", List.of(), null, null,
            null, List.of(), 0, 0, 10, 3, null, List.of(), List.of(), false, 3000, ENGINE_INPROCESS, null, "local", true);

    static PppProfile from(Map<String, ?> p) {
        String auth = String.join(", ", list(p, "auth"));
        if (auth.isEmpty()) {
            auth = "required";
        }
        if (!List.of("required", "none", "eap").contains(auth)) {
            for (String m : list(p, "auth")) {
                try {
                    AuthMethod.of(m);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("auth: required, none, eap, or a list of pap, chap, mschap-v2,"
                            + " not " + auth);
                }
            }
        }
        String engine = str(p, "engine", ENGINE_INPROCESS);
        if (!List.of(ENGINE_PPPD, ENGINE_INPROCESS).contains(engine)) {
            throw new IllegalArgumentException("engine: pppd or inprocess, not " + engine);
        }
        if (engine.equals(ENGINE_INPROCESS) && auth.equals("eap")) {
            throw new IllegalArgumentException("auth: eap needs engine = pppd");
        }
        String pool = str(p, "pool", null);
        AddressPool.parse(pool);
        // Literal IPv4 addresses only: an engine never resolves a name per session.
        for (String d : list(p, "dns")) {
            AddressPool.v4Literal("dns", d);
        }
        String local = str(p, "local.address", null);
        if (local != null) {
            AddressPool.v4Literal("local.address", local);
        }
        int mru = num(p, "mru", 0, 0, 65535);
        if (mru != 0 && mru < 64) {
            throw new IllegalArgumentException("mru: 0 (the default) or 64-65535, not " + mru);
        }
        return new PppProfile(str(p, "name", "default"), str(p, "pppd", "/usr/sbin/pppd"), auth,
                list(p, "refuse"), str(p, "local.name", null), str(p, "local.address", null), pool,
                list(p, "dns"), num(p, "mtu", 0, 0, 65535), num(p, "mru", 0, 0, 65535),
                num(p, "lcp.echo.interval", 10, 0, 3600), num(p, "lcp.echo.failure", 3, 0, 100),
                str(p, "options.file", null), list(p, "plugins"), list(p, "options"),
                Boolean.parseBoolean(str(p, "debug", "false")), num(p, "stop.grace.ms", 3000, 0, 60_000), engine,
                str(p, "local.password", null), str(p, "aaa", "local"),
                Boolean.parseBoolean(str(p, "ipv6", "true")));
    }

    /** The methods the peer must authenticate with, for the in-process engine; empty for {@code auth = none}. */
    List<AuthMethod> requiredMethods() {
        return switch (auth) {
            case "none" -> List.of();
            case "required" -> REQUIRED;
            default -> Arrays.stream(auth.split(",")).map(AuthMethod::of).toList();
        };
    }

    /** The methods we authenticate ourselves with when asked: all but the refused ones. */
    List<AuthMethod> allowedMethods() {
        List<AuthMethod> out = new ArrayList<>();
        for (AuthMethod m : AuthMethod.values()) {
            if (!refuse.contains(m.key())) {
                out.add(m);
            }
        }
        return out;
    }

    /** Never shows local.password. */
    @Override
    public String toString() {
        return "PppProfile[" + name + ", engine " + engine + ", auth " + auth + "]";
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
