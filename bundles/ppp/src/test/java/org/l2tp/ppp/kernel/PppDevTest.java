package org.l2tp.ppp.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What PppDev can show without a PPP driver: it refuses what is not /dev/ppp, and errors name call and errno. */
class PppDevTest {
    @TempDir
    Path dir;

    @Test
    void aMissingDeviceIsNotCreated() {
        Path p = dir.resolve("ppp");
        IOException e = assertThrows(IOException.class, () -> new PppDev(p).newUnit());
        assertTrue(e.getMessage().contains("modprobe ppp_generic"), e.getMessage());
        assertFalse(Files.exists(p));
    }

    @Test
    void aRegularFileIsRefused() throws Exception {
        Path p = Files.createFile(dir.resolve("ppp"));
        IOException e = assertThrows(IOException.class, () -> new PppDev(p).openChannel(1));
        assertTrue(e.getMessage().contains("not a character device"), e.getMessage());
    }

    @Test
    void aCharacterDeviceThatIsNotPppFailsInTheIoctl() {
        // /dev/null is a character device: open works, PPPIOCNEWUNIT does not (ENOTTY), and the fd is closed again.
        IOException e = assertThrows(IOException.class, () -> new PppDev(Path.of("/dev/null")).newUnit());
        assertEquals("PPPIOCNEWUNIT: errno 25 (Inappropriate ioctl for device)", e.getMessage());
    }

    @Test
    void ioctlsOnOtherDescriptorsNameTheCall() {
        IOException e = assertThrows(IOException.class, () -> new PppDev().channelIndex(987_654));
        assertEquals("PPPIOCGCHAN on fd 987654: errno 9 (Bad file descriptor)", e.getMessage());
        e = assertThrows(IOException.class, () -> new PppDev().disconnect(987_654));
        assertEquals("PPPIOCDISCONN on fd 987654: errno 9 (Bad file descriptor)", e.getMessage());
    }

    @Test
    void readIsNonBlocking() throws Exception {
        int[] p = new int[2];
        LibC.INSTANCE.pipe2(p, PppDev.O_NONBLOCK | PppDev.O_CLOEXEC);
        try {
            PppDev dev = new PppDev();
            byte[] buf = new byte[8];
            assertEquals(-1, dev.read(p[0], buf));
            dev.write(p[1], new byte[] {1, 2, 3}, 1, 2);
            assertEquals(2, dev.read(p[0], buf));
            assertEquals(3, buf[1]);
            dev.close(p[1]);
            assertEquals(0, dev.read(p[0], buf));
        } finally {
            LibC.closeQuietly(p[0]);
        }
    }
}
