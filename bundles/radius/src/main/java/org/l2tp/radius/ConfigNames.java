package org.l2tp.radius;

import java.util.Map;

/** Names and values of factory configurations. */
final class ConfigNames {
    /** SCR's deactivation reasons (ComponentConstants) for which a configuration is really gone. */
    static final int DISABLED = 1;
    static final int CONFIGURATION_DELETED = 4;
    static final int CONFIGURATION_MODIFIED = 3;

    private ConfigNames() {
    }

    /**
     * Whether a factory configuration's component deactivates because the configuration is gone (deleted,
     * disabled), not because RadiusComponent goes away or the bundle stops (it still needs them then).
     */
    static boolean gone(int reason) {
        return reason == CONFIGURATION_DELETED || reason == DISABLED || reason == CONFIGURATION_MODIFIED;
    }

    /**
     * The configuration's name: its {@code name} property, else the name the operator gave the factory
     * configuration (PID {@code factory~name}, or the file {@code factory-name.cfg}), else its PID.
     */
    static String name(String factoryPid, Map<String, ?> p) {
        Object n = p.get("name");
        if (n != null && !n.toString().isBlank()) {
            return n.toString().trim();
        }
        String pid = pid(p);
        int tilde = pid.indexOf('~');
        if (tilde >= 0) {
            return pid.substring(tilde + 1);
        }
        Object file = p.get("felix.fileinstall.filename");
        if (file != null) {
            String f = file.toString();
            f = f.substring(f.lastIndexOf('/') + 1);
            String prefix = factoryPid + "-";
            if (f.startsWith(prefix) && f.endsWith(".cfg")) {
                return f.substring(prefix.length(), f.length() - 4);
            }
        }
        return pid;
    }

    static String pid(Map<String, ?> p) {
        Object pid = p.get("service.pid");
        return pid == null ? "?" : pid.toString();
    }

    static String text(Map<String, ?> p, String key) {
        Object v = p.get(key);
        String s = v == null ? null : v.toString().trim();
        return s == null || s.isEmpty() ? null : s;
    }

    static int number(Map<String, ?> p, String key, int dflt) {
        Object v = p.get(key);
        if (v == null || v.toString().isBlank()) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.intValue();
        }
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " \"" + v + "\" is not a number");
        }
    }
}
