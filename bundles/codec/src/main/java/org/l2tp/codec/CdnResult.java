package org.l2tp.codec;

/** Result codes of the Result Code AVP in a CDN (RFC 2661 section 4.4.2). */
public enum CdnResult {
    LOST_CARRIER(1, "Call disconnected due to loss of carrier"),
    GENERAL_ERROR(2, "Call disconnected for the reason indicated in error code"),
    ADMINISTRATIVE(3, "Call disconnected for administrative reasons"),
    TEMPORARY_NO_FACILITIES(4, "Call failed due to lack of appropriate facilities being available (temporary condition)"),
    PERMANENT_NO_FACILITIES(5, "Call failed due to lack of appropriate facilities being available (permanent condition)"),
    INVALID_DESTINATION(6, "Invalid destination"),
    NO_CARRIER(7, "Call failed due to no carrier detected"),
    BUSY(8, "Call failed due to detection of a busy signal"),
    NO_DIAL_TONE(9, "Call failed due to lack of a dial tone"),
    TIMEOUT(10, "Call was not established within time allotted by LAC"),
    NO_FRAMING(11, "Call was connected but no appropriate framing was detected");

    private final int code;
    private final String text;

    CdnResult(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public String text() {
        return text;
    }

    /** The result with this code, or null if RFC 2661 defines none. */
    public static CdnResult ofCode(int code) {
        for (CdnResult r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return null;
    }
}
