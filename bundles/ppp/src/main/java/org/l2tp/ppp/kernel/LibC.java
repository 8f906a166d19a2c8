package org.l2tp.ppp.kernel;

import java.io.IOException;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** The libc calls /dev/ppp, epoll, eventfd and rtnetlink need. Every call reports errno through LastErrorException. */
interface LibC extends Library {
    LibC INSTANCE = Native.load("c", LibC.class);

    int open(String path, int flags) throws LastErrorException;

    int close(int fd) throws LastErrorException;

    long read(int fd, byte[] buffer, long count) throws LastErrorException;

    long read(int fd, Pointer buffer, long count) throws LastErrorException;

    long write(int fd, byte[] buffer, long count) throws LastErrorException;

    /** ioctl with a pointer argument (an int or a struct), request as the unsigned 32-bit number widened. */
    int ioctl(int fd, long request, byte[] argument) throws LastErrorException;

    /** ioctl without an argument (PPPIOCDISCONN). */
    int ioctl(int fd, long request) throws LastErrorException;

    int epoll_create1(int flags) throws LastErrorException;

    int epoll_ctl(int epfd, int op, int fd, byte[] event) throws LastErrorException;

    int epoll_wait(int epfd, Pointer events, int maxEvents, int timeoutMs) throws LastErrorException;

    int eventfd(int initval, int flags) throws LastErrorException;

    int pipe2(int[] fds, int flags) throws LastErrorException;

    int socketpair(int domain, int type, int protocol, int[] fds) throws LastErrorException;

    int socket(int domain, int type, int protocol) throws LastErrorException;

    int bind(int fd, byte[] address, int length) throws LastErrorException;

    int connect(int fd, byte[] address, int length) throws LastErrorException;

    int setsockopt(int fd, int level, int option, byte[] value, int length) throws LastErrorException;

    long sendto(int fd, byte[] buffer, long length, int flags, byte[] address, int addressLength)
            throws LastErrorException;

    long recv(int fd, byte[] buffer, long length, int flags) throws LastErrorException;

    String strerror(int errno);

    /** Calls whose success does not clear errno, so JNA must not turn a stale errno into an exception. */
    interface Plain extends Library {
        Plain INSTANCE = Native.load("c", Plain.class);

        /** 0 when there is no such interface; errno (Native.getLastError) then says why. */
        int if_nametoindex(String name);
    }

    int EAGAIN = 11;
    int EINTR = 4;

    /** "CALL: errno N (text)" as an IOException. */
    static IOException error(String call, LastErrorException e) {
        return error(call, e.getErrorCode(), e);
    }

    static IOException error(String call, int errno, Throwable cause) {
        String text;
        try {
            text = INSTANCE.strerror(errno);
        } catch (RuntimeException | UnsatisfiedLinkError ex) {
            text = "?";
        }
        return new IOException(call + ": errno " + errno + " (" + text + ")", cause);
    }

    /** Closes fd, ignoring errors (already closed: nothing leaks either way). */
    static void closeQuietly(int fd) {
        if (fd >= 0) {
            try {
                INSTANCE.close(fd);
            } catch (LastErrorException ignored) {
                // EBADF or EINTR: the descriptor is gone either way on Linux
            }
        }
    }
}
