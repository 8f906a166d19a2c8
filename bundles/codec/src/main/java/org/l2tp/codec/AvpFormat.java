package org.l2tp.codec;

/**
 * The shape of an AVP's value as RFC 2661 section 4.4 lays it out. The decoder uses it to check lengths and
 * to build the typed {@link AvpValue}.
 */
public enum AvpFormat {
    /** No value at all (Sequencing Required). */
    EMPTY(0, 0),
    /** A 16-bit unsigned integer. */
    U16(2, 2),
    /** A 32-bit unsigned integer or bit mask. */
    U32(4, 4),
    /** Octets shown as text (host names, numbers); kept byte for byte. */
    TEXT(0, AvpFormat.MAX_VALUE),
    /** Opaque octets (challenges, LCP frames, random vectors). */
    OCTETS(0, AvpFormat.MAX_VALUE),
    /** Result Code: result (2), optional error (2), optional message (section 4.4.2). */
    RESULT_CODE(2, AvpFormat.MAX_VALUE),
    /** Protocol Version: version (1), revision (1) (section 4.4.3). */
    PROTOCOL_VERSION(2, 2),
    /** Q.931 Cause Code: cause (2), message (1), optional advisory (section 4.4.5). */
    Q931_CAUSE(3, AvpFormat.MAX_VALUE),
    /** Call Errors: reserved (2) and six 32-bit counters (section 4.4.6). */
    CALL_ERRORS(26, 26),
    /** ACCM: reserved (2), send ACCM (4), receive ACCM (4) (section 4.4.6). */
    ACCM(10, 10);

    /** The largest value an AVP can carry: its 10-bit length less the 6-octet AVP header. */
    public static final int MAX_VALUE = 1023 - 6;

    private final int min;
    private final int max;

    AvpFormat(int min, int max) {
        this.min = min;
        this.max = max;
    }

    public int minLength() {
        return min;
    }

    public int maxLength() {
        return max;
    }

    public boolean accepts(int valueLength) {
        return valueLength >= min && valueLength <= max;
    }
}
