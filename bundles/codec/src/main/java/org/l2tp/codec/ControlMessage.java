package org.l2tp.codec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A control message (RFC 2661 section 3.1: T, L and S bits set) or, when {@code type} is null, a ZLB
 * acknowledgement (section 5.8). The Message Type AVP is not in {@code avps}: it is {@code type}, and the encoder
 * always writes it first as section 4.4.1 requires.
 *
 * @param tunnelId  the header's Tunnel ID (the receiver's id; 0 before the peer assigned one)
 * @param sessionId the header's Session ID (0 for tunnel-scoped messages)
 * @param ns        the sequence number of this message
 * @param nr        the next sequence number the sender expects to receive
 * @param type      the message type, or null for a ZLB
 * @param avps      the AVPs after the Message Type AVP, in wire order
 */
public record ControlMessage(int tunnelId, int sessionId, int ns, int nr, MessageType type, List<Avp> avps)
        implements L2tpMessage {

    public ControlMessage {
        checkU16(tunnelId, "tunnel id");
        checkU16(sessionId, "session id");
        checkU16(ns, "Ns");
        checkU16(nr, "Nr");
        avps = List.copyOf(avps);
        if (type == null && !avps.isEmpty()) {
            throw new IllegalArgumentException("a ZLB carries no AVPs");
        }
        for (Avp a : avps) {
            if (a.is(AvpType.MESSAGE_TYPE)) {
                throw new IllegalArgumentException("the Message Type AVP is given by the type, not in the AVP list");
            }
        }
    }

    /** A message of this type with these AVPs; ids and sequence numbers are set later with the with* methods. */
    public static ControlMessage of(MessageType type, List<Avp> avps) {
        return new ControlMessage(0, 0, 0, 0, type, avps);
    }

    public static ControlMessage of(MessageType type, Avp... avps) {
        return of(type, List.of(avps));
    }

    /** A zero-length body acknowledgement (section 5.8). */
    public static ControlMessage zlb(int tunnelId, int sessionId, int ns, int nr) {
        return new ControlMessage(tunnelId, sessionId, ns, nr, null, List.of());
    }

    public boolean isZlb() {
        return type == null;
    }

    public ControlMessage withIds(int tunnelId, int sessionId) {
        return new ControlMessage(tunnelId, sessionId, ns, nr, type, avps);
    }

    public ControlMessage withSequence(int ns, int nr) {
        return new ControlMessage(tunnelId, sessionId, ns, nr, type, avps);
    }

    /** The first AVP of this IETF type, or null. */
    public Avp find(AvpType type) {
        for (Avp a : avps) {
            if (a.is(type)) {
                return a;
            }
        }
        return null;
    }

    /** The first AVP with this vendor id and attribute type, or null. */
    public Avp find(int vendorId, int attributeType) {
        for (Avp a : avps) {
            if (a.vendorId() == vendorId && a.attributeType() == attributeType) {
                return a;
            }
        }
        return null;
    }

    public boolean has(AvpType type) {
        return find(type) != null;
    }

    /** The value of the first AVP of this type, or null when absent or still hidden. */
    public <V extends AvpValue> V value(AvpType type, Class<V> kind) {
        Avp a = find(type);
        return a != null && kind.isInstance(a.value()) ? kind.cast(a.value()) : null;
    }

    /** A 16-bit AVP's value, or -1 when absent or unreadable. */
    public int u16(AvpType type) {
        AvpValue.U16 v = value(type, AvpValue.U16.class);
        return v == null ? -1 : v.value();
    }

    /** A 32-bit AVP's value, or -1 when absent or unreadable. */
    public long u32(AvpType type) {
        AvpValue.U32 v = value(type, AvpValue.U32.class);
        return v == null ? -1 : v.value();
    }

    /** A text AVP's value, or null when absent or unreadable. */
    public String text(AvpType type) {
        AvpValue.Text v = value(type, AvpValue.Text.class);
        return v == null ? null : v.value();
    }

    /** An octets AVP's value (a copy), or null when absent or unreadable. */
    public byte[] octets(AvpType type) {
        AvpValue.Octets v = value(type, AvpValue.Octets.class);
        return v == null ? null : v.value();
    }

    /**
     * The AVPs section 6 requires for this message type that are missing (or still hidden, so unusable). The control
     * plane answers a non-empty result as the RFC requires for a malformed message.
     */
    public Set<AvpType> missingRequired() {
        Set<AvpType> missing = EnumSet.noneOf(AvpType.class);
        if (type == null) {
            return missing;
        }
        for (AvpType t : type.required()) {
            if (t == AvpType.MESSAGE_TYPE) {
                continue;
            }
            Avp a = find(t);
            if (a == null || a.value() instanceof AvpValue.Raw) {
                missing.add(t);
            }
        }
        return missing;
    }

    /** The AVPs whose M bit is set but which this codec does not know (section 4.1). */
    public List<Avp> unknownMandatory() {
        List<Avp> out = new ArrayList<>(0);
        for (Avp a : avps) {
            if (a.mandatory() && a.ietfType() == null) {
                out.add(a);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return (type == null ? "ZLB" : type.abbreviation()) + "{tunnel=" + tunnelId + ", session=" + sessionId + ", Ns=" + ns
                + ", Nr=" + nr + (avps.isEmpty() ? "" : ", " + avps) + "}";
    }

    private static void checkU16(int v, String what) {
        if (v < 0 || v > 0xFFFF) {
            throw new IllegalArgumentException(what + " out of range 0-65535: " + v);
        }
    }
}
