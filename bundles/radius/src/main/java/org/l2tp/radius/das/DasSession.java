package org.l2tp.radius.das;

import org.l2tp.api.aaa.AaaSession;

/**
 * A session a Disconnect-Request or CoA-Request may name (RFC 5176 section 3: identified by Acct-Session-Id,
 * User-Name, Framed-IP-Address).
 *
 * @param tunnelId      our Tunnel ID
 * @param sessionId     our Session ID
 * @param acctSessionId its Acct-Session-Id, or null when RADIUS accounting does not know it
 * @param user          the name it authenticated as, or null
 * @param framedIp      the peer's IPv4 address (text), or null
 * @param aaa           the engine's session when RADIUS accepted it (CoA applies to these only), or null
 */
public record DasSession(int tunnelId, int sessionId, String acctSessionId, String user, String framedIp,
                         AaaSession aaa) {
}
