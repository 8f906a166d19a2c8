package org.l2tp.itests;

import static org.junit.Assert.assertEquals;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.util.Arrays;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.l2tp.api.L2tpService;
import org.l2tp.codec.ControlMessage;
import org.l2tp.codec.L2tpDecoder;
import org.l2tp.codec.L2tpEncoder;
import org.l2tp.codec.MessageType;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Boots plain Felix with the bundle set of the embedded runtime (bndrun/l2tpd.bndrun) and checks our bundles are
 * active. The exported jar itself is started by {@link FelixEmbeddedJarIT}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FelixRuntimeIT {

    @Inject
    private BundleContext context;

    @Inject
    private L2tpService l2tp;

    @Configuration
    public Option[] config() {
        String v = System.getProperty("l2tp.version");
        return options(
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
                mavenBundle("org.l2tp", "l2tp-control", v),
                mavenBundle("net.java.dev.jna", "jna", "5.17.0"),
                mavenBundle("org.l2tp", "l2tp-kernel", v),
                mavenBundle("org.l2tp", "l2tp-pppd", v),
                systemProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                junitBundles());
    }

    @Test
    public void ourBundlesAreActive() {
        assertEquals("Felix is the framework", "org.apache.felix.framework",
                context.getBundle(0).getSymbolicName());
        for (String b : Bundles.OURS) {
            Bundles.assertActive(context, b);
        }
        Bundles.assertActive(context, "org.apache.felix.scr");
        assertEquals(0, Arrays.stream(context.getBundles()).filter(b -> b.getState() != Bundle.ACTIVE
                && b.getHeaders().get("Fragment-Host") == null).count());
    }

    @Test
    public void theDaemonServiceIsUpWithDefaults() {
        assertEquals(1701, l2tp.status().listen().getPort());
        assertEquals(0, l2tp.tunnels().size());
    }

    @Test
    public void theCodecWorksInsideFelix() throws Exception {
        byte[] wire = L2tpEncoder.encode(ControlMessage.of(MessageType.HELLO).withIds(1, 0), null);
        assertEquals(MessageType.HELLO, ((ControlMessage) L2tpDecoder.decode(wire, null)).type());
    }
}
