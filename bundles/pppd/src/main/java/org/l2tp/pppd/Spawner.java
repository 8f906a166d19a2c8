package org.l2tp.pppd;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.sun.jna.Memory;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;

/**
 * Starts a child with one of our descriptors at a fixed number, safely in a multi-threaded JVM: posix_spawn (no
 * fork of the JVM's threads) with file actions that put {@code fd} at {@code target} and close everything above,
 * stdin from /dev/null, default signal dispositions, an empty signal mask and a session of its own.
 */
final class Spawner {
    /** glibc's posix_spawn_file_actions_t and posix_spawnattr_t are far smaller; sigset_t is 128 octets. */
    private static final int OPAQUE = 1024;

    private Spawner() {
    }

    static int spawn(List<String> argv, int fd, int target) throws IOException {
        Posix c = Posix.INSTANCE;
        Memory actions = new Memory(OPAQUE);
        Memory attr = new Memory(OPAQUE);
        Memory none = new Memory(OPAQUE);
        Memory all = new Memory(OPAQUE);
        actions.clear();
        attr.clear();
        check(c.posix_spawn_file_actions_init(actions), "file actions");
        check(c.posix_spawnattr_init(attr), "attributes");
        try {
            check(c.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", Posix.O_RDONLY, 0), "stdin");
            // Through a spare number: a dup2 onto itself would keep close-on-exec set.
            int spare = fd == 1000 ? 1001 : 1000;
            check(c.posix_spawn_file_actions_adddup2(actions, fd, spare), "dup2");
            check(c.posix_spawn_file_actions_adddup2(actions, spare, target), "dup2");
            check(c.posix_spawn_file_actions_addclosefrom_np(actions, target + 1), "closefrom");
            c.sigemptyset(none);
            c.sigfillset(all);
            check(c.posix_spawnattr_setsigmask(attr, none), "signal mask");
            check(c.posix_spawnattr_setsigdefault(attr, all), "signal defaults");
            check(c.posix_spawnattr_setflags(attr, (short) (Posix.POSIX_SPAWN_SETSIGMASK
                    | Posix.POSIX_SPAWN_SETSIGDEF | Posix.POSIX_SPAWN_SETSID)), "flags");
            IntByReference pid = new IntByReference();
            String[] env = System.getenv().entrySet().stream().filter(e -> e.getKey().equals("PATH")
                    || e.getKey().equals("LANG")).map(Map.Entry::toString).toArray(String[]::new);
            int rc = c.posix_spawn(pid, argv.get(0), actions, attr, new StringArray(argv.toArray(String[]::new)),
                    new StringArray(env));
            if (rc != 0) {
                throw new IOException("posix_spawn " + argv.get(0) + ": error " + rc
                        + (rc == 2 ? " (no such file: is pppd installed? apt-get install ppp)" : ""));
            }
            return pid.getValue();
        } finally {
            c.posix_spawn_file_actions_destroy(actions);
            c.posix_spawnattr_destroy(attr);
        }
    }

    private static void check(int rc, String what) throws IOException {
        if (rc != 0) {
            throw new IOException("posix_spawn " + what + ": error " + rc);
        }
    }
}
