package org.l2tp.codec;

import static org.l2tp.codec.AvpType.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** One realistic instance of every RFC 2661 message type, with every AVP section 6 allows for it. */
public final class SampleMessages {
    public static final byte[] SECRET = "s3cr3t-for-tests".getBytes();

    private SampleMessages() {
    }

    public static Map<MessageType, ControlMessage> all() {
        Map<MessageType, ControlMessage> m = new EnumMap<>(MessageType.class);
        int ns = 0;
        for (MessageType t : MessageType.values()) {
            int session = t.scope() == MessageType.Scope.SESSION && t != MessageType.ICRQ && t != MessageType.OCRQ
                    ? 0x1234 : 0;
            m.put(t, new ControlMessage(t == MessageType.SCCRQ ? 0 : 0xBEEF, session, ns++, 7, t, avpsFor(t)));
        }
        return m;
    }

    /** Every required and optional AVP of {@code t}, with values a real peer would send. */
    public static List<Avp> avpsFor(MessageType t) {
        List<Avp> avps = new ArrayList<>();
        for (AvpType a : AvpType.values()) {
            if (a != MESSAGE_TYPE && (t.required().contains(a) || t.optional().contains(a))) {
                avps.add(Avp.of(a, sampleValue(a, t)));
            }
        }
        return avps;
    }

    public static AvpValue sampleValue(AvpType a, MessageType in) {
        return switch (a) {
            case RESULT_CODE -> in == MessageType.CDN ? new AvpValue.ResultCode(3, 0, "Admin reset")
                    : new AvpValue.ResultCode(1, 0, "Goodbye!");
            case PROTOCOL_VERSION -> AvpValue.ProtocolVersion.L2TPV2;
            case FRAMING_CAPABILITIES, FRAMING_TYPE -> new AvpValue.U32(3);
            case BEARER_CAPABILITIES, BEARER_TYPE -> new AvpValue.U32(2);
            case TIE_BREAKER -> new AvpValue.Octets(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
            case FIRMWARE_REVISION -> new AvpValue.U16(0x0690);
            case HOST_NAME -> new AvpValue.Text("lns.example.net");
            case VENDOR_NAME -> new AvpValue.Text("org.l2tp");
            case ASSIGNED_TUNNEL_ID -> new AvpValue.U16(0xBEEF);
            case RECEIVE_WINDOW_SIZE -> new AvpValue.U16(16);
            case CHALLENGE -> new AvpValue.Octets(Hex.decode("00112233445566778899aabbccddeeff"));
            case Q931_CAUSE_CODE -> new AvpValue.Q931Cause(16, 0x45, "normal clearing");
            case CHALLENGE_RESPONSE -> new AvpValue.Octets(Hex.decode("ffeeddccbbaa99887766554433221100"));
            case ASSIGNED_SESSION_ID -> new AvpValue.U16(0x4321);
            case CALL_SERIAL_NUMBER -> new AvpValue.U32(123456789L);
            case MINIMUM_BPS -> new AvpValue.U32(64000);
            case MAXIMUM_BPS -> new AvpValue.U32(100_000_000L);
            case CALLED_NUMBER -> new AvpValue.Text("5551234");
            case CALLING_NUMBER -> new AvpValue.Text("5559876");
            case SUB_ADDRESS -> new AvpValue.Text("42");
            case TX_CONNECT_SPEED -> new AvpValue.U32(100_000_000L);
            case RX_CONNECT_SPEED -> new AvpValue.U32(50_000_000L);
            case PHYSICAL_CHANNEL_ID -> new AvpValue.U32(7);
            case INITIAL_RECEIVED_LCP_CONFREQ, LAST_SENT_LCP_CONFREQ, LAST_RECEIVED_LCP_CONFREQ ->
                    new AvpValue.Octets(Hex.decode("01040578050600000001"));
            case PROXY_AUTHEN_TYPE -> new AvpValue.U16(2);
            case PROXY_AUTHEN_NAME -> new AvpValue.Text("alice@example.net");
            case PROXY_AUTHEN_CHALLENGE -> new AvpValue.Octets(Hex.decode("0102030405060708090a0b0c0d0e0f10"));
            case PROXY_AUTHEN_ID -> new AvpValue.U16(9);
            case PROXY_AUTHEN_RESPONSE -> new AvpValue.Octets(Hex.decode("a1a2a3a4a5a6a7a8a9aaabacadaeafb0"));
            case CALL_ERRORS -> new AvpValue.CallErrors(1, 2, 3, 4, 5, 6);
            case ACCM -> new AvpValue.Accm(0xFFFFFFFFL, 0x000A0000L);
            case RANDOM_VECTOR -> new AvpValue.Octets(Hex.decode("5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a"));
            case PRIVATE_GROUP_ID -> new AvpValue.Octets("group-7".getBytes());
            case SEQUENCING_REQUIRED -> AvpValue.Empty.INSTANCE;
            case MESSAGE_TYPE -> new AvpValue.U16(in.code());
        };
    }
}
