package org.l2tp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.util.Arrays;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Assertions on the bundles of a running framework. */
final class Bundles {
    static final String[] OURS = {"org.l2tp.api", "org.l2tp.codec", "org.l2tp.control", "org.l2tp.kernel",
        "org.l2tp.pppd", "org.l2tp.ppp", "org.l2tp.radius"};

    private Bundles() {
    }

    static void assertActive(BundleContext context, String symbolicName) {
        Bundle b = Arrays.stream(context.getBundles()).filter(x -> symbolicName.equals(x.getSymbolicName()))
                .findFirst().orElse(null);
        assertNotNull(symbolicName + " is not installed", b);
        assertEquals(symbolicName + " is not active", Bundle.ACTIVE, b.getState());
    }
}
