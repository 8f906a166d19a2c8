package org.l2tp.codec;

import static org.l2tp.codec.AvpType.*;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The control message types of RFC 2661 section 3.2, each with the AVPs section 6 says it MUST and MAY carry.
 * Random Vector (section 4.3) and vendor AVPs may appear in any message and are not listed.
 */
public enum MessageType {
    SCCRQ(1, "Start-Control-Connection-Request", Scope.TUNNEL,
            EnumSet.of(MESSAGE_TYPE, PROTOCOL_VERSION, HOST_NAME, FRAMING_CAPABILITIES, ASSIGNED_TUNNEL_ID),
            EnumSet.of(BEARER_CAPABILITIES, RECEIVE_WINDOW_SIZE, CHALLENGE, TIE_BREAKER, FIRMWARE_REVISION, VENDOR_NAME)),
    SCCRP(2, "Start-Control-Connection-Reply", Scope.TUNNEL,
            EnumSet.of(MESSAGE_TYPE, PROTOCOL_VERSION, FRAMING_CAPABILITIES, HOST_NAME, ASSIGNED_TUNNEL_ID),
            EnumSet.of(BEARER_CAPABILITIES, FIRMWARE_REVISION, VENDOR_NAME, RECEIVE_WINDOW_SIZE, CHALLENGE,
                    CHALLENGE_RESPONSE)),
    SCCCN(3, "Start-Control-Connection-Connected", Scope.TUNNEL,
            EnumSet.of(MESSAGE_TYPE),
            EnumSet.of(CHALLENGE_RESPONSE)),
    STOPCCN(4, "Stop-Control-Connection-Notification", Scope.TUNNEL,
            EnumSet.of(MESSAGE_TYPE, ASSIGNED_TUNNEL_ID, RESULT_CODE),
            EnumSet.noneOf(AvpType.class)),
    HELLO(6, "Hello", Scope.TUNNEL,
            EnumSet.of(MESSAGE_TYPE),
            EnumSet.noneOf(AvpType.class)),
    OCRQ(7, "Outgoing-Call-Request", Scope.SESSION,
            EnumSet.of(MESSAGE_TYPE, ASSIGNED_SESSION_ID, CALL_SERIAL_NUMBER, MINIMUM_BPS, MAXIMUM_BPS, BEARER_TYPE,
                    FRAMING_TYPE, CALLED_NUMBER),
            EnumSet.of(SUB_ADDRESS)),
    OCRP(8, "Outgoing-Call-Reply", Scope.SESSION,
            EnumSet.of(MESSAGE_TYPE, ASSIGNED_SESSION_ID),
            EnumSet.of(PHYSICAL_CHANNEL_ID)),
    OCCN(9, "Outgoing-Call-Connected", Scope.SESSION,
            EnumSet.of(MESSAGE_TYPE, TX_CONNECT_SPEED, FRAMING_TYPE),
            EnumSet.of(RX_CONNECT_SPEED, SEQUENCING_REQUIRED)),
    ICRQ(10, "Incoming-Call-Request", Scope.SESSION,
            EnumSet.of(MESSAGE_TYPE, ASSIGNED_SESSION_ID, CALL_SERIAL_NUMBER),
            EnumSet.of(BEARER_TYPE, PHYSICAL_CHANNEL_ID, CALLING_NUMBER, CALLED_NUMBER, SUB_ADDRESS)),
    ICRP(11, "Incoming-Call-Reply", Scope.SESSION,
            EnumSet.of(MESSAGE_TYPE, ASSIGNED_SESSION_ID),
            EnumSet.noneOf(AvpType.class)),
    ICCN(12, "Incoming-Call-Connected", Scope.SESSION,
            EnumSet.of(MESSAGE_TYPE, TX_CONNECT_SPEED, FRAMING_TYPE),
            EnumSet.of(INITIAL_RECEIVED_LCP_CONFREQ, LAST_SENT_LCP_CONFREQ, LAST_RECEIVED_LCP_CONFREQ,
                    PROXY_AUTHEN_TYPE, PROXY_AUTHEN_NAME, PROXY_AUTHEN_CHALLENGE, PROXY_AUTHEN_ID,
                    PROXY_AUTHEN_RESPONSE, PRIVATE_GROUP_ID, RX_CONNECT_SPEED, SEQUENCING_REQUIRED)),
    CDN(14, "Call-Disconnect-Notify", Scope.SESSION,
            EnumSet.of(MESSAGE_TYPE, RESULT_CODE, ASSIGNED_SESSION_ID),
            EnumSet.of(Q931_CAUSE_CODE)),
    WEN(15, "WAN-Error-Notify", Scope.SESSION,
            EnumSet.of(MESSAGE_TYPE, CALL_ERRORS),
            EnumSet.noneOf(AvpType.class)),
    SLI(16, "Set-Link-Info", Scope.SESSION,
            EnumSet.of(MESSAGE_TYPE, ACCM),
            EnumSet.noneOf(AvpType.class));

    /** Whether a message concerns the control connection or one session (decides StopCCN versus CDN, section 4.1). */
    public enum Scope { TUNNEL, SESSION }

    private static final MessageType[] BY_CODE = new MessageType[17];

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final String longName;
    private final Scope scope;
    private final Set<AvpType> required;
    private final Set<AvpType> optional;

    MessageType(int code, String longName, Scope scope, EnumSet<AvpType> required, EnumSet<AvpType> optional) {
        this.code = code;
        this.longName = longName;
        this.scope = scope;
        this.required = Collections.unmodifiableSet(required);
        this.optional = Collections.unmodifiableSet(optional);
    }

    /** The abbreviation RFC 2661 uses ("SCCRQ", "StopCCN", ...). */
    public String abbreviation() {
        return this == STOPCCN ? "StopCCN" : name();
    }

    /** The value of the Message Type AVP. */
    public int code() {
        return code;
    }

    /** The message's full name, as in RFC 2661 section 3.2. */
    public String longName() {
        return longName;
    }

    public Scope scope() {
        return scope;
    }

    /** The AVPs section 6 says this message MUST carry (including Message Type). */
    public Set<AvpType> required() {
        return required;
    }

    /** The AVPs section 6 says this message MAY carry. */
    public Set<AvpType> optional() {
        return optional;
    }

    /** Whether section 6 lists this AVP for this message, as required or optional. */
    public boolean allows(AvpType type) {
        return type == RANDOM_VECTOR || required.contains(type) || optional.contains(type);
    }

    /** The message type with this code, or null for a reserved or unknown code. */
    public static MessageType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
