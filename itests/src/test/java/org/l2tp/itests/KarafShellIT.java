package org.l2tp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.l2tp.api.L2tpService;
import org.l2tp.api.TunnelInfo;
import org.l2tp.api.TunnelState;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * In our Karaf distribution, against a real xl2tpd LNS: every l2tp:* command runs and prints the state; a peer
 * configured through ConfigAdmin connects; a daemon configuration change applies without the component restarting
 * and without the tunnel dropping; an invalid change is refused and the old configuration keeps working; deleting
 * the peer configuration tears its tunnel down.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KarafShellIT {

    @Inject
    private BundleContext context;

    @Inject
    private L2tpService l2tp;

    @Inject
    private SessionFactory sessions;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return new Option[] {
            karafDistributionConfiguration()
                    .frameworkUrl(maven("org.l2tp", "l2tp-karaf", System.getProperty("l2tp.version")).type("tar.gz"))
                    .name("L2TP Karaf").unpackDirectory(new File("target/exam")).useDeployFolder(false),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            editConfigurationFilePut("etc/org.l2tp.daemon.cfg", "listen.address", "127.0.0.1"),
            editConfigurationFilePut("etc/org.l2tp.daemon.cfg", "listen.port", "0"),
            editConfigurationFilePut("etc/org.l2tp.daemon.cfg", "dataplane", "null"),
            editConfigurationFilePut("etc/org.l2tp.daemon.cfg", "hold.time", "2"),
            // Secrets that no service property may show (the peer's own secret is the one xl2tpd knows).
            editConfigurationFilePut("etc/org.l2tp.daemon.cfg", "secret", "karafdaemonsecret"),
            editConfigurationFilePut("etc/org.l2tp.ppp-leakcheck.cfg", "name", "leakcheck"),
            editConfigurationFilePut("etc/org.l2tp.ppp-leakcheck.cfg", "local.password", "karafppppassword"),
            systemProperty("l2tp.captures").value(System.getProperty("l2tp.captures")),
        };
    }

    /** Runs a command as a user with these roles: the l2tp command ACL lets viewers list and admins act. */
    private String runAs(String command, String... roles) throws Exception {
        javax.security.auth.Subject subject = new javax.security.auth.Subject();
        subject.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.UserPrincipal("it"));
        for (String r : roles) {
            subject.getPrincipals().add(new org.apache.karaf.jaas.boot.principal.RolePrincipal(r));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        Session s = sessions.create(new java.io.ByteArrayInputStream(new byte[0]), ps, ps);
        try {
            Object r = javax.security.auth.Subject.doAs(subject,
                    (java.security.PrivilegedExceptionAction<Object>) () -> s.execute(command));
            if (r != null) {
                ps.println(r);
            }
        } catch (java.security.PrivilegedActionException e) {
            throw e.getException();
        } finally {
            s.close();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private String run(String command) throws Exception {
        return runAs(command, "admin", "viewer");
    }

    private static void await(String what, long ms, BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + ms * 1_000_000L;
        while (!c.getAsBoolean()) {
            assertTrue("timed out waiting for " + what, System.nanoTime() - deadline < 0);
            Thread.sleep(50);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path q : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    /**
     * xl2tpd as LNS on 127.0.0.2, once it listens (it logs that right after binding) and reads its control pipe. The
     * port is found free first; should someone take it before xl2tpd binds it, xl2tpd says so and exits, and
     * another port is tried.
     */
    private static Process startXl2tpd(Path dir, int[] port) throws Exception {
        for (int attempt = 1; attempt <= 5; attempt++) {
            try (DatagramSocket s = new DatagramSocket(0, InetAddress.getByName("127.0.0.2"))) {
                port[0] = s.getLocalPort();
            }
            Files.writeString(dir.resolve("xl2tpd.conf"), "[global]\nlisten-addr = 127.0.0.2\nport = " + port[0]
                    + "\naccess control = no\nauth file = " + dir.resolve("secrets") + "\n[lns default]\nip range = "
                    + "10.94.0.2-10.94.0.9\nlocal ip = 10.94.0.1\nhostname = xl2tpd-lns\nchallenge = yes\n"
                    + "require authentication = no\nrefuse pap = yes\nrefuse chap = yes\npppoptfile = "
                    + dir.resolve("options") + "\n");
            Files.deleteIfExists(dir.resolve("log"));
            Process x = new ProcessBuilder("/usr/sbin/xl2tpd", "-D", "-c", dir.resolve("xl2tpd.conf").toString(),
                    "-s", dir.resolve("secrets").toString(), "-p", dir.resolve("pid").toString(), "-C",
                    dir.resolve("control").toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("log").toFile()).start();
            String listening = "Listening on IP address 127.0.0.2, port " + port[0];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(read(dir.resolve("log")).contains(listening) && Files.exists(dir.resolve("control")))) {
                if (!x.isAlive()) {
                    x.waitFor();
                    break;
                }
                if (System.nanoTime() - deadline > 0) {
                    x.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError("xl2tpd did not start within 30 s:\n" + read(dir.resolve("log")));
                }
                Thread.sleep(20);
            }
            if (x.isAlive()) {
                return x;
            }
            if (!read(dir.resolve("log")).contains("Unable to bind socket")) {
                throw new AssertionError("xl2tpd exited (" + x.exitValue() + "):\n" + read(dir.resolve("log")));
            }
        }
        throw new AssertionError("xl2tpd found its port taken 5 times:\n" + read(dir.resolve("log")));
    }

    private long daemonServiceId() {
        ServiceReference<L2tpService> ref = context.getServiceReference(L2tpService.class);
        return (Long) ref.getProperty("service.id");
    }

    @Test
    public void commandsAndLiveReconfigurationAgainstXl2tpd() throws Exception {
        Path dir = Files.createTempDirectory("xl2tpd-karaf");
        Process xl2tpd = null;
        try {
            Files.writeString(dir.resolve("options"), "noauth\n");
            Files.writeString(dir.resolve("secrets"), "* * karafsecret\n");
            Files.setPosixFilePermissions(dir.resolve("secrets"),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            int[] boundPort = new int[1];
            xl2tpd = startXl2tpd(dir, boundPort);
            int port = boundPort[0];
            // Karaf registers a bundle's commands shortly after the bundle starts.
            String status = null;
            for (int i = 0; i < 100 && status == null; i++) {
                try {
                    status = run("l2tp:status");
                } catch (Exception e) {
                    if (!e.getClass().getSimpleName().equals("CommandNotFoundException")) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
            assertTrue(status, status.contains("listening") && status.contains("127.0.0.1:"));
            assertTrue(status, status.contains("data plane") && status.contains("null"));

            // A peer configured through ConfigAdmin (as config:edit or etc/*.cfg would) connects at once.
            org.osgi.service.cm.Configuration peer = configAdmin.createFactoryConfiguration("org.l2tp.peer", "?");
            Hashtable<String, Object> p = new Hashtable<>();
            p.put("name", "xl");
            p.put("address", "127.0.0.2:" + port);
            p.put("secret", "karafsecret");
            p.put("connect", "true");
            peer.update(p);
            await("tunnel to xl2tpd", 20_000, () -> l2tp.tunnels().stream()
                    .anyMatch(t -> t.state() == TunnelState.ESTABLISHED));
            TunnelInfo t = l2tp.tunnels().get(0);
            String list = run("l2tp:tunnel-list");
            assertTrue(list, list.contains("xl2tpd-lns") && list.contains("ESTABLISHED") && list.contains("xl"));
            assertFalse("the secret is never printed", list.contains("karafsecret"));
            // DS would publish a configuration holding it as service properties (FelixSecretsIT checks them all).
            String services = run("service:list");
            assertTrue(services, services.contains("org.l2tp.api.L2tpService"));
            assertEquals("secrets shown by service:list", java.util.List.of(), java.util.stream.Stream
                    .of("karafsecret", "karafdaemonsecret", "karafppppassword").filter(services::contains).toList());
            String show = run("l2tp:tunnel-show " + t.localId());
            assertTrue(show, show.contains("127.0.0.2:" + port) && show.contains("SCCRP"));
            assertTrue(run("l2tp:stats " + t.localId()), run("l2tp:stats " + t.localId()).contains("received SCCRP"));
            assertTrue(run("l2tp:stats").contains("sent SCCRQ"));
            assertTrue(run("l2tp:debug --trace on " + t.localId()).contains("control trace on"));
            String sessionOut = run("l2tp:session-open " + t.localId());
            assertTrue(sessionOut, sessionOut.contains("up"));
            run("l2tp:session-list");
            String decode = run("l2tp:decode --secret sharedsecret " + System.getProperty("l2tp.captures")
                    + "/02-challenge-auth-ok-sigint.pcap");
            assertTrue(decode, decode.contains("\"message\":\"SCCRQ\"") && !decode.contains("sharedsecret"));

            // A viewer may list but not act.
            assertTrue(runAs("l2tp:tunnel-list", "viewer").contains("xl2tpd-lns"));
            boolean refused;
            try {
                refused = !runAs("l2tp:tunnel-close " + t.localId(), "viewer").contains("StopCCN sent");
            } catch (Exception e) {
                refused = true;
            }
            assertTrue("a viewer cannot close a tunnel", refused);
            assertEquals(TunnelState.ESTABLISHED, l2tp.tunnel(t.localId()).orElseThrow().state());

            // A daemon change applies in place: same component, same tunnel, still up.
            long serviceId = daemonServiceId();
            org.osgi.service.cm.Configuration daemon = configAdmin.getConfiguration("org.l2tp.daemon", "?");
            Hashtable<String, Object> d = new Hashtable<>();
            for (String k : java.util.Collections.list(daemon.getProperties().keys())) {
                d.put(k, daemon.getProperties().get(k));
            }
            // HELLO every second of silence: the live tunnel takes it (the peer does not set its own interval).
            long hellosBefore = l2tp.tunnel(t.localId()).orElseThrow().counters().sent().getOrDefault("HELLO", 0L);
            d.put("hello.interval", "1");
            d.put("retransmit.retries", "7");
            daemon.update(d);
            await("HELLOs on the live tunnel at the new interval", 15_000, () -> l2tp.tunnel(t.localId())
                    .orElseThrow().counters().sent().getOrDefault("HELLO", 0L) >= hellosBefore + 2);
            assertEquals("the daemon component was not restarted", serviceId, daemonServiceId());
            TunnelInfo after = l2tp.tunnel(t.localId()).orElseThrow();
            assertEquals(TunnelState.ESTABLISHED, after.state());

            // An invalid change is refused; the running configuration stays and keeps working.
            int portBefore = l2tp.status().listen().getPort();
            d.put("listen.port", "not-a-port");
            daemon.update(d);
            Path karafLog = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
            await("the refusal, naming the key, in karaf.log", 15_000, () -> {
                try {
                    return Files.readString(karafLog).contains("listen.port: not a whole number");
                } catch (java.io.IOException e) {
                    return false;
                }
            });
            assertEquals(serviceId, daemonServiceId());
            assertEquals(portBefore, l2tp.status().listen().getPort());
            assertEquals(TunnelState.ESTABLISHED, l2tp.tunnel(t.localId()).orElseThrow().state());

            // A peer edit applies in place as well: the same tunnel starts placing the calls it now asks for (a
            // peer component restarted would have closed it and dialled a new one). xl2tpd hangs them up (no pppd
            // here), so the ICRQs count, not the sessions.
            long icrqs = l2tp.tunnel(t.localId()).orElseThrow().counters().sent().getOrDefault("ICRQ", 0L);
            p.put("sessions", "1");
            peer.update(p);
            await("calls placed on the same tunnel", 15_000, () -> l2tp.tunnel(t.localId())
                    .map(x -> x.counters().sent().getOrDefault("ICRQ", 0L) > icrqs).orElse(false));
            assertEquals(TunnelState.ESTABLISHED, l2tp.tunnel(t.localId()).orElseThrow().state());
            assertFalse("no service property shows the secret", run("service:list").contains("karafsecret"));

            // Deleting the peer configuration tears its tunnel down with a StopCCN.
            peer.delete();
            await("tunnel torn down", 15_000, () -> l2tp.tunnels().stream()
                    .noneMatch(x -> x.localId() == t.localId() && x.state() != TunnelState.CLOSING));
            await("xl2tpd got the StopCCN", 10_000, () -> {
                try {
                    return Files.readString(dir.resolve("log")).contains("peer configuration removed");
                } catch (java.io.IOException e) {
                    return false;
                }
            });
        } finally {
            if (xl2tpd != null) {
                xl2tpd.destroy();
                if (!xl2tpd.waitFor(10, TimeUnit.SECONDS)) {
                    xl2tpd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            deleteTree(dir);
        }
    }
}
