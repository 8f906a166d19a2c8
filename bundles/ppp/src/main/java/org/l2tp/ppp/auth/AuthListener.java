package org.l2tp.ppp.auth;

import org.l2tp.api.aaa.AuthResult;

/** The verdict of an {@link AuthSide}, called on the link's thread. */
public interface AuthListener {
    /**
     * The peer proved itself (authenticator side: {@code name} is the name it gave and {@code result} the AAA
     * answer) or the peer accepted us (client side: {@code name} is our name and {@code result} null).
     */
    void succeeded(String name, AuthResult result);

    /** Authentication failed or gave up; the link must be terminated (RFC 1334 2.2.1, RFC 1994 4.2). */
    void failed(String reason);
}
