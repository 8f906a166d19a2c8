package org.l2tp.control;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

/**
 * Typed, checked reads of ConfigAdmin properties (which arrive as strings from .cfg files, or typed). Defaults come
 * from the metatype interface ({@link DaemonOcd}, {@link PeerOcd}), so they are written down once.
 */
final class Props {
    private final Map<String, ?> map;
    private final Map<String, Object> defaults;

    Props(Map<String, ?> map, Class<? extends Annotation> ocd) {
        this.map = map;
        this.defaults = defaults(ocd);
    }

    /** The defaults an OCD interface declares, by property name (DS naming: {@code max_tunnels} is max.tunnels). */
    static Map<String, Object> defaults(Class<? extends Annotation> ocd) {
        Map<String, Object> d = new HashMap<>();
        for (Method m : ocd.getDeclaredMethods()) {
            if (m.getDefaultValue() != null) {
                d.put(m.getName().replace('_', '.'), m.getDefaultValue());
            }
        }
        return d;
    }

    private Object def(String key) {
        Object d = defaults.get(key);
        if (d == null) {
            throw new IllegalStateException(key + " has no default in the metatype");
        }
        return d;
    }

    String string(String key) {
        return string(key, def(key).toString());
    }

    long number(String key, long min, long max) throws ConfigException {
        return number(key, ((Number) def(key)).longValue(), min, max);
    }

    int integer(String key, int min, int max) throws ConfigException {
        return integer(key, ((Number) def(key)).intValue(), min, max);
    }

    boolean bool(String key) throws ConfigException {
        return bool(key, (Boolean) def(key));
    }

    private Object raw(String key) {
        Object v = map.get(key);
        if (v instanceof String s && s.isBlank()) {
            return null;
        }
        return v;
    }

    String string(String key, String def) {
        Object v = raw(key);
        return v == null ? def : v.toString().trim();
    }

    long number(String key, long def, long min, long max) throws ConfigException {
        Object v = raw(key);
        long n;
        if (v == null) {
            return def;
        } else if (v instanceof Number num) {
            n = num.longValue();
        } else {
            try {
                n = Long.parseLong(v.toString().trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "not a whole number: " + v);
            }
        }
        if (n < min || n > max) {
            throw new ConfigException(key, n + " is outside " + min + "-" + max);
        }
        return n;
    }

    int integer(String key, int def, int min, int max) throws ConfigException {
        return (int) number(key, def, min, max);
    }

    boolean bool(String key, boolean def) throws ConfigException {
        Object v = raw(key);
        if (v == null) {
            return def;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        return switch (v.toString().trim().toLowerCase()) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(key, "not true or false: " + v);
        };
    }

    String choice(String key, String... allowed) throws ConfigException {
        String v = string(key);
        for (String a : allowed) {
            if (a.equalsIgnoreCase(v)) {
                return a;
            }
        }
        throw new ConfigException(key, "must be one of " + String.join(", ", allowed) + ", not " + v);
    }

    Secret secret(String key) {
        Object v = raw(key);
        return v == null ? null : Secret.of(v.toString());
    }

    InetAddress address(String key) throws ConfigException {
        String v = string(key);
        try {
            return InetAddress.getByName(v);
        } catch (UnknownHostException e) {
            throw new ConfigException(key, "unknown host " + v);
        }
    }

    /** "host", "host:port", "[v6]:port" or "v6"; {@code defPort} when no port is given. */
    static InetSocketAddress endpoint(String key, String text, int defPort) throws ConfigException {
        String host = text;
        int port = defPort;
        if (text.startsWith("[")) {
            int end = text.indexOf(']');
            if (end < 0) {
                throw new ConfigException(key, "unclosed [ in " + text);
            }
            host = text.substring(1, end);
            if (end + 1 < text.length()) {
                if (text.charAt(end + 1) != ':') {
                    throw new ConfigException(key, "expected :port after ] in " + text);
                }
                port = parsePort(key, text.substring(end + 2));
            }
        } else if (text.indexOf(':') >= 0 && text.indexOf(':') == text.lastIndexOf(':')) {
            host = text.substring(0, text.indexOf(':'));
            port = parsePort(key, text.substring(text.indexOf(':') + 1));
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new ConfigException(key, "unknown host " + host);
        }
    }

    private static int parsePort(String key, String s) throws ConfigException {
        try {
            int p = Integer.parseInt(s);
            if (p < 1 || p > 65535) {
                throw new ConfigException(key, "port " + p + " is outside 1-65535");
            }
            return p;
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "not a port: " + s);
        }
    }
}
