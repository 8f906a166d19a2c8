package org.l2tp.pppd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.l2tp.api.dataplane.SessionParameters;
import org.l2tp.api.ppp.PppEngine;
import org.l2tp.api.ppp.PppExitListener;
import org.l2tp.api.ppp.PppProcess;
import org.l2tp.api.ppp.PppSettings;

/**
 * How a PPP profile hands itself to the launcher through the DS life cycle (bind, activate, modify, unbind,
 * deactivate), and what the launcher then runs a session with.
 */
class PppProfileComponentTest {
    /** Records what the launcher hears, as "put NAME" and "remove NAME". */
    private static final class Recorder implements ProfileTable {
        final List<String> heard = new ArrayList<>();

        @Override
        public void putProfile(PppProfileComponent p) {
            heard.add("put " + p.profile().name());
        }

        @Override
        public void removeProfile(PppProfileComponent p) {
            heard.add("remove " + p.profile().name());
        }
    }

    /** An in-process engine that keeps the settings of the last session and runs nothing. */
    private static final class Engine implements PppEngine {
        PppSettings last;

        @Override
        public PppProcess start(SessionParameters session, int fd, PppSettings settings, PppExitListener onExit) {
            last = settings;
            return null;
        }

        @Override
        public String unavailableReason() {
            return null;
        }
    }

    private static Map<String, Object> config(String name, String password) {
        return new HashMap<>(Map.of("name", name, "local.name", "lac", "local.password", password));
    }

    /** The profile name and local password a LAC session of {@code profile} would run with. */
    private static String launched(PppdLauncher launcher, Engine engine, String profile) throws IOException {
        launcher.launch(new SessionParameters(1, 1, 1, 1, false, false, profile), -1, (status, cdn, why) -> { });
        return engine.last.profile() + "/" + engine.last.localPassword();
    }

    @Test
    void boundBeforeActivationTheLauncherHearsOfTheProfileAtActivationAndOfEachValidEdit() {
        Recorder launcher = new Recorder();
        PppProfileComponent p = new PppProfileComponent();
        p.bindLauncher(launcher);
        assertEquals(List.of(), launcher.heard, "nothing to hand over before the configuration");
        p.configure(config("a", "pw1"));
        p.configure(config("b", "pw2"));
        p.configure(Map.of("name", "c", "engine", "accel")); // refused: the last good one stays
        assertEquals(List.of("put a", "put b"), launcher.heard);
        assertEquals("pw2", p.profile().localPassword());
        p.deactivate();
        p.unbindLauncher(launcher);
        assertEquals(List.of("put a", "put b", "remove b"), launcher.heard);
    }

    @Test
    void anInvalidFirstConfigurationHandsNothingOver() {
        Recorder launcher = new Recorder();
        PppProfileComponent p = new PppProfileComponent();
        p.configure(Map.of("engine", "accel"));
        p.bindLauncher(launcher);
        assertEquals(List.of(), launcher.heard);
        p.configure(config("a", "pw"));
        assertEquals(List.of("put a"), launcher.heard);
    }

    @Test
    void aReplacementLauncherBoundBeforeTheOldOneIsUnboundKeepsTheProfile() {
        // A greedy dynamic reference binds the new service, then unbinds the old one.
        PppProfileComponent p = new PppProfileComponent();
        p.configure(config("a", "pw"));
        Recorder old = new Recorder();
        Recorder replacement = new Recorder();
        p.bindLauncher(old);
        p.bindLauncher(replacement);
        p.unbindLauncher(old);
        p.configure(config("b", "pw"));
        p.deactivate();
        assertEquals(List.of("put a"), old.heard);
        assertEquals(List.of("put a", "put b", "remove b"), replacement.heard);
    }

    @Test
    void theLauncherRunsSessionsWithTheCurrentProfileAndARestartedOneGetsItBack() throws IOException {
        Engine engine = new Engine();
        PppdLauncher first = new PppdLauncher();
        first.setEngine(engine);
        PppProfileComponent p = new PppProfileComponent();
        p.configure(config("lac", "pw1"));
        p.bindLauncher(first);
        assertEquals("lac/pw1", launched(first, engine, "lac"));
        p.configure(config("lac", "pw2"));
        assertEquals("lac/pw2", launched(first, engine, "lac"));
        // Renamed: the old name falls back to the defaults.
        p.configure(config("lac2", "pw2"));
        assertEquals("default/null", launched(first, engine, "lac"));
        assertEquals("lac2/pw2", launched(first, engine, "lac2"));

        // The launcher restarts: the new one gets the profile at bind, and its edits.
        PppdLauncher second = new PppdLauncher();
        second.setEngine(engine);
        p.unbindLauncher(first);
        p.bindLauncher(second);
        assertEquals("lac2/pw2", launched(second, engine, "lac2"));
        p.configure(config("lac2", "pw3"));
        assertEquals("lac2/pw3", launched(second, engine, "lac2"));

        p.deactivate();
        assertEquals("default/null", launched(second, engine, "lac2"));
    }
}
