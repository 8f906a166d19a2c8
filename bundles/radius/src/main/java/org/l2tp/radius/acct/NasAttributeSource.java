package org.l2tp.radius.acct;

import java.util.List;

import org.aaa4j.radius.core.attribute.Attribute;
import org.l2tp.api.aaa.SessionContext;

/**
 * The NAS and tunnel attributes an Accounting-Request carries besides accounting's own (RFC 2865 NAS-Identifier,
 * NAS-IP-Address, NAS-Port ..., RFC 2868/2867 Tunnel-*), the same as on the session's Access-Request.
 */
@FunctionalInterface
public interface NasAttributeSource {
    /** For a session; {@code session} null: the NAS's own only (Accounting-On/Off). */
    List<Attribute<?>> attributes(SessionContext session);
}
