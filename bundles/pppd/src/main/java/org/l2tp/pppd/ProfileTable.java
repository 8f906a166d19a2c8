package org.l2tp.pppd;

/**
 * Where {@link PppProfileComponent}s hand themselves over: the launcher. A profile's configuration may hold a
 * password ({@code local.password}), so the profile registers no service (DS would publish the configuration as its
 * properties) and binds this one instead. Package-private: only this bundle can provide or use it.
 */
interface ProfileTable {
    /** The profile is new, or its configuration changed to a valid one. */
    void putProfile(PppProfileComponent profile);

    /** The profile's configuration is gone. */
    void removeProfile(PppProfileComponent profile);
}
