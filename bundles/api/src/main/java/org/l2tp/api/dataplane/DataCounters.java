package org.l2tp.api.dataplane;

/** Data-path counters, as the kernel's PPPIOCGL2TPSTATS reports them. */
public record DataCounters(long txPackets, long txBytes, long txErrors, long rxPackets, long rxBytes,
                           long rxSeqDiscards, long rxOosPackets, long rxErrors) {
    public static final DataCounters ZERO = new DataCounters(0, 0, 0, 0, 0, 0, 0, 0);
}
