package org.l2tp.ppp.auth;

import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

import org.l2tp.api.aaa.Authenticator;
import org.l2tp.api.aaa.SessionContext;
import org.l2tp.ppp.link.PacketSender;
import org.l2tp.ppp.link.Timers;

/**
 * What the authenticator side needs.
 *
 * @param localName     our name in CHAP Challenges (RFC 1994 4.1 Name)
 * @param aaa           who decides
 * @param session       the call, for the AAA request
 * @param out           sends PAP/CHAP packets to the peer
 * @param timers        the link's timers
 * @param loop          runs tasks on the link's thread: AAA answers hop back through it
 * @param random        for challenges and identifiers; should be a strong generator (SecureRandom)
 * @param listener      hears the verdict
 * @param retryMs       CHAP: time between Challenge retransmissions
 * @param maxChallenges CHAP: transmissions of a Challenge before giving up
 * @param deadlineMs    the longest the whole authentication may take from {@link AuthSide#start()}, the AAA answer
 *                      included; 0 for no limit
 */
public record AuthenticatorContext(String localName, Authenticator aaa, SessionContext session, PacketSender out,
                                   Timers timers, Executor loop, RandomGenerator random, AuthListener listener,
                                   long retryMs, int maxChallenges, long deadlineMs) {
    public AuthenticatorContext {
        if (retryMs <= 0 || maxChallenges < 1 || deadlineMs < 0) {
            throw new IllegalArgumentException("retryMs " + retryMs + ", maxChallenges " + maxChallenges
                    + ", deadlineMs " + deadlineMs);
        }
    }
}
