package org.l2tp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
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
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

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
    private ConfigurationAdmin configAdmin;

    private ServiceTracker<L2tpService, L2tpService> tracker;
    private L2tpService l2tp;

    @Configuration
    public Option[] config() {
        return Bundles.felixRuntime();
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError(symbolicName + " is not installed"));
    }

    @Before
    public void startTheDaemonOnAFreeLoopbackPort() throws Exception {
        Bundle control = bundle("org.l2tp.control");
        if (control.getState() != Bundle.ACTIVE) {
            // In ConfigurationAdmin before the bundle starts, so the component's first activation already has it.
            org.osgi.service.cm.Configuration c = configAdmin.getConfiguration("org.l2tp.daemon", "?");
            Hashtable<String, Object> p = new Hashtable<>();
            p.put("listen.address", "127.0.0.1");
            p.put("listen.port", "0");
            c.update(p);
            control.start();
        }
        tracker = new ServiceTracker<>(context, L2tpService.class, null);
        tracker.open();
        l2tp = tracker.waitForService(60_000);
        assertNotNull("no L2tpService within 60 s", l2tp);
    }

    @After
    public void closeTracker() {
        if (tracker != null) {
            tracker.close();
        }
    }

    /** The defaults the control bundle's metatype gives {@code attribute} of the daemon's configuration. */
    private Set<String> metatypeDefaults(String attribute) throws IOException {
        Set<String> defaults = new TreeSet<>();
        Enumeration<URL> files = bundle("org.l2tp.control").findEntries("OSGI-INF/metatype", "*.xml", false);
        Pattern ad = Pattern.compile("<AD id=\"" + Pattern.quote(attribute) + "\"[^>]*?default=\"([^\"]*)\"");
        for (URL f : files == null ? Collections.<URL>emptyList() : Collections.list(files)) {
            String xml;
            try (InputStream in = f.openStream()) {
                xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (xml.contains("<Designate pid=\"org.l2tp.daemon\"")) {
                Matcher m = ad.matcher(xml);
                while (m.find()) {
                    defaults.add(m.group(1));
                }
            }
        }
        return defaults;
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
    public void theDaemonServiceIsUpAndItsDefaultIsUdp1701() throws Exception {
        InetSocketAddress listen = l2tp.status().listen();
        assertEquals("127.0.0.1", listen.getAddress().getHostAddress());
        assertTrue("bound to a port: " + listen, listen.getPort() > 0);
        assertEquals(0, l2tp.tunnels().size());
        // What an unconfigured daemon binds, as the metatype publishes it (this one was given a free port).
        assertEquals(Set.of("1701"), metatypeDefaults("listen.port"));
        assertEquals(Set.of("0.0.0.0"), metatypeDefaults("listen.address"));
    }

    @Test
    public void theCodecWorksInsideFelix() throws Exception {
        byte[] wire = L2tpEncoder.encode(ControlMessage.of(MessageType.HELLO).withIds(1, 0), null);
        assertEquals(MessageType.HELLO, ((ControlMessage) L2tpDecoder.decode(wire, null)).type());
    }
}
