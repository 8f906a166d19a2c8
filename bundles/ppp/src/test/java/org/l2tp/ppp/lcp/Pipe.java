package org.l2tp.ppp.lcp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.l2tp.ppp.frame.ControlPacket;
import org.l2tp.ppp.link.PacketSender;

/** Two ends joined by queues; {@link #flush} delivers until both are quiet. Packets are logged per end. */
final class Pipe {
    record Sent(int protocol, ControlPacket packet) {
    }

    final class End implements PacketSender {
        final List<Sent> log = new ArrayList<>();
        BiConsumer<Integer, ControlPacket> deliver = (p, c) -> { };

        @Override
        public void send(int protocol, ControlPacket packet) {
            log.add(new Sent(protocol, packet));
            if (connected) {
                queue.add(() -> deliver.accept(protocol, packet));
            }
        }

        List<ControlPacket> sent(int code) {
            return log.stream().map(Sent::packet).filter(p -> p.code() == code).toList();
        }

        ControlPacket last() {
            return log.get(log.size() - 1).packet();
        }
    }

    final End a = new End();
    final End b = new End();
    boolean connected = true;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();

    void flush() {
        int n = 0;
        Runnable r;
        while ((r = queue.poll()) != null) {
            if (++n > 10_000) {
                throw new AssertionError("the two ends never stop talking");
            }
            r.run();
        }
    }
}
