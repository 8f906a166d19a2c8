package org.l2tp.codec;

/**
 * The IETF AVPs of RFC 2661 section 4.4 (vendor id 0, attribute types 0-39; 20 is reserved and has no entry).
 * Each entry records the value format, whether the RFC sets the M bit when we send it, and whether the RFC
 * allows the value to be hidden (section 4.3).
 */
public enum AvpType {
    MESSAGE_TYPE(0, "Message Type", AvpFormat.U16, true, false),
    RESULT_CODE(1, "Result Code", AvpFormat.RESULT_CODE, true, false),
    PROTOCOL_VERSION(2, "Protocol Version", AvpFormat.PROTOCOL_VERSION, true, false),
    FRAMING_CAPABILITIES(3, "Framing Capabilities", AvpFormat.U32, true, true),
    BEARER_CAPABILITIES(4, "Bearer Capabilities", AvpFormat.U32, true, true),
    TIE_BREAKER(5, "Tie Breaker", AvpFormat.OCTETS, false, false, 8, 8),
    FIRMWARE_REVISION(6, "Firmware Revision", AvpFormat.U16, false, true),
    HOST_NAME(7, "Host Name", AvpFormat.TEXT, true, false, 1, AvpFormat.MAX_VALUE),
    VENDOR_NAME(8, "Vendor Name", AvpFormat.TEXT, false, true),
    ASSIGNED_TUNNEL_ID(9, "Assigned Tunnel ID", AvpFormat.U16, true, true),
    RECEIVE_WINDOW_SIZE(10, "Receive Window Size", AvpFormat.U16, true, false),
    CHALLENGE(11, "Challenge", AvpFormat.OCTETS, true, true, 1, AvpFormat.MAX_VALUE),
    Q931_CAUSE_CODE(12, "Q.931 Cause Code", AvpFormat.Q931_CAUSE, true, false),
    CHALLENGE_RESPONSE(13, "Challenge Response", AvpFormat.OCTETS, true, true, 16, 16),
    ASSIGNED_SESSION_ID(14, "Assigned Session ID", AvpFormat.U16, true, true),
    CALL_SERIAL_NUMBER(15, "Call Serial Number", AvpFormat.U32, true, false),
    MINIMUM_BPS(16, "Minimum BPS", AvpFormat.U32, true, true),
    MAXIMUM_BPS(17, "Maximum BPS", AvpFormat.U32, true, true),
    BEARER_TYPE(18, "Bearer Type", AvpFormat.U32, true, true),
    FRAMING_TYPE(19, "Framing Type", AvpFormat.U32, true, true),
    CALLED_NUMBER(21, "Called Number", AvpFormat.TEXT, true, true),
    CALLING_NUMBER(22, "Calling Number", AvpFormat.TEXT, true, true),
    SUB_ADDRESS(23, "Sub-Address", AvpFormat.TEXT, true, true),
    TX_CONNECT_SPEED(24, "(Tx) Connect Speed", AvpFormat.U32, true, true),
    PHYSICAL_CHANNEL_ID(25, "Physical Channel ID", AvpFormat.U32, false, true),
    INITIAL_RECEIVED_LCP_CONFREQ(26, "Initial Received LCP CONFREQ", AvpFormat.OCTETS, false, true),
    LAST_SENT_LCP_CONFREQ(27, "Last Sent LCP CONFREQ", AvpFormat.OCTETS, false, true),
    LAST_RECEIVED_LCP_CONFREQ(28, "Last Received LCP CONFREQ", AvpFormat.OCTETS, false, true),
    PROXY_AUTHEN_TYPE(29, "Proxy Authen Type", AvpFormat.U16, false, true),
    PROXY_AUTHEN_NAME(30, "Proxy Authen Name", AvpFormat.TEXT, false, true),
    PROXY_AUTHEN_CHALLENGE(31, "Proxy Authen Challenge", AvpFormat.OCTETS, false, true),
    /** Section 4.4.5: one reserved octet, then the PPP authentication id; held as a 16-bit value. */
    PROXY_AUTHEN_ID(32, "Proxy Authen ID", AvpFormat.U16, false, true),
    PROXY_AUTHEN_RESPONSE(33, "Proxy Authen Response", AvpFormat.OCTETS, false, true),
    CALL_ERRORS(34, "Call Errors", AvpFormat.CALL_ERRORS, true, true),
    ACCM(35, "ACCM", AvpFormat.ACCM, true, true),
    RANDOM_VECTOR(36, "Random Vector", AvpFormat.OCTETS, true, false, 1, AvpFormat.MAX_VALUE),
    PRIVATE_GROUP_ID(37, "Private Group ID", AvpFormat.OCTETS, false, true),
    RX_CONNECT_SPEED(38, "Rx Connect Speed", AvpFormat.U32, false, true),
    SEQUENCING_REQUIRED(39, "Sequencing Required", AvpFormat.EMPTY, true, false);

    /** The highest IETF attribute type RFC 2661 defines. */
    public static final int MAX_CODE = 39;
    private static final AvpType[] BY_CODE = new AvpType[MAX_CODE + 1];

    static {
        for (AvpType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final String rfcName;
    private final AvpFormat format;
    private final boolean mandatory;
    private final boolean hideable;
    private final int minLength;
    private final int maxLength;

    AvpType(int code, String rfcName, AvpFormat format, boolean mandatory, boolean hideable) {
        this(code, rfcName, format, mandatory, hideable, format.minLength(), format.maxLength());
    }

    AvpType(int code, String rfcName, AvpFormat format, boolean mandatory, boolean hideable, int min, int max) {
        this.code = code;
        this.rfcName = rfcName;
        this.format = format;
        this.mandatory = mandatory;
        this.hideable = hideable;
        this.minLength = min;
        this.maxLength = max;
    }

    /** The attribute type on the wire. */
    public int code() {
        return code;
    }

    /** The AVP's name as RFC 2661 spells it. */
    public String rfcName() {
        return rfcName;
    }

    public AvpFormat format() {
        return format;
    }

    /** Whether RFC 2661 has the sender set the M bit on this AVP. */
    public boolean mandatory() {
        return mandatory;
    }

    /** Whether RFC 2661 allows the H bit on this AVP. */
    public boolean hideable() {
        return hideable;
    }

    /** Whether a value of this many octets is well formed for this AVP. */
    public boolean acceptsLength(int valueLength) {
        return valueLength >= minLength && valueLength <= maxLength;
    }

    public int minLength() {
        return minLength;
    }

    public int maxLength() {
        return maxLength;
    }

    /** The IETF AVP with this attribute type, or null for a reserved or unknown type. */
    public static AvpType ofCode(int code) {
        return code >= 0 && code <= MAX_CODE ? BY_CODE[code] : null;
    }
}
