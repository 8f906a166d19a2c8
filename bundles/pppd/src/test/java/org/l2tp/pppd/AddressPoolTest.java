package org.l2tp.pppd;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AddressPoolTest {
    @Test
    void neverTheSameAddressTwiceAndShrinkingKeepsLeases() {
        AddressPool p = new AddressPool("10.0.0.1-10.0.0.3, 10.0.1.0/30");
        Set<String> got = new HashSet<>();
        String a;
        while ((a = p.lease()) != null) {
            assertTrue(got.add(a), "leased twice: " + a);
        }
        assertEquals(Set.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.1.1", "10.0.1.2"), got);
        p.reconfigure("10.0.0.3");
        assertTrue(p.isLeased("10.0.0.1"), "a live session keeps its address outside the new ranges");
        assertNull(p.lease(), "10.0.0.3 is still leased");
        p.release("10.0.0.3");
        assertEquals("10.0.0.3", p.lease());
        p.release("10.0.0.1");
        assertNull(p.lease(), "a released address outside the ranges is not handed out again");
        assertThrows(IllegalArgumentException.class, () -> new AddressPool("10.0.0.5-10.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> new AddressPool("bogus"));
    }

    @Test
    void anAddressAaaAssignsIsTakenOnceInsideThePoolAndFreelyOutsideIt() {
        AddressPool p = new AddressPool("10.0.0.1-10.0.0.3");
        assertTrue(p.contains("10.0.0.2"));
        assertFalse(p.contains("10.0.9.9"));
        assertTrue(p.take("10.0.0.2"));
        assertFalse(p.take("10.0.0.2"), "a second session cannot have it");
        assertEquals("10.0.0.1", p.lease());
        assertEquals("10.0.0.3", p.lease(), "leases go around a taken address");
        assertTrue(p.take("10.0.9.9"), "outside the pool: nothing to keep");
        assertTrue(p.take("10.0.9.9"));
        p.release("10.0.0.2");
        assertTrue(p.take("10.0.0.2"));
    }
}
