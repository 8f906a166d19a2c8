package org.l2tp.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.l2tp.api.L2tpService;
import org.l2tp.api.aaa.AuthMethod;
import org.l2tp.api.aaa.AuthRequest;
import org.l2tp.api.aaa.Authenticator;
import org.l2tp.api.aaa.SessionContext;
import org.l2tp.api.dataplane.SessionParameters;
import org.l2tp.api.ppp.PppEngine;
import org.l2tp.api.ppp.PppExitListener;
import org.l2tp.api.ppp.PppLauncher;
import org.l2tp.api.ppp.PppProcess;
import org.l2tp.api.ppp.PppSettings;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Secrets stay out of the service registry: DS publishes a component's configuration as the properties of the
 * service it registers, so the daemon's default tunnel secret, a peer's secret, a user's password or a PPP profile's
 * local password there would show in service:list and to every bundle. Also checks that the daemon, peers, users and
 * PPP profiles configured through ConfigAdmin still work, follow edits in place, go when deleted, and come back when
 * the daemon, the user table or the PPP launcher restarts.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FelixSecretsIT {
    private static final String DAEMON = "org.l2tp.control.osgi.DaemonComponent";
    private static final String LOCAL_USERS = "org.l2tp.ppp.users.LocalUsers";
    private static final String LAUNCHER = "org.l2tp.pppd.PppdLauncher";
    /** The default tunnel secret of org.l2tp.daemon, set before the daemon starts. */
    private static final String DAEMON_SECRET = "daemon-s3cret-0b7e";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private ServiceComponentRuntime scr;

    private ServiceTracker<L2tpService, L2tpService> daemon;
    private ServiceTracker<Authenticator, Authenticator> local;
    private ServiceTracker<PppLauncher, PppLauncher> launcher;
    private ServiceRegistration<PppEngine> engineRegistration;
    /** What the launcher handed the in-process engine, the last time it was asked for a session. */
    private volatile PppSettings lastSettings;
    private final List<org.osgi.service.cm.Configuration> created = new ArrayList<>();

    /** The bundle set of the embedded runtime, as FelixRuntimeIT runs it. */
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
            org.osgi.service.cm.Configuration c = configAdmin.getConfiguration("org.l2tp.daemon", "?");
            Hashtable<String, Object> p = new Hashtable<>();
            p.put("listen.address", "127.0.0.1");
            p.put("listen.port", "0");
            p.put("dataplane", "null");
            p.put("secret", DAEMON_SECRET);
            c.update(p);
            control.start();
        }
        daemon = new ServiceTracker<>(context, L2tpService.class, null);
        daemon.open();
        local = new ServiceTracker<>(context, context.createFilter("(&(" + Constants.OBJECTCLASS + "="
                + Authenticator.class.getName() + ")(" + Authenticator.NAME_PROPERTY + "=local))"), null);
        local.open();
        assertNotNull("no L2tpService within 60 s", daemon.waitForService(60_000));
        assertNotNull("no local Authenticator within 60 s", local.waitForService(60_000));
        launcher = new ServiceTracker<>(context, PppLauncher.class, null);
        launcher.open();
        // Outranks org.l2tp.ppp's engine: the launcher's greedy reference takes this one, which says what it got.
        Hashtable<String, Object> ranking = new Hashtable<>();
        ranking.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
        engineRegistration = context.registerService(PppEngine.class, new RecordingEngine(), ranking);
    }

    /** An in-process engine that records the settings of each session and runs nothing. */
    private final class RecordingEngine implements PppEngine {
        @Override
        public PppProcess start(SessionParameters session, int sessionFd, PppSettings settings,
                                PppExitListener onExit) {
            lastSettings = settings;
            return new PppProcess() {
                @Override
                public long pid() {
                    return 0;
                }

                @Override
                public String interfaceName() {
                    return null;
                }

                @Override
                public String peerAddress() {
                    return null;
                }

                @Override
                public void stop() {
                }
            };
        }

        @Override
        public String unavailableReason() {
            return null;
        }
    }

    /**
     * The profile and local password the launcher would run a LAC session of {@code profile} with, or null while
     * there is no launcher or it has not taken our engine yet.
     */
    private String launchedWith(String profile) {
        PppLauncher l = launcher.getService();
        if (l == null) {
            return null;
        }
        lastSettings = null;
        try {
            PppExitListener ignored = (status, result, reason) -> { };
            l.launch(new SessionParameters(1, 1, 1, 1, false, false, profile), -1, ignored).stop();
        } catch (Exception notYet) {
            return null; // the launcher is (de)activating, or still bound to org.l2tp.ppp's engine
        }
        PppSettings s = lastSettings;
        return s == null ? null : s.profile() + "/" + s.localPassword();
    }

    @After
    public void cleanUp() throws Exception {
        for (org.osgi.service.cm.Configuration c : created) {
            try {
                c.delete();
            } catch (IllegalStateException alreadyDeleted) {
                // the test deleted it
            }
        }
        engineRegistration.unregister();
        daemon.close();
        local.close();
        launcher.close();
    }

    private org.osgi.service.cm.Configuration create(String factoryPid, Object... keyValues) throws Exception {
        org.osgi.service.cm.Configuration c = configAdmin.createFactoryConfiguration(factoryPid, "?");
        created.add(c);
        c.update(props(keyValues));
        return c;
    }

    private static Hashtable<String, Object> props(Object... keyValues) {
        Hashtable<String, Object> p = new Hashtable<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.put((String) keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    private static void await(String what, BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!c.getAsBoolean()) {
            assertTrue("timed out waiting for " + what, System.nanoTime() - deadline < 0);
            Thread.sleep(50);
        }
    }

    private boolean hasPeer(String name) {
        L2tpService l2tp = daemon.getService();
        try {
            return l2tp != null && l2tp.peerNames().contains(name);
        } catch (RuntimeException stopping) {
            return false; // the daemon is (de)activating
        }
    }

    private boolean accepts(String user, String password) {
        Authenticator a = local.getService();
        if (a == null) {
            return false;
        }
        SessionContext call = new SessionContext(1, 1, 0, null, null, "127.0.0.1", "127.0.0.1", "default");
        return a.authenticate(new AuthRequest(AuthMethod.PAP, user, 0, new byte[0],
                password.getBytes(StandardCharsets.UTF_8), call)).toCompletableFuture().join().accepted();
    }

    /** Every service property of every service, values as text (array and collection elements one by one). */
    private void assertNoServiceProperty(String... secrets) throws Exception {
        ServiceReference<?>[] all = context.getAllServiceReferences(null, null);
        assertNotNull(all);
        List<String> leaks = new ArrayList<>();
        for (ServiceReference<?> r : all) {
            for (String key : r.getPropertyKeys()) {
                List<String> texts = new ArrayList<>();
                texts.add(key);
                texts(r.getProperty(key), texts);
                for (String secret : secrets) {
                    if (texts.stream().anyMatch(t -> t.contains(secret))) {
                        // Names the service and the key, not the value.
                        leaks.add(Arrays.toString((String[]) r.getProperty(Constants.OBJECTCLASS)) + " service."
                                + "id=" + r.getProperty(Constants.SERVICE_ID) + " key " + key);
                    }
                }
            }
        }
        assertEquals("service properties holding a secret", List.of(), leaks);
    }

    private static void texts(Object value, List<String> out) {
        if (value instanceof char[] chars) {
            out.add(new String(chars));
        } else if (value instanceof byte[] bytes) {
            out.add(new String(bytes, StandardCharsets.UTF_8));
        } else if (value != null && value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                texts(Array.get(value, i), out);
            }
        } else if (value instanceof Collection<?> c) {
            c.forEach(v -> texts(v, out));
        } else {
            out.add(String.valueOf(value));
        }
    }

    private ComponentDescriptionDTO component(String bundle, String name) {
        ComponentDescriptionDTO d = scr.getComponentDescriptionDTO(bundle(bundle), name);
        assertNotNull(name, d);
        return d;
    }

    @Test
    public void noSecretIsAServiceProperty() throws Exception {
        create("org.l2tp.peer", "name", "leakcheck", "address", "127.0.0.9:1701", "secret", "peer-s3cret-7d1f");
        create("org.l2tp.user", "name", "leakuser", "password", "user-pa55word-c02e");
        create("org.l2tp.ppp", "name", "leakprofile", "local.name", "lac", "local.password", "ppp-pa55-41d9");
        await("the peer in the daemon", () -> hasPeer("leakcheck"));
        await("the user in the local table", () -> accepts("leakuser", "user-pa55word-c02e"));
        assertFalse(accepts("leakuser", "wrong"));
        await("the PPP profile in the launcher",
                () -> "leakprofile/ppp-pa55-41d9".equals(launchedWith("leakprofile")));
        assertNoServiceProperty(DAEMON_SECRET, "peer-s3cret-7d1f", "user-pa55word-c02e", "ppp-pa55-41d9");
    }

    @Test
    public void theDaemonFollowsEditsInPlaceWithoutPublishingItsSecret() throws Exception {
        create("org.l2tp.peer", "name", "stays", "address", "127.0.0.9:1701", "secret", "peer-secret-66c1");
        await("the peer", () -> hasPeer("stays"));
        Object serviceId = context.getServiceReference(L2tpService.class).getProperty(Constants.SERVICE_ID);
        org.osgi.service.cm.Configuration d = configAdmin.getConfiguration("org.l2tp.daemon", "?");
        Hashtable<String, Object> p = new Hashtable<>();
        for (String k : java.util.Collections.list(d.getProperties().keys())) {
            p.put(k, d.getProperties().get(k));
        }
        String hostName = "edited-" + System.nanoTime();
        p.put("host.name", hostName);
        p.put("secret", "daemon-secret-2-a5f0");
        d.update(p);
        await("the new host name", () -> hostName.equals(daemon.getService().status().hostName()));
        assertEquals("the daemon was not restarted, its service not re-registered", serviceId,
                context.getServiceReference(L2tpService.class).getProperty(Constants.SERVICE_ID));
        assertTrue("the peers stay", hasPeer("stays"));
        assertNoServiceProperty(DAEMON_SECRET, "daemon-secret-2-a5f0", "peer-secret-66c1");
        // The next test's daemon has the first secret again (nothing else checks which one it holds).
        p.put("secret", DAEMON_SECRET);
        d.update(p);
    }

    @Test
    public void pppProfilesFollowEditsDeletionAndLauncherRestarts() throws Exception {
        org.osgi.service.cm.Configuration profile = create("org.l2tp.ppp", "name", "lac", "local.name", "lac",
                "local.password", "ppp-1-3c7a");
        await("the profile", () -> "lac/ppp-1-3c7a".equals(launchedWith("lac")));

        profile.update(props("name", "lac", "local.name", "lac", "local.password", "ppp-2-e914"));
        await("the new password", () -> "lac/ppp-2-e914".equals(launchedWith("lac")));
        // An invalid edit keeps the last good profile (no event says it was refused: give it time to arrive).
        profile.update(props("name", "lac", "local.password", "ppp-3-bad", "engine", "accel"));
        Thread.sleep(500);
        assertEquals("lac/ppp-2-e914", launchedWith("lac"));

        ComponentDescriptionDTO d = component("org.l2tp.pppd", LAUNCHER);
        scr.disableComponent(d).getValue();
        await("the launcher gone", () -> launcher.getService() == null);
        scr.enableComponent(d).getValue();
        // Only the component instance knows the last good profile: it outlived the launcher.
        await("the last good profile in the new launcher", () -> "lac/ppp-2-e914".equals(launchedWith("lac")));

        assertNoServiceProperty("ppp-1-3c7a", "ppp-2-e914", "ppp-3-bad");
        profile.delete();
        // Without it, sessions of the profile get the defaults: no local password.
        await("the deleted profile gone", () -> "default/null".equals(launchedWith("lac")));
    }

    @Test
    public void peersFollowEditsDeletionAndDaemonRestarts() throws Exception {
        org.osgi.service.cm.Configuration peer = create("org.l2tp.peer", "name", "lifecycle",
                "address", "127.0.0.9:1701", "secret", "first-secret-91aa");
        await("the peer", () -> hasPeer("lifecycle"));

        // An edit applies at once (KarafShellIT shows a live tunnel outliving one).
        peer.update(props("name", "renamed", "address", "127.0.0.9:1701", "secret", "second-secret-5e03"));
        await("the renamed peer", () -> hasPeer("renamed") && !hasPeer("lifecycle"));

        // The daemon going and coming back gets its peers again.
        ComponentDescriptionDTO d = component("org.l2tp.control", DAEMON);
        scr.disableComponent(d).getValue();
        await("the daemon gone", () -> daemon.getService() == null);
        scr.enableComponent(d).getValue();
        await("the peer back in the new daemon", () -> hasPeer("renamed"));

        assertNoServiceProperty("first-secret-91aa", "second-secret-5e03");
        peer.delete();
        await("the deleted peer gone", () -> !hasPeer("renamed"));
        assertTrue("the daemon stays up", daemon.getService() != null);
    }

    @Test
    public void usersFollowEditsDeletionAndTableRestarts() throws Exception {
        org.osgi.service.cm.Configuration user = create("org.l2tp.user", "name", "carol", "password", "pw-1-4b2c");
        await("the user", () -> accepts("carol", "pw-1-4b2c"));

        user.update(props("name", "carol", "password", "pw-2-8f31"));
        await("the new password", () -> accepts("carol", "pw-2-8f31") && !accepts("carol", "pw-1-4b2c"));
        // An invalid edit keeps the last good user (no event says it was refused: give it time to arrive).
        user.update(props("name", "carol"));
        Thread.sleep(500);
        assertTrue(accepts("carol", "pw-2-8f31"));

        ComponentDescriptionDTO d = component("org.l2tp.ppp", LOCAL_USERS);
        scr.disableComponent(d).getValue();
        await("the user table gone", () -> local.getService() == null);
        scr.enableComponent(d).getValue();
        // Only the component instance knows the last good user: it outlived the table.
        await("the last good user back in the new table", () -> accepts("carol", "pw-2-8f31"));

        assertNoServiceProperty("pw-1-4b2c", "pw-2-8f31");
        user.delete();
        await("the deleted user gone", () -> !accepts("carol", "pw-2-8f31"));
    }
}
