package org.l2tp.codec;

/** The bits of the first 16-bit word of the L2TP header (RFC 2661 section 3.1). */
public final class HeaderBits {
    /** Type: 1 for a control message. */
    public static final int T = 0x8000;
    /** Length field present. */
    public static final int L = 0x4000;
    /** Ns and Nr fields present. */
    public static final int S = 0x0800;
    /** Offset Size field present. */
    public static final int O = 0x0200;
    /** Priority: data message to be queued ahead of others. */
    public static final int P = 0x0100;
    /** The Ver field. */
    public static final int VERSION_MASK = 0x000F;
    /** L2TPv2; 1 is L2F, 3 is L2TPv3. */
    public static final int VERSION = 2;

    private HeaderBits() {
    }
}
