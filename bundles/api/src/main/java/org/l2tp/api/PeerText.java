package org.l2tp.api;

/**
 * A peer's text (a name, a message) as our logs and reasons show it: control characters (a forged new line) as
 * '?', cut at a length with "..." after it. One rule for every bundle that logs what a peer sent.
 */
public final class PeerText {
    private PeerText() {
    }

    /** {@code s} with control characters as '?', at most {@code max} characters and "..." when it was longer. */
    public static String printable(String s, int max) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return s.length() > max ? b + "..." : b.toString();
    }
}
