package org.l2tp.ppp.auth;

import org.l2tp.api.aaa.AuthMethod;

/** The authentication protocols of a link: one {@link AuthSide} per role and method. */
public final class AuthProtocols {
    private AuthProtocols() {
    }

    /** We authenticate the peer with {@code m}. */
    public static AuthSide authenticator(AuthMethod m, AuthenticatorContext c) {
        return switch (m) {
            case PAP -> new Pap.Authenticator(c);
            case CHAP_MD5 -> new Chap.Authenticator(c, false);
            case MSCHAP_V2 -> new Chap.Authenticator(c, true);
        };
    }

    /** The peer authenticates us with {@code m}. */
    public static AuthSide client(AuthMethod m, ClientContext c) {
        return switch (m) {
            case PAP -> new Pap.Client(c);
            case CHAP_MD5 -> new Chap.Client(c, false);
            case MSCHAP_V2 -> new Chap.Client(c, true);
        };
    }
}
