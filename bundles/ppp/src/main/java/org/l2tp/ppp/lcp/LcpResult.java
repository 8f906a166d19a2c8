package org.l2tp.ppp.lcp;

import org.l2tp.api.aaa.AuthMethod;

/**
 * What LCP agreed on, at This-Layer-Up.
 *
 * @param peerMru    the MRU the peer will receive (its MRU option, 1500 without): our send size
 * @param localMru   the MRU we receive (our acked MRU option, 1500 without)
 * @param peerAuth   the method the peer agreed to authenticate with, or null
 * @param ownAuth    the method the peer requires of us, or null
 * @param localMagic our Magic-Number, 0 when not negotiated
 * @param peerMagic  the peer's Magic-Number, 0 when not negotiated
 */
public record LcpResult(int peerMru, int localMru, AuthMethod peerAuth, AuthMethod ownAuth, int localMagic,
                        int peerMagic) {
}
