package org.l2tp.ppp.users;

/**
 * Where {@link UserComponent}s hand themselves over: {@link LocalUsers}. A user's configuration holds the password,
 * so the user registers no service (DS would publish the configuration as its properties) and binds this one
 * instead. Package-private: only this bundle can provide or use it.
 */
interface UserTable {
    /** The user is new, or its configuration changed. */
    void putUser(UserComponent user);

    /** The user's configuration is gone. */
    void removeUser(UserComponent user);
}
