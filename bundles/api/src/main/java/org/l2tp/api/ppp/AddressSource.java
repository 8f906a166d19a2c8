package org.l2tp.api.ppp;

import org.osgi.annotation.versioning.ConsumerType;

/** A profile's pool of peer IPv4 addresses, as the in-process engine takes from it. Thread-safe. */
@ConsumerType
public interface AddressSource {
    /** A free address, now leased (text), or null when the pool is exhausted or empty. */
    String lease();

    void release(String address);
}
