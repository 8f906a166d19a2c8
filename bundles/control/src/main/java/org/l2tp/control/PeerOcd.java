package org.l2tp.control;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The metatype of the {@code org.l2tp.peer} factory: one configuration per peer. Keys without a default here take
 * the daemon's value ({@link DaemonOcd}), now and whenever the daemon's changes.
 */
@ObjectClassDefinition(name = "L2TP peer",
        description = "A peer: where our LAC connects to, and how control connections from that address are "
                + "treated. Secret, timers and hiding apply to live tunnels; deleting it sends StopCCN.")
public @interface PeerOcd {
    @AttributeDefinition(name = "Name", description = "Unique name (letters, digits, . _ -).")
    String name();

    @AttributeDefinition(name = "Address", description = "The peer's host[:port] (port 1701 by default).")
    String address();

    @AttributeDefinition(name = "Secret", type = AttributeType.PASSWORD, required = false,
            description = "Tunnel secret: challenge/response (RFC 2661 4.2) and hidden AVPs.")
    String secret();

    @AttributeDefinition(name = "Hide AVPs", required = false)
    boolean hidden_avps();

    @AttributeDefinition(name = "HELLO interval (s)", required = false, min = "0", max = "3600")
    int hello_interval();

    @AttributeDefinition(name = "Receive window", required = false, min = "1", max = "1024")
    int receive_window();

    @AttributeDefinition(name = "Initial retransmission time-out (ms)", required = false)
    long retransmit_initial_ms();

    @AttributeDefinition(name = "Maximum retransmission time-out (ms)", required = false)
    long retransmit_max_ms();

    @AttributeDefinition(name = "Retransmissions", required = false)
    int retransmit_retries();

    @AttributeDefinition(name = "Acknowledgement delay (ms)", required = false, min = "0", max = "10000")
    long ack_delay_ms();

    @AttributeDefinition(name = "Connect at start", description = "LAC: open the tunnel when configured.")
    boolean connect() default false;

    @AttributeDefinition(name = "Sessions", min = "0", max = "65535",
            description = "LAC: incoming calls to place and keep up once the tunnel is up.")
    int sessions() default 0;

    @AttributeDefinition(name = "Redial", description = "LAC: reconnect and re-place calls with back-off.")
    boolean redial() default true;

    @AttributeDefinition(name = "Redial back-off minimum (s)", min = "1", max = "3600")
    int redial_min() default 1;

    @AttributeDefinition(name = "Redial back-off maximum (s)", min = "1", max = "86400")
    int redial_max() default 60;
}
