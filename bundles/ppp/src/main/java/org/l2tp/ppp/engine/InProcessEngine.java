package org.l2tp.ppp.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import org.l2tp.api.aaa.Authenticator;
import org.l2tp.api.aaa.SessionContext;
import org.l2tp.api.dataplane.SessionParameters;
import org.l2tp.api.ppp.PppEngine;
import org.l2tp.api.ppp.PppExitListener;
import org.l2tp.api.ppp.PppProcess;
import org.l2tp.api.ppp.PppSettings;
import org.l2tp.ppp.kernel.FramePoller;
import org.l2tp.ppp.kernel.PppDev;
import org.l2tp.ppp.kernel.Rtnetlink;
import org.l2tp.ppp.link.PppLink;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The in-process PPP engine: every session's PPP runs here on the kernel's PPP channel and unit, as accel-ppp does,
 * instead of a pppd per session. One poller thread reads every channel and unit descriptor (epoll); a few loops run
 * the links (a link always on the same loop); AAA providers answer asynchronously.
 */
@Component(service = PppEngine.class)
public class InProcessEngine implements PppEngine {
    private static final Logger LOG = Logger.getLogger("org.l2tp.ppp");
    private static final Path DEV_PPP = Path.of("/dev/ppp");

    private final Map<String, Authenticator> aaa = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private volatile String problem;
    private volatile boolean closed;
    private Kernel kernel;
    private PppLoop[] loops;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addAuthenticator(Authenticator a, Map<String, Object> props) {
        Object name = props.get(Authenticator.NAME_PROPERTY);
        if (name != null) {
            aaa.put(name.toString(), a);
        }
    }

    void removeAuthenticator(Authenticator a, Map<String, Object> props) {
        aaa.values().remove(a);
    }

    @Activate
    void activate() throws IOException {
        problem = probe();
        if (problem != null) {
            // Nothing to poll and no interfaces to configure here: no thread, no netlink socket held for nothing.
            LOG.info("in-process PPP engine not available here: " + problem);
            return;
        }
        FramePoller poller = new FramePoller();
        try {
            kernel = new Kernel(new PppDev(), poller, new Rtnetlink());
        } catch (IOException | RuntimeException e) {
            poller.close();
            throw e;
        }
        int n = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        loops = new PppLoop[n];
        for (int i = 0; i < n; i++) {
            loops[i] = new PppLoop("ppp-loop-" + i);
        }
        LOG.info("in-process PPP engine ready (" + n + " loops)");
    }

    @Deactivate
    void deactivate() {
        closed = true;
        if (kernel == null) {
            return;
        }
        for (KernelLink l : kernel.links.keySet()) {
            l.shutdown();
        }
        for (PppLoop l : loops) {
            l.close();
        }
        kernel.poller().close();
        kernel.rtnl().close();
    }

    private static String probe() {
        try {
            PosixFileAttributes a = Files.readAttributes(DEV_PPP, PosixFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (!a.isOther()) {
                return DEV_PPP + " is not a character device";
            }
            return null;
        } catch (IOException e) {
            return "no " + DEV_PPP + " (modprobe ppp_generic)";
        }
    }

    @Override
    public String unavailableReason() {
        return problem;
    }

    @Override
    public PppProcess start(SessionParameters session, int sessionFd, PppSettings settings, PppExitListener onExit)
            throws IOException {
        String p = closed ? "the engine is stopping" : problem;
        if (p != null) {
            throw new IOException("in-process PPP: " + p);
        }
        Authenticator a = null;
        if (!settings.require().isEmpty()) {
            a = aaa.get(settings.aaa());
            if (a == null) {
                throw new IOException("PPP profile " + settings.profile() + " asks AAA provider '" + settings.aaa()
                        + "', which is not running");
            }
        }
        PppLoop loop = loops[Math.floorMod(next.getAndIncrement(), loops.length)];
        KernelLink k = new KernelLink(kernel, session, sessionFd, loop, onExit);
        try {
            SessionParameters.Call call = session.call();
            SessionContext ctx = new SessionContext(session.localTunnelId(), session.localSessionId(),
                    call.callSerial(), call.callingNumber(), call.calledNumber(), call.peerAddress(),
                    call.localAddress(), settings.profile(), call.peerHostName(), call.localHostName());
            PppLink link = new PppLink(settings, session.lns(), k, loop, loop, random, a, ctx);
            kernel.links.put(k, Boolean.TRUE);
            k.start(link);
        } catch (IOException | RuntimeException e) {
            kernel.links.remove(k);
            k.closeChannel();
            throw e;
        }
        return k;
    }

    /** Links alive, for tests and status. */
    int links() {
        return kernel == null ? 0 : kernel.links.size();
    }

    /** The kernel's objects every link uses, and the set of live links. */
    static final class Kernel {
        private final PppDev dev;
        private final FramePoller poller;
        private final Rtnetlink rtnl;
        final Map<KernelLink, Boolean> links = new ConcurrentHashMap<>();

        Kernel(PppDev dev, FramePoller poller, Rtnetlink rtnl) {
            this.dev = dev;
            this.poller = poller;
            this.rtnl = rtnl;
        }

        PppDev dev() {
            return dev;
        }

        FramePoller poller() {
            return poller;
        }

        Rtnetlink rtnl() {
            return rtnl;
        }

        private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();

        void forget(KernelLink l) {
            links.remove(l);
        }

        /** A frame dropped because its link's loop is MAX_PENDING frames behind (a flood). */
        void dropped() {
            dropped.incrementAndGet();
        }

        void closeQuietly(int fd) {
            try {
                dev.close(fd);
            } catch (IOException e) {
                LOG.fine("close(" + fd + "): " + e.getMessage());
            }
        }
    }

}
