package org.l2tp.radius.das;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.l2tp.api.L2tpService;
import org.l2tp.api.SessionInfo;
import org.l2tp.api.SessionState;
import org.l2tp.api.aaa.AaaSession;
import org.l2tp.radius.acct.AccountedSession;
import org.l2tp.radius.acct.Accounting;

/**
 * The sessions RADIUS accounting started (with their Acct-Session-Id and AaaSession), and every other established
 * L2TP session whose PPP reports a user or an address (pppd's, local users'): those can be disconnected too, by
 * User-Name or Framed-IP-Address. Sessions end through the daemon's {@link L2tpService#closeSession}.
 */
public final class L2tpSessionDirectory implements SessionDirectory {
    /** RFC 2661 section 4.4.2 CDN result code: call disconnected for administrative reasons. */
    static final int CDN_ADMINISTRATIVE = 3;
    static final String CDN_MESSAGE = "RADIUS Disconnect-Request";

    private final Accounting accounting;
    private final Supplier<L2tpService> l2tp;

    /** {@code accounting} may be null (no accounting part): only L2TP sessions are found then. */
    public L2tpSessionDirectory(Accounting accounting, Supplier<L2tpService> l2tp) {
        this.accounting = accounting;
        this.l2tp = l2tp;
    }

    @Override
    public List<DasSession> sessions() {
        List<DasSession> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        if (accounting != null) {
            for (AccountedSession a : accounting.accounted()) {
                AaaSession s = a.session();
                int t = s.context().localTunnelId();
                int id = s.context().localSessionId();
                seen.add(key(t, id));
                out.add(new DasSession(t, id, a.acctSessionId(), s.user(), s.peerAddress(), s));
            }
        }
        L2tpService d = l2tp.get();
        if (d != null) {
            for (SessionInfo i : d.sessions(0)) {
                if (i.state() == SessionState.ESTABLISHED && i.ppp() != null && !seen.contains(key(i.tunnelId(),
                        i.localId()))) {
                    out.add(new DasSession(i.tunnelId(), i.localId(), null, i.ppp().user(), i.ppp().peerAddress(),
                            null));
                }
            }
        }
        return out;
    }

    @Override
    public CompletionStage<Void> disconnect(DasSession s) {
        L2tpService d = l2tp.get();
        if (d == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the L2TP daemon is not running"));
        }
        if (accounting != null) {
            accounting.disconnecting(s.tunnelId(), s.sessionId()); // its Stop says Admin-Reset
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        d.closeSession(s.tunnelId(), s.sessionId(), CDN_ADMINISTRATIVE, CDN_MESSAGE).whenComplete((v, e) -> {
            Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            if (c == null || c instanceof IllegalArgumentException) {
                done.complete(null); // gone, by us or meanwhile ("no such session")
            } else {
                done.completeExceptionally(c);
            }
        });
        return done;
    }

    private static long key(int t, int s) {
        return ((long) t << 16) | s;
    }
}
