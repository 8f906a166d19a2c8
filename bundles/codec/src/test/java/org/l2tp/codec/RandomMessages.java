package org.l2tp.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random but valid messages: every type, any allowed AVP subset, vendor AVPs, hidden AVPs, edge values. */
final class RandomMessages {
    private RandomMessages() {
    }

    static ControlMessage control(Random r, boolean hide) {
        if (r.nextInt(20) == 0) {
            return ControlMessage.zlb(r.nextInt(0x10000), r.nextInt(0x10000), r.nextInt(0x10000), r.nextInt(0x10000));
        }
        MessageType t = MessageType.values()[r.nextInt(MessageType.values().length)];
        List<Avp> avps = new ArrayList<>();
        boolean rv = hide || r.nextBoolean();
        if (rv) {
            avps.add(Avp.octets(AvpType.RANDOM_VECTOR, bytes(r, 1 + r.nextInt(32))));
        }
        for (AvpType a : AvpType.values()) {
            boolean allowed = t.required().contains(a) || t.optional().contains(a);
            if (a == AvpType.MESSAGE_TYPE || a == AvpType.RANDOM_VECTOR || !allowed) {
                continue;
            }
            if (t.required().contains(a) || r.nextBoolean()) {
                Avp avp = new Avp(0, a.code(), r.nextBoolean(), false, value(r, a));
                avps.add(hide && a.hideable() && r.nextBoolean() ? avp.hide() : avp);
            }
            if (r.nextInt(8) == 0) {
                avps.add(Avp.raw(1 + r.nextInt(0xFFFF), r.nextInt(0x10000), false, bytes(r, r.nextInt(40))));
            }
        }
        if (r.nextInt(4) == 0) {
            // An IETF type RFC 2661 does not define, M bit clear: kept raw.
            avps.add(Avp.raw(0, 40 + r.nextInt(1000), false, bytes(r, r.nextInt(10))));
        }
        return new ControlMessage(r.nextInt(0x10000), r.nextInt(0x10000), r.nextInt(0x10000), r.nextInt(0x10000), t,
                avps);
    }

    static AvpValue value(Random r, AvpType a) {
        return switch (a.format()) {
            case EMPTY -> AvpValue.Empty.INSTANCE;
            case U16 -> new AvpValue.U16(edge(r, 0xFFFF));
            case U32 -> new AvpValue.U32(edgeLong(r, 0xFFFF_FFFFL));
            case TEXT -> new AvpValue.Text(text(r, Math.max(a.minLength(), r.nextInt(r.nextInt(10) == 0 ? 900 : 40))));
            case OCTETS -> new AvpValue.Octets(bytes(r, a.minLength() == a.maxLength() ? a.minLength()
                    : Math.max(a.minLength(), r.nextInt(r.nextInt(10) == 0 ? 900 : 40))));
            case RESULT_CODE -> switch (r.nextInt(3)) {
                case 0 -> new AvpValue.ResultCode(edge(r, 0xFFFF));
                case 1 -> new AvpValue.ResultCode(edge(r, 0xFFFF), edge(r, 0xFFFF));
                default -> new AvpValue.ResultCode(edge(r, 0xFFFF), edge(r, 0xFFFF), text(r, r.nextInt(60)));
            };
            case PROTOCOL_VERSION -> new AvpValue.ProtocolVersion(r.nextInt(256), r.nextInt(256));
            case Q931_CAUSE -> new AvpValue.Q931Cause(edge(r, 0xFFFF), r.nextInt(256),
                    r.nextBoolean() ? null : text(r, r.nextInt(60)));
            case CALL_ERRORS -> new AvpValue.CallErrors(edgeLong(r, 0xFFFF_FFFFL), edgeLong(r, 0xFFFF_FFFFL),
                    edgeLong(r, 0xFFFF_FFFFL), edgeLong(r, 0xFFFF_FFFFL), edgeLong(r, 0xFFFF_FFFFL),
                    edgeLong(r, 0xFFFF_FFFFL));
            case ACCM -> new AvpValue.Accm(edgeLong(r, 0xFFFF_FFFFL), edgeLong(r, 0xFFFF_FFFFL));
        };
    }

    static DataMessage data(Random r) {
        boolean seq = r.nextBoolean();
        return new DataMessage(r.nextInt(0x10000), r.nextInt(0x10000), seq ? r.nextInt(0x10000) : -1,
                seq ? r.nextInt(0x10000) : -1, r.nextBoolean(), r.nextBoolean(),
                r.nextBoolean() ? -1 : r.nextInt(20), ByteBuffer.wrap(bytes(r, r.nextInt(1500))));
    }

    private static int edge(Random r, int max) {
        return switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> max;
            default -> r.nextInt(max + 1);
        };
    }

    private static long edgeLong(Random r, long max) {
        return switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> max;
            default -> (r.nextLong() >>> 1) % (max + 1);
        };
    }

    static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static String text(Random r, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = (char) (r.nextInt(8) == 0 ? r.nextInt(256) : 0x20 + r.nextInt(0x5F));
        }
        return new String(c);
    }
}
