package org.l2tp.control;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The metatype of {@code org.l2tp.daemon}: names, descriptions, defaults and ranges for config:edit and consoles.
 * The defaults here are the only ones: {@link DaemonConfig} reads them from this interface.
 */
@ObjectClassDefinition(name = "L2TP daemon",
        description = "The L2TP daemon: listening address, role, data plane, limits and timers. Changes apply "
                + "without restarting; established tunnels stay up.")
public @interface DaemonOcd {
    @AttributeDefinition(name = "Host name", required = false,
            description = "The Host Name AVP we send (default: this machine's host name).")
    String host_name();

    @AttributeDefinition(name = "Listen address", description = "Local address of the UDP socket.")
    String listen_address() default "0.0.0.0";

    @AttributeDefinition(name = "Listen port", min = "0", max = "65535",
            description = "Local UDP port; 0 picks a free one. A change rebinds; tunnels keep their sockets.")
    int listen_port() default 1701;

    @AttributeDefinition(name = "LNS role", description = "Accept incoming calls (ICRQ) on tunnels of peers "
            + "that are not configured as LACs of ours.")
    boolean lns() default true;

    @AttributeDefinition(name = "Data plane", description = "kernel: PPPoL2TP in the Linux kernel; null: control "
            + "plane only; auto: the kernel's where it works, else calls are refused with a CDN saying why.",
            options = {@Option(value = "auto"), @Option(value = "kernel"), @Option(value = "null")})
    String dataplane() default "auto";

    @AttributeDefinition(name = "Maximum tunnels", min = "1", max = "65535")
    int max_tunnels() default 4096;

    @AttributeDefinition(name = "Maximum sessions", min = "1", max = "10000000")
    int max_sessions() default 100000;

    @AttributeDefinition(name = "Maximum half-open tunnels", min = "1", max = "65535",
            description = "Tunnels still being set up; beyond it new SCCRQs get a StopCCN (flood protection).")
    int max_halfopen_tunnels() default 256;

    @AttributeDefinition(name = "Maximum tunnels per peer address", min = "1", max = "65535",
            description = "Tunnels from or to one IP address (all its ports together).")
    int max_tunnels_per_peer() default 64;

    @AttributeDefinition(name = "Maximum half-open tunnels per peer address", min = "1", max = "65535",
            description = "Tunnels of one IP address still being set up: one peer cannot take every set-up slot.")
    int max_halfopen_tunnels_per_peer() default 8;

    @AttributeDefinition(name = "Maximum sessions per tunnel", min = "1", max = "65535")
    int max_sessions_per_tunnel() default 16384;

    @AttributeDefinition(name = "Tunnel set-up time-out (s)", min = "1", max = "600",
            description = "A tunnel not ESTABLISHED this long after it was created is cleared (RFC 2661 7.2 has "
                    + "no timer for an acknowledged SCCRP that gets no SCCCN).")
    int tunnel_setup_timeout() default 30;

    @AttributeDefinition(name = "Receive window", min = "1", max = "1024",
            description = "The Receive Window Size we advertise: messages we buffer out of order.")
    int receive_window() default 16;

    @AttributeDefinition(name = "Initial retransmission time-out (ms)", min = "10", max = "60000")
    long retransmit_initial_ms() default 1000;

    @AttributeDefinition(name = "Maximum retransmission time-out (ms)", min = "10", max = "600000")
    long retransmit_max_ms() default 8000;

    @AttributeDefinition(name = "Retransmissions", min = "1", max = "100",
            description = "Retransmissions of one message before the peer is declared dead.")
    int retransmit_retries() default 5;

    @AttributeDefinition(name = "Acknowledgement delay (ms)", min = "0", max = "10000",
            description = "How long to wait for a message to piggyback an acknowledgement before sending a ZLB.")
    long ack_delay_ms() default 100;

    @AttributeDefinition(name = "HELLO interval (s)", min = "0", max = "3600",
            description = "Seconds of silence before sending HELLO; 0 disables.")
    int hello_interval() default 60;

    @AttributeDefinition(name = "Hold time (s)", min = "0", max = "600",
            description = "How long a closed tunnel lingers to acknowledge retransmissions (RFC 2661 5.7).")
    int hold_time() default 31;

    @AttributeDefinition(name = "Session set-up time-out (s)", min = "1", max = "600")
    int session_setup_timeout() default 30;

    @AttributeDefinition(name = "Accept unconfigured peers",
            description = "Whether peers without an org.l2tp.peer configuration may open tunnels (LNS). Off: they "
                    + "get StopCCN result 4, not authorized.")
    boolean accept_unconfigured() default false;

    @AttributeDefinition(name = "Default secret", type = AttributeType.PASSWORD, required = false,
            description = "Tunnel secret for peers without one of their own.")
    String secret();

    @AttributeDefinition(name = "Hide AVPs", description = "Hide the AVPs we may hide (never in SCCRQ).")
    boolean hidden_avps() default false;
}
