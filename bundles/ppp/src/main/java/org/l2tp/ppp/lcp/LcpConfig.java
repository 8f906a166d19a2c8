package org.l2tp.ppp.lcp;

import java.util.List;
import java.util.Set;

import org.l2tp.api.aaa.AuthMethod;
import org.l2tp.ppp.fsm.Restart;

/**
 * What LCP negotiates on a link.
 *
 * @param mru           the MRU we ask for (RFC 1661 6.1); 1500, the default, is not requested
 * @param require       methods we ask the peer to authenticate with, preferred first; empty: we don't ask
 * @param allow         methods we accept to authenticate ourselves with when the peer asks; empty: reject
 *                      Auth-Protocol
 * @param echoIntervalS seconds between keep-alive Echo-Requests in Opened; 0: none
 * @param echoFailures  unanswered Echo-Requests in a row before the link is closed
 * @param restart       the section 4.6 timer and counters
 */
public record LcpConfig(int mru, List<AuthMethod> require, Set<AuthMethod> allow, int echoIntervalS,
                        int echoFailures, Restart restart) {
    public LcpConfig {
        if (mru < Lcp.MIN_MRU || mru > 65535) {
            throw new IllegalArgumentException("MRU " + mru + " outside " + Lcp.MIN_MRU + "..65535");
        }
        if (echoIntervalS < 0 || echoFailures < 0) {
            throw new IllegalArgumentException("negative echo interval or failures");
        }
        require = List.copyOf(require);
        allow = Set.copyOf(allow);
    }
}
