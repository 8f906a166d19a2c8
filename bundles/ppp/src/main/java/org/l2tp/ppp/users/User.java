package org.l2tp.ppp.users;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A local user (factory PID {@code org.l2tp.user}).
 *
 * @param name     the name the peer gives (PAP Peer-ID, CHAP Name); 1 to 255 octets
 * @param password the secret; 1 to 255 octets (PAP's Passwd-Length is one octet, RFC 1334 2.2.1); never shown by
 *                 {@link #toString()}
 * @param address  a fixed IPv4 address for the peer in dotted-quad form, or null to take one from the pool
 */
public record User(String name, String password, String address) {
    public User {
        if (name == null || name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw new IllegalArgumentException("user name must be 1 to 255 bytes");
        }
        if (password == null || password.isEmpty() || password.getBytes(StandardCharsets.UTF_8).length > 255) {
            // no hint of the password in the message, not even its length
            throw new IllegalArgumentException("user " + name + ": password must be 1 to 255 bytes");
        }
        if (address != null) {
            address = address.trim();
            if (address.isEmpty()) {
                address = null;
            } else if (!isIpv4(address)) {
                throw new IllegalArgumentException("user " + name + ": address " + address
                        + " is not an IPv4 address (a.b.c.d)");
            }
        }
    }

    /** From configuration properties {@code name}, {@code password}, optional {@code address}. */
    public static User from(Map<String, ?> props) {
        Object name = props.get("name");
        Object password = props.get("password");
        Object address = props.get("address");
        if (!(name instanceof String n)) {
            throw new IllegalArgumentException("user without a name");
        }
        if (!(password instanceof String p)) {
            throw new IllegalArgumentException("user " + n + " without a password");
        }
        if (address != null && !(address instanceof String)) {
            throw new IllegalArgumentException("user " + n + ": address must be text");
        }
        return new User(n.trim(), p, (String) address);
    }

    /** Strict dotted quad: four decimal octets, no host names (a DNS lookup must not hide in configuration). */
    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(ch -> ch >= '0' && ch <= '9')
                    || Integer.parseInt(part) > 255 || part.length() > 1 && part.charAt(0) == '0') {
                return false;
            }
        }
        return true;
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "User[" + name + (address != null ? " " + address : "") + "]";
    }
}
