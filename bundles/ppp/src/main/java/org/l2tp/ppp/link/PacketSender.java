package org.l2tp.ppp.link;

import org.l2tp.ppp.frame.ControlPacket;

/** Sends one control packet of {@code protocol} on the link (LCP and authentication on the channel, NCPs on the unit). */
@FunctionalInterface
public interface PacketSender {
    void send(int protocol, ControlPacket packet);
}
