package org.l2tp.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.l2tp.api.ControlTrace;
import org.l2tp.api.TunnelInfo;

/** l2tp:debug's service call: the control trace is turned on, off, or left as it is. */
class DebugTraceTest {
    private ControlPlane lac;
    private ControlPlane lns;

    @AfterEach
    void stop() {
        if (lac != null) {
            lac.shutdown(0);
        }
        if (lns != null) {
            lns.shutdown(0);
        }
    }

    private boolean trace(int tunnel) {
        return lac.tunnelObject(tunnel).trace; // read after the debug future completed on the loop
    }

    private void debug(int tunnel, ControlTrace trace, int mask) throws Exception {
        lac.debug(tunnel, 0, trace, mask).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void onOffOrUnchanged() throws Exception {
        lns = TestDaemons.start("lns", new TestDaemons.Events());
        lac = TestDaemons.start("lac", new TestDaemons.Events());
        TunnelInfo t = lac.openTunnel("127.0.0.1:" + lns.listenAddress().getPort()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        int id = t.localId();
        assertEquals(false, trace(id));
        debug(id, ControlTrace.ON, -1);
        assertEquals(true, trace(id));
        debug(id, ControlTrace.UNCHANGED, 4);
        assertEquals(true, trace(id), "--kernel alone leaves the trace on");
        debug(id, ControlTrace.OFF, -1);
        assertEquals(false, trace(id));
        debug(id, ControlTrace.UNCHANGED, 0);
        assertEquals(false, trace(id), "--kernel alone leaves the trace off");
        lac.debug(id, 0, true, -1).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(true, trace(id), "the deprecated boolean form still works");
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> lac.debug(id + 1, 0, ControlTrace.ON, -1).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
    }
}
