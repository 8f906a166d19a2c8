package org.l2tp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.nio.ByteBuffer;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.l2tp.api.DaemonStatus;
import org.l2tp.api.L2tpService;
import org.l2tp.codec.ControlMessage;
import org.l2tp.codec.L2tpDecoder;
import org.l2tp.codec.L2tpEncoder;
import org.l2tp.codec.MessageType;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/** Boots our Karaf distribution (karaf-assembly) and checks the l2tp feature's bundles are active and usable. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KarafDistributionIT {

    @Inject
    private BundleContext context;

    @Inject
    private L2tpService l2tp;

    @Configuration
    public Option[] config() {
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(maven("org.l2tp", "l2tp-karaf", System.getProperty("l2tp.version")).type("tar.gz"))
                    .name("L2TP Karaf")
                    .unpackDirectory(new File("target/exam"))
                    .useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.INFO),
            // Any free port: the test must not depend on 1701 being free on the build machine.
            editConfigurationFilePut("etc/org.l2tp.daemon.cfg", "listen.address", "127.0.0.1"),
            editConfigurationFilePut("etc/org.l2tp.daemon.cfg", "listen.port", "0"),
            editConfigurationFilePut("etc/org.l2tp.daemon.cfg", "dataplane", "null"),
        };
    }

    @Test
    public void ourBundlesAreActiveAtBoot() {
        for (String b : Bundles.OURS) {
            Bundles.assertActive(context, b);
        }
        Bundles.assertActive(context, "org.apache.felix.scr");
    }

    @Test
    public void theDaemonRunsWithItsConfigurationAndLogsToKarafLog() throws Exception {
        DaemonStatus s = l2tp.status();
        assertEquals("null", s.dataPlane());
        assertTrue(s.listen().getPort() > 0 && s.listen().getPort() != 1701);
        assertTrue(s.lns());
        java.nio.file.Path log = java.nio.file.Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        String text = java.nio.file.Files.readString(log);
        assertTrue("karaf.log lacks the daemon's start line", text.contains("l2tpd listening on 127.0.0.1:"
                + s.listen().getPort()));
    }

    @Test
    public void theCodecWorksInsideKaraf() throws Exception {
        byte[] wire = L2tpEncoder.encode(ControlMessage.of(MessageType.HELLO).withIds(1, 0), null);
        ControlMessage m = (ControlMessage) L2tpDecoder.decode(ByteBuffer.wrap(wire), null);
        assertEquals(MessageType.HELLO, m.type());
    }
}
