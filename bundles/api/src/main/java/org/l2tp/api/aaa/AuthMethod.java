package org.l2tp.api.aaa;

import java.util.Locale;

/** The PPP authentication protocols the in-process engine speaks, with their profile names. */
public enum AuthMethod {
    /** RFC 1334. */
    PAP("pap"),
    /** RFC 1994 with MD5. */
    CHAP_MD5("chap"),
    /** RFC 2759. */
    MSCHAP_V2("mschap-v2");

    private final String key;

    AuthMethod(String key) {
        this.key = key;
    }

    /** The name used in configuration (pap, chap, mschap-v2). */
    public String key() {
        return key;
    }

    /** The method for a configuration name, or an IllegalArgumentException naming the ones there are. */
    public static AuthMethod of(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        for (AuthMethod m : values()) {
            if (m.key.equals(k)) {
                return m;
            }
        }
        throw new IllegalArgumentException("not an authentication method: " + key + " (pap, chap, mschap-v2)");
    }
}
