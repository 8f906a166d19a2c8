package org.l2tp.kernel;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;

/** The few libc calls PPPoL2TP needs. Every call reports errno through LastErrorException. */
interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int connect(int fd, byte[] address, int length) throws LastErrorException;

    int setsockopt(int fd, int level, int option, IntByReference value, int length) throws LastErrorException;

    int getsockopt(int fd, int level, int option, IntByReference value, IntByReference length)
            throws LastErrorException;

    int ioctl(int fd, int request, byte[] argument) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    int getsockname(int fd, byte[] address, IntByReference length) throws LastErrorException;

    int getpeername(int fd, byte[] address, IntByReference length) throws LastErrorException;
}
