package org.l2tp.api.aaa;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The RADIUS client's servers and counters, for operators ({@code l2tp:radius}). Implemented by org.l2tp.radius. */
@ProviderType
public interface RadiusStatus {
    List<RadiusServerInfo> servers();

    /** Accounting requests waiting for a server (none answering), not yet delivered. */
    long accountingQueued();

    /** Accounting requests given up (the queue was full, or they waited longer than allowed); logged, never silent. */
    long accountingDropped();

    /** Dynamic authorization (RFC 5176): requests heard, ACKs, NAKs, and packets dropped (unknown client, bad authenticator, malformed). */
    DasCounters das();

    /**
     * @param listening the address and port the DAS listens on, or null when it is off
     */
    record DasCounters(String listening, long requests, long acks, long naks, long dropped) {
    }
}
