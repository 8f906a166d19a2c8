package org.l2tp.codec;

/**
 * One attribute-value pair (RFC 2661 section 4.1), identified by (vendor id, attribute type).
 *
 * <p>{@code hidden} says the AVP travels with the H bit set (section 4.3): the value here is always the plain value
 * when the codec could reveal it, and {@link AvpValue.Raw} ciphertext when no secret was at hand.
 *
 * @param vendorId      0 for the IETF AVPs of RFC 2661, else the vendor's SMI enterprise code
 * @param attributeType the attribute type within the vendor's space
 * @param mandatory     the M bit
 * @param hidden        the H bit
 * @param value         the value
 */
public record Avp(int vendorId, int attributeType, boolean mandatory, boolean hidden, AvpValue value) {

    /** The AVP header: flags and length (2), vendor id (2), attribute type (2). */
    public static final int HEADER_LENGTH = 6;
    /** The AVP length field has 10 bits. */
    public static final int MAX_LENGTH = 1023;

    public Avp {
        if (vendorId < 0 || vendorId > 0xFFFF || attributeType < 0 || attributeType > 0xFFFF) {
            throw new IllegalArgumentException("vendor id and attribute type are 16-bit values");
        }
        if (value == null) {
            throw new IllegalArgumentException("AVP value must not be null");
        }
        AvpType type = vendorId == 0 ? AvpType.ofCode(attributeType) : null;
        if (type != null && !(value instanceof AvpValue.Raw)) {
            if (!fits(type.format(), value)) {
                throw new IllegalArgumentException(type.rfcName() + " takes a " + type.format() + " value, not "
                        + value.getClass().getSimpleName());
            }
            if (!type.acceptsLength(value.encodedLength())) {
                throw new IllegalArgumentException(type.rfcName() + " value of " + value.encodedLength()
                        + " octets is outside " + type.minLength() + "-" + type.maxLength());
            }
        }
        int wire = HEADER_LENGTH + value.encodedLength() + (hidden && !(value instanceof AvpValue.Raw) ? 2 : 0);
        if (wire > MAX_LENGTH) {
            throw new IllegalArgumentException("AVP of " + wire + " octets exceeds the " + MAX_LENGTH + "-octet limit");
        }
    }

    /** An IETF AVP with the M bit RFC 2661 prescribes for it, not hidden. */
    public static Avp of(AvpType type, AvpValue value) {
        return new Avp(0, type.code(), type.mandatory(), false, value);
    }

    public static Avp u16(AvpType type, int value) {
        return of(type, new AvpValue.U16(value));
    }

    public static Avp u32(AvpType type, long value) {
        return of(type, new AvpValue.U32(value));
    }

    public static Avp text(AvpType type, String value) {
        return of(type, new AvpValue.Text(value));
    }

    public static Avp octets(AvpType type, byte[] value) {
        return of(type, new AvpValue.Octets(value));
    }

    /** A vendor-specific (or unknown IETF) AVP carried as raw octets. */
    public static Avp raw(int vendorId, int attributeType, boolean mandatory, byte[] value) {
        return new Avp(vendorId, attributeType, mandatory, false, new AvpValue.Raw(value));
    }

    /** This AVP with the H bit set; refused for AVPs RFC 2661 says MUST NOT be hidden. */
    public Avp hide() {
        AvpType type = ietfType();
        if (type != null && !type.hideable()) {
            throw new IllegalArgumentException(type.rfcName() + " must not be hidden (RFC 2661 section 4.4)");
        }
        return new Avp(vendorId, attributeType, mandatory, true, value);
    }

    /** The RFC 2661 AVP this is, or null for a vendor AVP or an unknown or reserved IETF type. */
    public AvpType ietfType() {
        return vendorId == 0 ? AvpType.ofCode(attributeType) : null;
    }

    /** Whether this is the given IETF AVP. */
    public boolean is(AvpType type) {
        return vendorId == 0 && attributeType == type.code();
    }

    /** A readable name: the RFC's, or "vendor V type T". */
    public String name() {
        AvpType type = ietfType();
        return type != null ? type.rfcName() : (vendorId == 0 ? "Unknown type " : "Vendor " + vendorId + " type ")
                + attributeType;
    }

    static boolean fits(AvpFormat format, AvpValue value) {
        return switch (format) {
            case EMPTY -> value instanceof AvpValue.Empty;
            case U16 -> value instanceof AvpValue.U16;
            case U32 -> value instanceof AvpValue.U32;
            case TEXT -> value instanceof AvpValue.Text;
            case OCTETS -> value instanceof AvpValue.Octets;
            case RESULT_CODE -> value instanceof AvpValue.ResultCode;
            case PROTOCOL_VERSION -> value instanceof AvpValue.ProtocolVersion;
            case Q931_CAUSE -> value instanceof AvpValue.Q931Cause;
            case CALL_ERRORS -> value instanceof AvpValue.CallErrors;
            case ACCM -> value instanceof AvpValue.Accm;
        };
    }

    @Override
    public String toString() {
        return name() + (mandatory ? " M" : "") + (hidden ? " H" : "") + " = " + value;
    }
}
