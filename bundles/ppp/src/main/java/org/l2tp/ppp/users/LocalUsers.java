package org.l2tp.ppp.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

import org.l2tp.api.aaa.AuthRequest;
import org.l2tp.api.aaa.AuthResult;
import org.l2tp.api.aaa.Authenticator;
import org.l2tp.ppp.auth.ChapMd5;
import org.l2tp.ppp.auth.MsChapV2;
import org.osgi.service.component.annotations.Component;

/**
 * The local user table as an {@link Authenticator} ({@code org.l2tp.aaa=local}): answers at once from an immutable
 * snapshot that {@link #update} replaces atomically. As a component it is the {@link UserTable} the
 * {@link UserComponent}s hand themselves to. Refusals never say whether the name or the password was wrong.
 */
@Component(service = {Authenticator.class, UserTable.class}, property = Authenticator.NAME_PROPERTY + "=local")
public class LocalUsers implements Authenticator, UserTable {
    private static final Logger LOG = Logger.getLogger("org.l2tp.ppp.users");
    static final String ACCEPTED = "authentication succeeded";
    static final String REFUSED = "authentication failed";

    private volatile Map<String, User> users = Map.of();
    /** The configured components and their generations, for the component life: each change rebuilds the snapshot. */
    private final Map<UserComponent, Long> components = new HashMap<>();

    /** Replaces all users at once; of two with the same name the later one in {@code all} wins. */
    public void update(Collection<User> all) {
        Map<String, User> m = new LinkedHashMap<>();
        for (User u : all) {
            if (m.put(u.name(), u) != null) {
                LOG.warning(() -> "user " + u.name() + " is configured twice; the later one wins");
            }
        }
        users = Map.copyOf(m);
    }

    /** The users now in force. */
    public Collection<User> users() {
        return users.values();
    }

    @Override
    public void putUser(UserComponent u) {
        synchronized (components) {
            components.put(u, u.generation());
            rebuild();
        }
    }

    @Override
    public void removeUser(UserComponent u) {
        synchronized (components) {
            components.remove(u);
            rebuild();
        }
    }

    /** Users in configuration order: a later configured (or changed) duplicate wins. */
    private void rebuild() {
        List<Map.Entry<UserComponent, Long>> order = new ArrayList<>(components.entrySet());
        order.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
        List<User> all = new ArrayList<>();
        for (Map.Entry<UserComponent, Long> e : order) {
            User user = e.getKey().user();
            if (user != null) {
                all.add(user);
            }
        }
        update(all);
    }

    @Override
    public CompletionStage<AuthResult> authenticate(AuthRequest r) {
        return CompletableFuture.completedFuture(decide(r));
    }

    private AuthResult decide(AuthRequest r) {
        Map<String, User> now = users;
        User u = now.get(r.user());
        if (u == null && r.user() != null) {
            // "DOMAIN\\user" (RFC 2759 4) matches a local "user" when no "DOMAIN\\user" is configured.
            u = now.get(MsChapV2.userName(r.user()));
        }
        if (u == null) {
            return AuthResult.reject(REFUSED);
        }
        boolean ok;
        String mschapSuccess = null;
        switch (r.method()) {
            case PAP -> ok = MessageDigest.isEqual(u.password().getBytes(StandardCharsets.UTF_8), r.response());
            case CHAP_MD5 -> ok = MessageDigest.isEqual(ChapMd5.response(r.id(), u.password(), r.challenge()),
                    r.response());
            case MSCHAP_V2 -> {
                byte[] challenge = r.challenge();
                byte[] response = r.response();
                if (challenge.length != MsChapV2.CHALLENGE_LENGTH || response.length != MsChapV2.RESPONSE_LENGTH) {
                    return AuthResult.reject(REFUSED);
                }
                byte[] peerChallenge = java.util.Arrays.copyOf(response, MsChapV2.CHALLENGE_LENGTH);
                byte[] nt = java.util.Arrays.copyOfRange(response, MsChapV2.NT_RESPONSE_OFFSET,
                        MsChapV2.NT_RESPONSE_OFFSET + MsChapV2.NT_RESPONSE_LENGTH);
                String account = MsChapV2.userName(r.user());
                byte[] hash = MsChapV2.ntPasswordHash(u.password());
                ok = MessageDigest.isEqual(MsChapV2.generateNtResponseFromHash(challenge, peerChallenge, account,
                        hash), nt);
                if (ok) {
                    mschapSuccess = MsChapV2.generateAuthenticatorResponseFromHash(hash, nt, peerChallenge, challenge,
                            account);
                }
                java.util.Arrays.fill(hash, (byte) 0);
            }
            default -> ok = false;
        }
        if (!ok) {
            return AuthResult.reject(REFUSED);
        }
        AuthResult result = AuthResult.accept(ACCEPTED).withAddress(u.address());
        return mschapSuccess == null ? result : result.withMschapSuccess(mschapSuccess);
    }

    @Override
    public String toString() {
        return "LocalUsers[" + users.size() + " users]";
    }
}
