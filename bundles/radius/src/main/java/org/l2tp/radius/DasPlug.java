package org.l2tp.radius;

import java.util.List;

import org.l2tp.api.aaa.RadiusStatus;

/** The dynamic authorization server (RFC 5176; package org.l2tp.radius.das) as {@link RadiusComponent} drives it. */
public interface DasPlug extends AutoCloseable {
    /** The NAS settings (das.address, das.port) or the clients changed: applied live. */
    void configure(NasSettings nas, List<DasClient> clients);

    RadiusStatus.DasCounters counters();

    /** Stops listening. */
    @Override
    void close();
}
