package org.l2tp.control;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UDP relay between one client and one server that drops, duplicates and reorders datagrams, seeded so a failure
 * can be replayed. The client sends to {@link #clientFacing()}; the server sees the relay's other socket.
 */
final class LossyRelay implements AutoCloseable {
    private final DatagramSocket front;
    private final DatagramSocket back;
    private final InetSocketAddress server;
    private final double drop;
    private final double duplicate;
    private final double reorder;
    private final Random random;
    private final ScheduledExecutorService delayed = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "relay-delay");
        t.setDaemon(true);
        return t;
    });
    private volatile InetSocketAddress client;
    private volatile boolean running = true;
    final AtomicLong forwarded = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong duplicated = new AtomicLong();
    final AtomicLong reordered = new AtomicLong();

    LossyRelay(InetSocketAddress server, double drop, double duplicate, double reorder, long seed)
            throws SocketException {
        this.server = server;
        this.drop = drop;
        this.duplicate = duplicate;
        this.reorder = reorder;
        this.random = new Random(seed);
        InetAddress lo = InetAddress.getLoopbackAddress();
        front = new DatagramSocket(new InetSocketAddress(lo, 0));
        back = new DatagramSocket(new InetSocketAddress(lo, 0));
        start(front, true);
        start(back, false);
    }

    InetSocketAddress clientFacing() {
        return (InetSocketAddress) front.getLocalSocketAddress();
    }

    private void start(DatagramSocket from, boolean fromClient) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[65535];
            while (running) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                try {
                    from.receive(p);
                } catch (IOException e) {
                    return;
                }
                if (fromClient) {
                    client = (InetSocketAddress) p.getSocketAddress();
                }
                InetSocketAddress to = fromClient ? server : client;
                DatagramSocket out = fromClient ? back : front;
                if (to == null) {
                    continue;
                }
                byte[] data = java.util.Arrays.copyOf(p.getData(), p.getLength());
                double r;
                double r2;
                int delay;
                synchronized (random) {
                    r = random.nextDouble();
                    r2 = random.nextDouble();
                    delay = 1 + random.nextInt(30);
                }
                if (r < drop) {
                    dropped.incrementAndGet();
                    continue;
                }
                if (r2 < reorder) {
                    // Held back while later datagrams overtake it.
                    reordered.incrementAndGet();
                    delayed.schedule(() -> send(out, data, to), delay, TimeUnit.MILLISECONDS);
                    continue;
                }
                send(out, data, to);
                if (r2 > 1 - duplicate) {
                    duplicated.incrementAndGet();
                    send(out, data, to);
                }
            }
        }, "relay-" + (fromClient ? "up" : "down"));
        t.setDaemon(true);
        t.start();
    }

    private void send(DatagramSocket out, byte[] data, InetSocketAddress to) {
        try {
            out.send(new DatagramPacket(data, data.length, to));
            forwarded.incrementAndGet();
        } catch (IOException ignored) {
            // closed
        }
    }

    @Override
    public void close() {
        running = false;
        front.close();
        back.close();
        delayed.shutdownNow();
    }
}
