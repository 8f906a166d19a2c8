package org.l2tp.radius.client;

import java.util.Objects;

/**
 * One configured RADIUS server (factory PID {@code org.l2tp.radius}). Immutable; {@link #toString()} never shows the
 * secret.
 *
 * @param name      its configuration name, unique; ties of priority are broken by name
 * @param host      host name or address; resolved when the configuration is applied
 * @param authPort  the authentication port (RFC 2865: 1812), 0 when not used for authentication
 * @param acctPort  the accounting port (RFC 2866: 1813), 0 when not used for accounting
 * @param secret    the shared secret (RFC 2865 section 3)
 * @param priority  lower is asked first
 * @param timeoutMs how long to wait for an answer before retransmitting
 * @param retries   retransmissions before giving up on this server (2 = 3 transmissions)
 * @param deadTimeS how long a server that let a request time out is skipped; 0 never skips it
 */
public record RadiusServer(String name, String host, int authPort, int acctPort, String secret, int priority,
                           int timeoutMs, int retries, int deadTimeS) {
    public RadiusServer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(secret, "secret");
        if (name.isBlank() || host.isBlank()) {
            throw new IllegalArgumentException("a RADIUS server needs a name and a host");
        }
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("RADIUS server " + name + " has no secret");
        }
        check(name, "auth.port", authPort, 0, 65535);
        check(name, "acct.port", acctPort, 0, 65535);
        check(name, "timeout.ms", timeoutMs, 1, 600_000);
        check(name, "retries", retries, 0, 100);
        check(name, "dead.time.s", deadTimeS, 0, 86_400);
        if (authPort == 0 && acctPort == 0) {
            throw new IllegalArgumentException("RADIUS server " + name + " has neither auth.port nor acct.port");
        }
    }

    private static void check(String name, String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("RADIUS server " + name + ": " + key + " " + value + " is not in "
                    + min + ".." + max);
        }
    }

    /** The port of a role, 0 when the server does not serve it. */
    public int port(RadiusTransport.Role role) {
        return role == RadiusTransport.Role.AUTH ? authPort : acctPort;
    }

    @Override
    public String toString() {
        return "RadiusServer[" + name + " " + host + " auth " + authPort + " acct " + acctPort + " priority " + priority
                + " timeout " + timeoutMs + " ms retries " + retries + " dead " + deadTimeS + " s]";
    }
}
