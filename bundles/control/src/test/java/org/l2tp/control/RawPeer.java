package org.l2tp.control;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

import org.l2tp.codec.AvpType;
import org.l2tp.codec.ControlMessage;
import org.l2tp.codec.L2tpDecoder;
import org.l2tp.codec.L2tpEncoder;
import org.l2tp.codec.MessageType;

/**
 * A hand-driven peer on a loopback address of its own: it sends exactly the messages a test writes (Ns/Nr
 * included) and reads what comes back, so a test can be the stranger, the attacker or a peer at odds with us.
 */
final class RawPeer implements AutoCloseable {
    final DatagramSocket socket;
    /** Our Tunnel ID, as the daemon knows it (its Assigned Tunnel ID in the SCCRP it sent us). */
    int daemonTunnel;
    int ns;
    int nr;

    RawPeer(String address) throws IOException {
        this(address, 0);
    }

    RawPeer(String address, int port) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), port));
        socket.setSoTimeout(10_000); // only a failing test waits this long; a loaded machine may be slow to answer
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void send(ControlMessage m, InetSocketAddress to) throws IOException {
        byte[] b = L2tpEncoder.encode(m, null);
        sendRaw(b, to);
    }

    void sendRaw(byte[] b, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(b, b.length, to));
    }

    /** The next datagram, decoded. */
    Received receiveAny() throws IOException {
        byte[] buf = new byte[4096];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        try {
            return new Received((ControlMessage) L2tpDecoder.decode(buf, 0, p.getLength(), null),
                    (InetSocketAddress) p.getSocketAddress());
        } catch (org.l2tp.codec.L2tpDecodeException e) {
            throw new AssertionError("the daemon sent something we cannot decode: " + e.getMessage(), e);
        }
    }

    /** The next message that is not a ZLB. */
    Received receive() throws IOException {
        Received r;
        do {
            r = receiveAny();
        } while (r.message.isZlb());
        nr = (r.message.ns() + 1) & 0xFFFF;
        return r;
    }

    /** The next non-ZLB message, or null when none comes within {@code ms}. */
    Received receiveWithin(int ms) throws IOException {
        int before = socket.getSoTimeout();
        socket.setSoTimeout(ms);
        try {
            return receive();
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout(before);
        }
    }

    record Received(ControlMessage message, InetSocketAddress from) {
        MessageType type() {
            return message.type();
        }
    }

    /** SCCRQ, SCCRP, SCCCN with the daemon at {@code lns}; returns where the tunnel's messages go. */
    InetSocketAddress establish(InetSocketAddress lns, int ourTunnel) throws IOException {
        send(Messages.sccrq("raw-" + ourTunnel, ourTunnel, 8, null, null).withSequence(0, 0), lns);
        Received sccrp = receive();
        if (sccrp.type() != MessageType.SCCRP) {
            throw new AssertionError("expected SCCRP, got " + sccrp.message);
        }
        daemonTunnel = sccrp.message.u16(AvpType.ASSIGNED_TUNNEL_ID);
        ns = 1;
        send(ControlMessage.of(MessageType.SCCCN).withIds(daemonTunnel, 0).withSequence(ns++, nr), sccrp.from);
        return sccrp.from;
    }

    /** A message of ours in the established tunnel: our next Ns, and Nr acknowledging {@link #nr}. */
    void sendInTunnel(ControlMessage m, int sessionId, InetSocketAddress to) throws IOException {
        send(m.withIds(daemonTunnel, sessionId).withSequence(ns++, nr), to);
    }

    @Override
    public void close() {
        socket.close();
    }
}
