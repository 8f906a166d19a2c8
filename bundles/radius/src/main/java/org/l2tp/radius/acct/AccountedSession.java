package org.l2tp.radius.acct;

import org.l2tp.api.aaa.AaaSession;

/**
 * A session RADIUS accepted and accounting started, as dynamic authorization (RFC 5176) looks it up.
 *
 * @param acctSessionId its Acct-Session-Id
 * @param session       the engine's session
 */
public record AccountedSession(String acctSessionId, AaaSession session) {
}
