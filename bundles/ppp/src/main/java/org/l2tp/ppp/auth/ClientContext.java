package org.l2tp.ppp.auth;

import org.l2tp.ppp.link.PacketSender;
import org.l2tp.ppp.link.Timers;

/**
 * What the client side needs.
 *
 * @param name        our name (PAP Peer-ID, CHAP Name; MS-CHAPv2 may be "DOMAIN\\user")
 * @param password    our secret; never shown by {@link #toString()}
 * @param out         sends PAP/CHAP packets to the peer
 * @param timers      the link's timers
 * @param listener    hears the verdict
 * @param retryMs     PAP: time between Authenticate-Requests; CHAP: retryMs * maxRequests is how long we wait for
 *                    the authenticator's next packet
 * @param maxRequests PAP: Authenticate-Requests sent before giving up
 */
public record ClientContext(String name, String password, PacketSender out, Timers timers, AuthListener listener,
                            long retryMs, int maxRequests) {
    public ClientContext {
        if (retryMs <= 0 || maxRequests < 1) {
            throw new IllegalArgumentException("retryMs " + retryMs + ", maxRequests " + maxRequests);
        }
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "ClientContext[name=" + name + ", retryMs=" + retryMs + ", maxRequests=" + maxRequests + "]";
    }
}
