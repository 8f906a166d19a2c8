package org.l2tp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.l2tp.api.L2tpService;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;

/** The l2tp feature installed into a stock Apache Karaf 4.4 from Maven Central, as a user would. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KarafStockIT {

    @Inject
    private BundleContext context;

    @Inject
    private L2tpService l2tp;

    @Inject
    private SessionFactory sessions;

    @Inject
    private ServiceComponentRuntime scr;

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
            // Secrets that no service property may show (FelixSecretsIT has the details).
            editConfigurationFilePut("etc/org.l2tp.daemon.cfg", "secret", "stockdaemonsecret"),
            editConfigurationFilePut("etc/org.l2tp.ppp-leakcheck.cfg", "name", "leakcheck"),
            editConfigurationFilePut("etc/org.l2tp.ppp-leakcheck.cfg", "local.password", "stockppppassword"),
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

    /** A command's output, run as an admin (the shell's ACLs want a role). */
    private String run(String command) throws Exception {
        javax.security.auth.Subject subject = new javax.security.auth.Subject();
        subject.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.UserPrincipal("it"));
        subject.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.RolePrincipal("admin"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        Session s = sessions.create(new java.io.ByteArrayInputStream(new byte[0]), ps, ps);
        try {
            javax.security.auth.Subject.doAs(subject,
                    (java.security.PrivilegedExceptionAction<Object>) () -> s.execute(command));
        } finally {
            s.close();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    public void serviceListShowsNoSecret() throws Exception {
        // FileInstall delivers the profile some time after start: wait until its component has it.
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (scr.getComponentDescriptionDTOs().stream()
                .filter(d -> d.name.equals("org.l2tp.pppd.PppProfileComponent"))
                .flatMap(d -> scr.getComponentConfigurationDTOs(d).stream())
                .noneMatch(c -> c.state == ComponentConfigurationDTO.SATISFIED
                        || c.state == ComponentConfigurationDTO.ACTIVE)) {
            assertTrue("the PPP profile leakcheck never came", System.nanoTime() - deadline < 0);
            Thread.sleep(100);
        }
        String services = run("service:list");
        assertTrue(services, services.contains("org.l2tp.api.L2tpService"));
        assertEquals("secrets shown by service:list", List.of(),
                Stream.of("stockdaemonsecret", "stockppppassword").filter(services::contains).toList());
    }
}
