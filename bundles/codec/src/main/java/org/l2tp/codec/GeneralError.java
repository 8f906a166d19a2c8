package org.l2tp.codec;

/** The General Error Codes carried in a Result Code AVP's error field (RFC 2661 section 4.4.2). */
public enum GeneralError {
    NO_ERROR(0, "No general error"),
    NO_CONTROL_CONNECTION(1, "No control connection exists yet for this LAC-LNS pair"),
    LENGTH_WRONG(2, "Length is wrong"),
    FIELD_OUT_OF_RANGE(3, "One of the field values was out of range or reserved field was non-zero"),
    INSUFFICIENT_RESOURCES(4, "Insufficient resources to handle this operation now"),
    INVALID_SESSION_ID(5, "The Session ID is invalid in this context"),
    VENDOR_SPECIFIC(6, "A generic vendor-specific error occurred in the LAC"),
    TRY_ANOTHER(7, "Try another"),
    UNKNOWN_MANDATORY_AVP(8, "Session or tunnel was shutdown due to receipt of an unknown AVP with the M-bit set");

    private final int code;
    private final String text;

    GeneralError(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public String text() {
        return text;
    }

    /** The error with this code, or null if RFC 2661 defines none. */
    public static GeneralError ofCode(int code) {
        for (GeneralError e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return null;
    }
}
