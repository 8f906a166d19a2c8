package org.l2tp.control.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** The metatype of {@code org.l2tp.daemon}: names, descriptions, defaults and ranges for config:edit and consoles. */
@ObjectClassDefinition(name = "L2TP daemon",
        description = "The L2TP daemon: listening address, role, data plane, limits and timers. Changes apply "
                + "without restarting; established tunnels stay up.")
@interface DaemonOcd {
    @AttributeDefinition(name = "Host name", required = false,
            description = "The Host Name AVP we send (default: this machine's host name).")
    String host_name();

    @AttributeDefinition(name = "Listen address", description = "Local address of the UDP socket.")
    String listen_address() default "0.0.0.0";

    @AttributeDefinition(name = "Listen port", min = "0", max = "65535",
            description = "Local UDP port; 0 picks a free one. A change rebinds; tunnels keep their sockets.")
    int listen_port() default 1701;

    @AttributeDefinition(name = "LNS role", description = "Accept control connections and incoming calls "
            + "from unconfigured peers. Configured peers may always connect.")
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
            description = "Whether peers without an org.l2tp.peer configuration may connect (LNS).")
    boolean accept_unconfigured() default true;

    @AttributeDefinition(name = "Default secret", type = AttributeType.PASSWORD, required = false,
            description = "Tunnel secret for peers without one of their own.")
    String secret();

    @AttributeDefinition(name = "Hide AVPs", description = "Hide the AVPs we may hide (never in SCCRQ).")
    boolean hidden_avps() default false;
}
