package org.l2tp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.util.Arrays;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Assertions on the bundles of a running framework. */
final class Bundles {
    static final String[] OURS = {"org.l2tp.api", "org.l2tp.codec", "org.l2tp.control", "org.l2tp.kernel",
        "org.l2tp.pppd", "org.l2tp.ppp", "org.l2tp.radius"};

    private Bundles() {
    }

    /**
     * The embedded runtime's bundles on Felix for Pax Exam; the control bundle is installed but not started (a
     * test configures it first, so that it never binds 0.0.0.0:1701 in the test JVM).
     */
    static org.ops4j.pax.exam.Option[] felixRuntime() {
        String v = System.getProperty("l2tp.version");
        return org.ops4j.pax.exam.CoreOptions.options(
                mavenBundle("org.osgi", "org.osgi.util.function", "1.2.0"),
                mavenBundle("org.osgi", "org.osgi.util.promise", "1.3.0"),
                mavenBundle("org.osgi", "org.osgi.service.component", "1.5.1"),
                mavenBundle("org.apache.felix", "org.apache.felix.log", "1.3.0"),
                mavenBundle("org.apache.felix", "org.apache.felix.scr", System.getProperty("felix.scr.version")),
                mavenBundle("org.apache.felix", "org.apache.felix.configadmin",
                        System.getProperty("felix.configadmin.version")),
                mavenBundle("org.apache.felix", "org.apache.felix.metatype",
                        System.getProperty("felix.metatype.version")),
                mavenBundle("org.l2tp", "l2tp-api", v),
                mavenBundle("org.l2tp", "l2tp-codec", v),
                mavenBundle("org.l2tp", "l2tp-control", v).noStart(),
                mavenBundle("net.java.dev.jna", "jna", "5.17.0"),
                mavenBundle("org.l2tp", "l2tp-kernel", v),
                mavenBundle("org.l2tp", "l2tp-pppd", v),
                mavenBundle("org.l2tp", "l2tp-ppp", v),
                mavenBundle("org.l2tp", "l2tp-radius", v),
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                junitBundles());
    }


    static void assertActive(BundleContext context, String symbolicName) {
        Bundle b = Arrays.stream(context.getBundles()).filter(x -> symbolicName.equals(x.getSymbolicName()))
                .findFirst().orElse(null);
        assertNotNull(symbolicName + " is not installed", b);
        assertEquals(symbolicName + " is not active", Bundle.ACTIVE, b.getState());
    }
}
