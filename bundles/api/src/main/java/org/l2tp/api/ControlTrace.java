package org.l2tp.api;

/**
 * What {@link L2tpService#debug(int, int, ControlTrace, int)} does to a tunnel's control-message trace (every
 * control message sent and received, logged).
 */
public enum ControlTrace {
    /** Start logging every control message of the tunnel. */
    ON,
    /** Stop logging them. */
    OFF,
    /** Leave the trace as it is (to change only the kernel's debug mask). */
    UNCHANGED;

    /** {@link #ON} or {@link #OFF}. */
    public static ControlTrace of(boolean on) {
        return on ? ON : OFF;
    }
}
