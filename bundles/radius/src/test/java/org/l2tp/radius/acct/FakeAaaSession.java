package org.l2tp.radius.acct;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.l2tp.api.aaa.AaaSession;
import org.l2tp.api.aaa.AuthMethod;
import org.l2tp.api.aaa.SessionContext;
import org.l2tp.api.dataplane.DataCounters;

/** A session as the engine would show it, with counters the test sets and timeouts it records. */
public final class FakeAaaSession implements AaaSession {
    private final SessionContext context;
    private final String user;
    private final String peerAddress;
    private final Instant started;
    private volatile DataCounters counters = DataCounters.ZERO;
    private volatile int sessionTimeoutS;
    private volatile int idleTimeoutS;
    /** Every setTimeouts call, as {session, idle}. */
    public final List<int[]> timeoutChanges = new ArrayList<>();

    public FakeAaaSession(int tunnelId, int sessionId, String user, String peerAddress, Instant started) {
        this.context = new SessionContext(tunnelId, sessionId, 1000L + sessionId, "calling-" + sessionId,
                "called", "192.0.2.1", "192.0.2.2", "default", "lac.example", "lns.example");
        this.user = user;
        this.peerAddress = peerAddress;
        this.started = started;
    }

    /** Input (from the subscriber) and output bytes; packets a thousandth of them, at least one when any. */
    public FakeAaaSession traffic(long inputBytes, long outputBytes) {
        counters = new DataCounters(Math.max(outputBytes / 1000, outputBytes > 0 ? 1 : 0), outputBytes, 0,
                Math.max(inputBytes / 1000, inputBytes > 0 ? 1 : 0), inputBytes, 0, 0, 0);
        return this;
    }

    @Override
    public SessionContext context() {
        return context;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public AuthMethod method() {
        return AuthMethod.PAP;
    }

    @Override
    public String peerAddress() {
        return peerAddress;
    }

    @Override
    public String interfaceName() {
        return "l2tp" + context.localTunnelId() + "-" + context.localSessionId();
    }

    @Override
    public Instant started() {
        return started;
    }

    @Override
    public DataCounters counters() {
        return counters;
    }

    @Override
    public int sessionTimeoutS() {
        return sessionTimeoutS;
    }

    @Override
    public int idleTimeoutS() {
        return idleTimeoutS;
    }

    @Override
    public synchronized void setTimeouts(int sessionTimeoutS, int idleTimeoutS) {
        timeoutChanges.add(new int[] {sessionTimeoutS, idleTimeoutS});
        if (sessionTimeoutS >= 0) {
            this.sessionTimeoutS = sessionTimeoutS;
        }
        if (idleTimeoutS >= 0) {
            this.idleTimeoutS = idleTimeoutS;
        }
    }

    @Override
    public String toString() {
        return interfaceName();
    }
}
