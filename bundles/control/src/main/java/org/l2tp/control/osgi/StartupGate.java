package org.l2tp.control.osgi;

import java.io.File;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.l2tp.control.DaemonConfig;
import org.l2tp.control.PeerConfig;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Knows when the configuration that exists at start-up has reached the daemon: every {@code org.l2tp.daemon} and
 * {@code org.l2tp.peer} configuration ConfigurationAdmin holds, and every such {@code .cfg} file in FileInstall's
 * folder (FileInstall turns files into configurations some time after the daemon is up). Until then the daemon
 * leaves SCCRQs unanswered; after {@code maxWaitS} it goes ahead anyway and says what never came.
 */
final class StartupGate {
    private static final Logger LOG = Logger.getLogger("org.l2tp.control");
    private static final String FILE_PROPERTY = "felix.fileinstall.filename";

    private final Set<String> awaited = new TreeSet<>();
    private Runnable onComplete;
    private boolean done;
    private CompletableFuture<Void> deadline;

    /** Lists what is awaited: configurations by PID, files by name. */
    synchronized void expect(ConfigurationAdmin cm, String fileInstallDirs) {
        awaited.clear();
        done = false;
        try {
            Configuration[] cs = cm.listConfigurations("(|(" + Constants.SERVICE_PID + "=" + DaemonConfig.PID + ")("
                    + ConfigurationAdmin.SERVICE_FACTORYPID + "=" + PeerConfig.FACTORY_PID + "))");
            for (Configuration c : cs == null ? new Configuration[0] : cs) {
                awaited.add("configuration " + c.getPid());
            }
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warning(() -> "cannot list the configurations: " + e.getMessage());
        }
        if (fileInstallDirs != null) {
            for (String dir : fileInstallDirs.split(",")) {
                File[] files = new File(dir.trim()).listFiles((d, name) -> name.equals(DaemonConfig.PID + ".cfg")
                        || name.startsWith(PeerConfig.FACTORY_PID + "-") && name.endsWith(".cfg"));
                for (File f : files == null ? new File[0] : files) {
                    awaited.add("file " + f.getName());
                }
            }
        }
    }

    /** A configuration arrived (its properties, as the component got them). */
    void heard(java.util.Map<String, ?> properties) {
        Runnable run = null;
        synchronized (this) {
            Object pid = properties.get(Constants.SERVICE_PID);
            if (pid != null) {
                awaited.remove("configuration " + pid);
            }
            Object file = properties.get(FILE_PROPERTY);
            if (file != null) {
                String f = file.toString();
                awaited.remove("file " + f.substring(f.lastIndexOf('/') + 1));
            }
            if (awaited.isEmpty() && onComplete != null && !done) {
                done = true;
                run = onComplete;
            }
        }
        if (run != null) {
            run.run();
        }
    }

    /** Runs {@code r} once everything awaited has been heard, or after {@code maxWaitS} seconds. */
    void whenComplete(Runnable r, int maxWaitS) {
        synchronized (this) {
            onComplete = r;
            if (!awaited.isEmpty()) {
                LOG.info(() -> "waiting for " + String.join(", ", awaited) + " before answering SCCRQs");
                deadline = new CompletableFuture<>();
                deadline.completeAsync(() -> null, CompletableFuture.delayedExecutor(maxWaitS, TimeUnit.SECONDS))
                        .thenRun(this::timedOut);
                return;
            }
            done = true;
        }
        r.run();
    }

    private void timedOut() {
        Runnable run;
        synchronized (this) {
            if (done || onComplete == null) {
                return;
            }
            done = true;
            run = onComplete;
            LOG.warning(() -> "still not applied after the start-up wait: " + String.join(", ", awaited)
                    + "; answering SCCRQs anyway (an invalid .cfg file, or a configuration being deleted?)");
        }
        run.run();
    }

    synchronized void cancel() {
        onComplete = null;
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
