package org.l2tp.shell;

import org.l2tp.api.SessionInfo;

/**
 * A session as the operator names it: our tunnel id and our session id, written {@code TUNNEL/SESSION} (12/7).
 *
 * @param tunnel  our Tunnel ID, 1-65535
 * @param session our Session ID, 1-65535
 */
record SessionRef(int tunnel, int session) {
    /** The form, as the commands' errors describe it. */
    static final String FORM = "TUNNEL/SESSION such as 12/7";

    SessionRef {
        if (tunnel < 1 || tunnel > Numbers.MAX_ID || session < 1 || session > Numbers.MAX_ID) {
            throw new IllegalArgumentException(tunnel + "/" + session + " is not " + FORM);
        }
    }

    static SessionRef of(SessionInfo s) {
        return new SessionRef(s.tunnelId(), s.localId());
    }

    /** Parses {@code TUNNEL/SESSION}; IllegalArgumentException for anything else. */
    static SessionRef parse(String text) {
        int slash = text.indexOf('/');
        int t = slash < 0 ? -1 : Numbers.id(text.substring(0, slash));
        int s = slash < 0 ? -1 : Numbers.id(text.substring(slash + 1));
        if (t < 0 || s < 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not " + FORM);
        }
        return new SessionRef(t, s);
    }

    boolean matches(SessionInfo s) {
        return s.tunnelId() == tunnel && s.localId() == session;
    }

    @Override
    public String toString() {
        return tunnel + "/" + session;
    }
}
