package org.l2tp.pppd;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import com.sun.jna.ptr.IntByReference;

/** posix_spawn and friends from glibc (2.34+ for addclosefrom_np). */
interface Posix extends Library {
    Posix INSTANCE = Native.load("c", Posix.class);

    short POSIX_SPAWN_SETSIGDEF = 0x04;
    short POSIX_SPAWN_SETSIGMASK = 0x08;
    short POSIX_SPAWN_SETSID = 0x80;
    int O_RDONLY = 0;
    int WNOHANG = 1;
    int SIGKILL = 9;
    int SIGTERM = 15;

    int posix_spawn_file_actions_init(Pointer actions);

    int posix_spawn_file_actions_destroy(Pointer actions);

    int posix_spawn_file_actions_adddup2(Pointer actions, int fd, int newFd);

    int posix_spawn_file_actions_addopen(Pointer actions, int fd, String path, int flags, int mode);

    int posix_spawn_file_actions_addclosefrom_np(Pointer actions, int from);

    int posix_spawnattr_init(Pointer attr);

    int posix_spawnattr_destroy(Pointer attr);

    int posix_spawnattr_setflags(Pointer attr, short flags);

    int posix_spawnattr_setsigmask(Pointer attr, Pointer sigset);

    int posix_spawnattr_setsigdefault(Pointer attr, Pointer sigset);

    int sigemptyset(Pointer set);

    int sigfillset(Pointer set);

    /** Returns 0 or an error number (not errno). */
    int posix_spawn(IntByReference pid, String path, Pointer actions, Pointer attr, StringArray argv,
                    StringArray envp);

    int kill(int pid, int signal) throws LastErrorException;

    int waitpid(int pid, IntByReference status, int options) throws LastErrorException;
}
