package org.l2tp.pppd;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.l2tp.api.aaa.AuthMethod;

/** The PPP profile's parsing: engines, authentication lists, and what is refused before a session needs it. */
class PppProfileTest {

    @Test
    void theDefaultsAreTheInProcessEngineRequiringMsChapV2OrChapOfLocalUsers() {
        PppProfile p = PppProfile.from(Map.of());
        assertEquals("inprocess", p.engine());
        assertEquals(PppProfile.DEFAULT.engine(), p.engine());
        assertEquals("required", p.auth());
        assertEquals(List.of(AuthMethod.MSCHAP_V2, AuthMethod.CHAP_MD5), p.requiredMethods());
        assertEquals("local", p.aaa());
        assertTrue(p.ipv6());
    }

    @Test
    void methodsAreOfferedInTheOrderGiven() {
        PppProfile p = PppProfile.from(Map.of("auth", "pap, mschap-v2"));
        assertEquals(List.of(AuthMethod.PAP, AuthMethod.MSCHAP_V2), p.requiredMethods());
        assertEquals(List.of(), PppProfile.from(Map.of("auth", "none")).requiredMethods());
        assertEquals(List.of(AuthMethod.PAP, AuthMethod.MSCHAP_V2),
                PppProfile.from(Map.of("auth", new String[] {"pap", "mschap-v2"})).requiredMethods());
    }

    @Test
    void refusedMethodsAreNotUsedToAuthenticateOurselves() {
        PppProfile p = PppProfile.from(Map.of("refuse", "pap, mschap-v2"));
        assertEquals(List.of(AuthMethod.CHAP_MD5), p.allowedMethods());
    }

    @Test
    void mistakesAreRefusedWithTheKeyNamed() {
        assertMessage("engine", Map.of("engine", "accel"));
        assertMessage("auth", Map.of("auth", "chap, md5"));
        assertMessage("auth: eap needs engine = pppd", Map.of("auth", "eap", "engine", "inprocess"));
        assertMessage("dns", Map.of("dns", "dns.example.net"));
        assertMessage("local.address", Map.of("local.address", "10.0.0.300"));
        assertMessage("mru", Map.of("mru", "40"));
        assertDoesNotThrow(() -> PppProfile.from(Map.of("auth", "eap", "engine", "pppd")));
    }

    @Test
    void thePasswordIsNeverShown() {
        PppProfile p = PppProfile.from(Map.of("local.name", "lac", "local.password", "s3cret-pw"));
        assertEquals("s3cret-pw", p.localPassword());
        assertFalse(p.toString().contains("s3cret-pw"), p.toString());
    }

    private static void assertMessage(String start, Map<String, ?> props) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PppProfile.from(props));
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }
}
