package org.l2tp.api;

/**
 * What the daemon refused or dropped to protect itself and its peers (README, "Security model"). Every count is
 * exact, even where the log lines and answers that go with them are rate-limited.
 *
 * @param startupDropped      SCCRQs dropped unanswered while the configuration was still arriving
 * @param notAuthorized       SCCRQs refused with StopCCN result 4: unconfigured peer, or no secret for a challenge
 * @param tunnelLimit         SCCRQs refused by max.tunnels or max.halfopen.tunnels
 * @param peerTunnelLimit     SCCRQs refused by max.tunnels.per.peer
 * @param peerHalfOpenLimit   SCCRQs refused by max.halfopen.tunnels.per.peer
 * @param tunnelSetupTimeouts tunnels cleared because they did not reach ESTABLISHED within tunnel.setup.timeout
 * @param sessionLimit        calls refused by max.sessions
 * @param tunnelSessionLimit  calls refused by max.sessions.per.tunnel
 * @param duplicateSessionIds calls refused because their Assigned Session ID is that of a live session
 * @param foreignSource       datagrams for a tunnel that came from another address or port than its peer's
 * @param unknownTunnel       messages for tunnels we do not have
 * @param socketFailures      tunnels refused because their socket could not be opened (descriptors exhausted, ...)
 * @param answersSuppressed   stateless StopCCNs (unknown tunnels, refused SCCRQs) not sent because of the rate limit
 * @param logSuppressed       log lines about strangers' input not written because of the rate limit
 */
public record ProtectionCounters(long startupDropped, long notAuthorized, long tunnelLimit, long peerTunnelLimit,
                                 long peerHalfOpenLimit, long tunnelSetupTimeouts, long sessionLimit,
                                 long tunnelSessionLimit, long duplicateSessionIds, long foreignSource,
                                 long unknownTunnel, long socketFailures, long answersSuppressed,
                                 long logSuppressed) {
    public static final ProtectionCounters ZERO = new ProtectionCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
