package org.l2tp.radius;

import java.util.function.Supplier;

import org.l2tp.api.L2tpService;
import org.l2tp.radius.client.RadiusTransport;

/**
 * What {@link RadiusComponent} gives the accounting part and the DAS.
 *
 * @param transport the RADIUS client (Role.ACCT for accounting)
 * @param accepted  the Access-Accepts' Class and Acct-Interim-Interval, by SessionContext.port()
 * @param nas       the NAS settings now in force
 * @param l2tp      the daemon (closeSession, sessions), or null while it is absent
 */
public record RadiusParts(RadiusTransport transport, AcceptedSessions accepted, Supplier<NasSettings> nas,
                          Supplier<L2tpService> l2tp) {
}
