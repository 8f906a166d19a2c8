package org.l2tp.api.ppp;

import org.osgi.annotation.versioning.ConsumerType;

/** A profile's pool of peer IPv4 addresses, as the in-process engine takes from it. Thread-safe. */
@ConsumerType
public interface AddressSource {
    /** A free address, now leased (text), or null when the pool is exhausted or empty. */
    String lease();

    void release(String address);

    /**
     * Leases this particular address (one AAA assigned) when it is inside the pool and free; true also when it is
     * outside the pool (nothing to reserve there), false when another session holds it. Released with
     * {@link #release}.
     */
    default boolean reserve(String address) {
        return true;
    }

    /** Whether the address is one of this pool's. */
    default boolean contains(String address) {
        return false;
    }
}
