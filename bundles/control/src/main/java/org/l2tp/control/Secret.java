package org.l2tp.control;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A shared secret: its bytes go to MD5 and nowhere else; it prints as stars. */
public final class Secret {
    private final byte[] bytes;

    private Secret(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The secret, or null when {@code text} is null or empty. */
    public static Secret of(String text) {
        return text == null || text.isEmpty() ? null : new Secret(text.getBytes(StandardCharsets.UTF_8));
    }

    byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && Arrays.equals(bytes, s.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "********";
    }
}
