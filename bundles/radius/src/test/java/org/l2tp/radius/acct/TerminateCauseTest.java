package org.l2tp.radius.acct;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.l2tp.api.ppp.PppEnd;

/** Every way PPP can end has its RFC 2866 section 5.10 cause; the table is the one the README documents. */
class TerminateCauseTest {
    @Test
    void everyPppEndMaps() {
        Map<PppEnd, Integer> expected = new EnumMap<>(PppEnd.class);
        expected.put(PppEnd.USER_REQUEST, 1);       // User-Request
        expected.put(PppEnd.PEER_DEAD, 2);          // Lost-Carrier
        expected.put(PppEnd.HANGUP, 2);             // Lost-Carrier
        expected.put(PppEnd.IDLE, 4);               // Idle-Timeout
        expected.put(PppEnd.CONNECT_TIME, 5);       // Session-Timeout
        expected.put(PppEnd.FATAL, 9);              // NAS-Error
        expected.put(PppEnd.NO_ADDRESS, 9);         // NAS-Error
        expected.put(PppEnd.AUTH_TO_PEER_FAILED, 9); // NAS-Error
        expected.put(PppEnd.NEGOTIATION_FAILED, 17); // User-Error
        expected.put(PppEnd.PEER_AUTH_FAILED, 17);  // User-Error
        expected.put(PppEnd.LOOPBACK, 8);           // Port-Error
        for (PppEnd e : PppEnd.values()) {
            assertEquals(expected.get(e), TerminateCause.of(e).value(), e.name());
        }
    }

    @Test
    void cdnResults() {
        assertEquals(TerminateCause.LOST_CARRIER, TerminateCause.ofCdnResult(1));
        assertEquals(TerminateCause.USER_REQUEST, TerminateCause.ofCdnResult(3));
        assertEquals(TerminateCause.NAS_ERROR, TerminateCause.ofCdnResult(2));
        assertEquals(TerminateCause.NAS_ERROR, TerminateCause.ofCdnResult(4));
    }
}
