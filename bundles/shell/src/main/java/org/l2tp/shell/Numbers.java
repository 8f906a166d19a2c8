package org.l2tp.shell;

/** Decimal numbers as typed on the command line, checked without exceptions. */
final class Numbers {
    /** Tunnel and session ids: 1-65535 (RFC 2661 section 3.1; 0 is never a tunnel's or a session's). */
    static final int MAX_ID = 65535;

    private Numbers() {
    }

    /** The number, or -1 when {@code text} is not a decimal number from {@code min} to {@code max} (min &ge; 0). */
    static int parse(String text, int min, int max) {
        if (text == null || text.isEmpty() || text.length() > 9
                || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int n = Integer.parseInt(text);
        return n >= min && n <= max ? n : -1;
    }

    /** A tunnel or session id, or -1. */
    static int id(String text) {
        return parse(text, 1, MAX_ID);
    }
}
