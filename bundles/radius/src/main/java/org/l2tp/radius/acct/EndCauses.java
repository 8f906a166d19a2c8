package org.l2tp.radius.acct;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import org.l2tp.api.SessionEnd;

/**
 * What the L2TP side and our own actions tell about sessions stopped from outside PPP, for their
 * Acct-Terminate-Cause (RFC 2866 section 5.10). The engine's end ({@code sessionEnded} with no PppEnd) and the
 * daemon's {@code sessionDown} come on different threads in either order, so what is heard is kept a short while.
 * Accounting's thread only.
 *
 * <p>The rules, first match: our Disconnect-Request ended it: Admin-Reset; the daemon or this component is
 * stopping: NAS-Reboot; we sent the CDN (an operator): Admin-Reset; the peer's CDN:
 * {@link TerminateCause#ofCdnResult}; its tunnel went down: Lost-Service. Without who ended it (an older daemon):
 * its tunnel went down: Lost-Service; its CDN: {@link TerminateCause#ofCdnResult}. A CDN
 * with a general error (2) is what every session of a closing tunnel reports just before the tunnel's own event, so
 * it is decided only once that event had its chance.
 */
final class EndCauses {
    /** How long an event is kept for a session end still to come. */
    static final long KEEP_MS = 10_000;

    /** {@code end}: who ended the call, when the daemon said (null: an older listener call without it). */
    private record Heard(long atMs, int cdnResult, boolean adminReset, SessionEnd end) {
    }

    private final Map<Long, Heard> sessions = new HashMap<>();
    private final Map<Integer, Long> tunnelsDown = new HashMap<>();
    private boolean stopping;
    private long prunedMs = Long.MIN_VALUE;

    static long key(int tunnelId, int sessionId) {
        return ((long) tunnelId << 16) | sessionId;
    }

    /** Our DAS is about to close this session (RFC 5176 Disconnect-Request). */
    void adminReset(int tunnelId, int sessionId, long nowMs) {
        prune(nowMs);
        sessions.put(key(tunnelId, sessionId), new Heard(nowMs, 0, true, SessionEnd.LOCAL));
    }

    void sessionDown(int tunnelId, int sessionId, int resultCode, SessionEnd end, long nowMs) {
        prune(nowMs);
        sessions.merge(key(tunnelId, sessionId), new Heard(nowMs, resultCode, false, end),
                (old, neu) -> old.adminReset ? old : neu);
    }

    void tunnelDown(int tunnelId, long nowMs) {
        prune(nowMs);
        tunnelsDown.put(tunnelId, nowMs);
    }

    /** Every later end is the NAS going away (or, with false, the daemon is back). */
    void stopping(boolean s) {
        stopping = s;
    }

    boolean stopping() {
        return stopping;
    }

    /**
     * The cause for a session that started at {@code sinceMs}, from what was heard since; null while it is not
     * known yet (the caller waits, then asks {@link #decideFinally}).
     */
    TerminateCause decide(int tunnelId, int sessionId, long sinceMs) {
        Heard h = sessions.get(key(tunnelId, sessionId));
        if (h != null && h.atMs < sinceMs) {
            h = null; // an earlier call with the same ids
        }
        if (h != null && h.adminReset) {
            return TerminateCause.ADMIN_RESET;
        }
        if (stopping) {
            return TerminateCause.NAS_REBOOT;
        }
        if (h != null && h.end != null) {
            return switch (h.end) {
                // Our CDN for a PPP that did not end on its own (that one has its PppEnd): an operator.
                case LOCAL -> TerminateCause.ADMIN_RESET;
                case PEER -> TerminateCause.ofCdnResult(h.cdnResult);
                case TUNNEL -> TerminateCause.LOST_SERVICE;
            };
        }
        Long down = tunnelsDown.get(tunnelId);
        if (down != null && down >= sinceMs) {
            return TerminateCause.LOST_SERVICE;
        }
        if (h == null || h.cdnResult == 2) {
            return null;
        }
        return TerminateCause.ofCdnResult(h.cdnResult);
    }

    /** After the wait: what {@link #decide} says, else the CDN's cause, else NAS-Request (ended, reason unheard). */
    TerminateCause decideFinally(int tunnelId, int sessionId, long sinceMs) {
        TerminateCause c = decide(tunnelId, sessionId, sinceMs);
        if (c != null) {
            return c;
        }
        Heard h = sessions.get(key(tunnelId, sessionId));
        return h != null && h.atMs >= sinceMs ? TerminateCause.ofCdnResult(h.cdnResult) : TerminateCause.NAS_REQUEST;
    }

    private void prune(long nowMs) {
        if (nowMs - prunedMs < 1000) {
            return; // a closing tunnel reports its sessions all at once: prune once for them
        }
        prunedMs = nowMs;
        for (Iterator<Heard> it = sessions.values().iterator(); it.hasNext(); ) {
            if (nowMs - it.next().atMs > KEEP_MS) {
                it.remove();
            }
        }
        tunnelsDown.values().removeIf(at -> nowMs - at > KEEP_MS);
    }
}
