package org.l2tp.control;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.l2tp.api.SessionInfo;
import org.l2tp.api.SessionState;
import org.l2tp.api.dataplane.DataSession;
import org.l2tp.api.ppp.PppInfo;

/** One call on a tunnel (RFC 2661 sections 7.4 and 7.5). Loop thread only; kept small: there may be 100,000. */
final class Session {
    final Tunnel tunnel;
    final int localId;
    final boolean lac;
    final boolean outgoing;
    int peerId;
    SessionState state = SessionState.IDLE;
    long callSerial;
    String callingNumber;
    String calledNumber;
    boolean sequencing;
    DataSession data;
    /** The last Call Errors a WEN reported (section 6.13), or null. */
    org.l2tp.codec.AvpValue.CallErrors wanErrors;
    /** The set-up deadline (session.setup.timeout) until ESTABLISHED. */
    Scheduler.Timer setupTimer;
    CompletableFuture<SessionInfo> opened;
    final long createdMillis = System.currentTimeMillis();

    Session(Tunnel tunnel, int localId, boolean lac, boolean outgoing) {
        this.tunnel = tunnel;
        this.localId = localId;
        this.lac = lac;
        this.outgoing = outgoing;
    }

    SessionInfo info() {
        return new SessionInfo(tunnel.localId, localId, peerId, state, lac, outgoing, callSerial, callingNumber,
                calledNumber, data == null ? null : data.interfaceName(), Instant.ofEpochMilli(createdMillis),
                data == null ? org.l2tp.api.dataplane.DataCounters.ZERO : data.counters(), ppp());
    }

    /** The data session's PPP, or null; a data plane's failure to tell never reaches the loop. */
    private PppInfo ppp() {
        if (data == null) {
            return null;
        }
        try {
            return data.ppp();
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "session " + tunnel.localId + "/" + localId + " (peer " + tunnel.peerId + "/" + peerId + ")";
    }
}
