package org.l2tp.ppp.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.l2tp.api.aaa.AuthMethod;
import org.l2tp.api.aaa.AuthRequest;
import org.l2tp.api.aaa.AuthResult;
import org.l2tp.ppp.users.LocalUsers;
import org.l2tp.ppp.users.User;

/** Passwords never show in toString(), verdict reasons or exception messages. */
class SecretsTest {
    private static final String SECRET = "Zq9-very-secret";

    @Test
    void noToStringShowsThePassword() throws Exception {
        List<Object> objects = new ArrayList<>();
        LocalUsers users = new LocalUsers();
        User user = new User("alice", SECRET, "10.0.0.7");
        users.update(List.of(user));
        objects.add(user);
        objects.add(users);
        for (AuthMethod m : AuthMethod.values()) {
            Harness h = new Harness(m, users, "alice", SECRET).start();
            objects.add(h.clientContext);
            objects.add(h.authContext);
            objects.add(h.auth);
            objects.add(h.client);
            objects.add(h.authEvents.result);
            objects.add(h.authEvents.events);
            objects.add(h.clientEvents.events);
            objects.addAll(h.fromClient);
            Harness wrong = new Harness(m, users, "alice", SECRET + "x").start();
            objects.add(wrong.authEvents.events);
            objects.add(wrong.clientEvents.events);
        }
        AuthRequest pap = new AuthRequest(AuthMethod.PAP, "alice", 0, new byte[0],
                SECRET.getBytes(StandardCharsets.UTF_8), Harness.SESSION);
        objects.add(pap);
        objects.add(users.authenticate(pap).toCompletableFuture().get());
        objects.add(AuthResult.reject("x"));
        for (Object o : objects) {
            assertFalse(String.valueOf(o).contains(SECRET), () -> o.getClass() + ": " + o);
            assertFalse(String.valueOf(o).contains("Zq9"), () -> o.getClass() + ": " + o);
        }
    }

    @Test
    void invalidUsersSayNothingOfThePassword() {
        for (Map<String, Object> props : List.<Map<String, Object>>of(
                Map.of("name", "alice", "password", SECRET, "address", "10.0.0.300"),
                Map.of("name", "", "password", SECRET),
                Map.of("name", "alice", "password", SECRET, "address", "host.example"),
                Map.of("name", "alice", "password", SECRET.repeat(30)))) {
            try {
                User.from(props);
                throw new AssertionError("accepted " + props.keySet());
            } catch (IllegalArgumentException e) {
                assertFalse(e.getMessage().contains("Zq9"), e.getMessage());
            }
        }
    }
}
