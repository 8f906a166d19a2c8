package org.l2tp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;

import java.io.File;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.l2tp.api.L2tpService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/** The l2tp feature installed into a stock Apache Karaf 4.4 from Maven Central, as a user would. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KarafStockIT {

    @Inject
    private BundleContext context;

    @Inject
    private L2tpService l2tp;

    @Configuration
    public Option[] config() {
        String v = System.getProperty("l2tp.version");
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(maven("org.apache.karaf", "apache-karaf", System.getProperty("karaf.version"))
                            .type("tar.gz"))
                    .name("Apache Karaf").unpackDirectory(new File("target/exam-stock")).useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            editConfigurationFilePut("etc/org.l2tp.daemon.cfg", "listen.address", "127.0.0.1"),
            editConfigurationFilePut("etc/org.l2tp.daemon.cfg", "listen.port", "0"),
            features(maven("org.l2tp", "l2tp-features", v).classifier("features").type("xml"), "l2tp"),
        };
    }

    @Test
    public void theFeatureInstallsAndTheDaemonRuns() {
        for (String b : Bundles.OURS) {
            Bundles.assertActive(context, b);
        }
        Bundles.assertActive(context, "com.sun.jna");
        Bundles.assertActive(context, "org.apache.felix.scr");
        // dataplane=auto picks the kernel plane, which says whether this kernel can carry calls, and how to fix it.
        assertEquals("kernel", l2tp.status().dataPlane());
        boolean hasL2tp = new File("/sys/module/l2tp_ppp").exists();
        assertEquals(hasL2tp, l2tp.status().dataPlaneAvailable());
        if (!hasL2tp) {
            assertTrue(l2tp.status().dataPlaneStatus(), l2tp.status().dataPlaneStatus().contains("modprobe l2tp_ppp"));
        }
    }
}
