package org.l2tp.shell;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.impl.action.command.DefaultActionPreparator;
import org.apache.karaf.shell.impl.action.command.ManagerImpl;
import org.apache.karaf.shell.impl.console.RegistryImpl;
import org.l2tp.api.L2tpService;

/**
 * Runs a command as Karaf's console does, without Karaf: Karaf's own ManagerImpl creates the Action and injects its
 * {@code @Reference} fields (the superclasses' included), Karaf's own DefaultActionPreparator parses the words into
 * its {@code @Argument}/{@code @Option} fields, then it runs with System.out captured.
 */
final class KarafShell {
    private final RegistryImpl registry = new RegistryImpl(null);
    private final ManagerImpl manager = new ManagerImpl(registry, registry);

    KarafShell(L2tpService l2tp) {
        if (l2tp != null) {
            registry.register(l2tp);
        }
    }

    /** Another service for the commands' {@code @Reference}s (RadiusStatus ...). */
    KarafShell with(Object service) {
        registry.register(service);
        return this;
    }

    /** What the command printed on System.out; a failing command's exception is thrown. */
    String run(Class<? extends Action> command, String... words) throws Exception {
        Action action = manager.instantiate(command, registry);
        Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> method.getReturnType() == boolean.class ? false : null);
        if (!new DefaultActionPreparator().prepare(action, session, List.<Object>of((Object[]) words))) {
            throw new IllegalStateException("not prepared: " + List.of(words));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            action.execute();
        } finally {
            System.setOut(old);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
