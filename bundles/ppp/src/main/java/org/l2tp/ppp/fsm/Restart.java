package org.l2tp.ppp.fsm;

/**
 * The counters and timer of RFC 1661 section 4.6: Restart timer, Max-Terminate, Max-Configure, Max-Failure
 * (suggested defaults 3 s, 2, 10, 5).
 */
public record Restart(long timeoutMs, int maxTerminate, int maxConfigure, int maxFailure) {
    public static final Restart DEFAULT = new Restart(3000, 2, 10, 5);

    public Restart {
        if (timeoutMs <= 0 || maxTerminate < 1 || maxConfigure < 1 || maxFailure < 1) {
            throw new IllegalArgumentException("restart timer and counters must be positive: " + timeoutMs + ", "
                    + maxTerminate + ", " + maxConfigure + ", " + maxFailure);
        }
    }
}
