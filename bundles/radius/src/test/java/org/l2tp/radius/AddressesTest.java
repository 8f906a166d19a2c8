package org.l2tp.radius;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AddressesTest {
    private static String t(String s) {
        return Addresses.text(Addresses.literal(s));
    }

    @Test
    void rfc5952Text() {
        assertEquals("2001:db8::1", t("2001:0db8:0:0:0:0:0:1"));
        assertEquals("::", t("::"));
        assertEquals("::1", t("::1"));
        assertEquals("fe80::", t("fe80:0:0:0:0:0:0:0"));
        assertEquals("2001:db8:0:1:1:1:1:1", t("2001:db8:0:1:1:1:1:1"), "one 0 group stays");
        assertEquals("2001:db8::1:0:0:1", t("2001:db8:0:0:1:0:0:1"), "the first of equal runs");
        assertEquals("2001:0:0:1::1", t("2001:0:0:1:0:0:0:1"), "the longest run");
        assertEquals("192.0.2.1", t("192.0.2.1"));
        assertEquals("192.0.2.1", t("::ffff:192.0.2.1"), "mapped: the IPv4 address");
    }

    @Test
    void onlyLiterals() {
        assertNull(Addresses.literal("radius.example.org"));
        assertNull(Addresses.literal(""));
        assertNull(Addresses.literal(null));
        assertNull(Addresses.literal("1.2.3"));
        assertEquals("2001:db8::1", Addresses.text(Addresses.literal("[2001:db8::1]")));
    }
}
