package org.l2tp.codec;

/** Result codes of the Result Code AVP in a StopCCN (RFC 2661 section 4.4.2). */
public enum StopCcnResult {
    GENERAL_REQUEST(1, "General request to clear control connection"),
    GENERAL_ERROR(2, "General error, Error Code indicates the problem"),
    ALREADY_EXISTS(3, "Control channel already exists"),
    NOT_AUTHORIZED(4, "Requester is not authorized to establish a control channel"),
    UNSUPPORTED_VERSION(5, "The protocol version of the requester is not supported"),
    SHUTTING_DOWN(6, "Requester is being shut down"),
    FSM_ERROR(7, "Finite State Machine error");

    private final int code;
    private final String text;

    StopCcnResult(int code, String text) {
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
    public static StopCcnResult ofCode(int code) {
        for (StopCcnResult r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return null;
    }
}
