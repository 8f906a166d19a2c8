package org.l2tp.radius;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.aaa4j.radius.core.attribute.Attribute;
import org.aaa4j.radius.core.attribute.attributes.MessageAuthenticator;
import org.aaa4j.radius.core.dictionary.dictionaries.StandardDictionary;
import org.aaa4j.radius.core.packet.Packet;
import org.aaa4j.radius.core.packet.PacketCodec;
import org.aaa4j.radius.core.packet.PacketCodecException;

/**
 * A tiny RADIUS server in the test, for what FreeRADIUS will not do: forge, hold back, or answer from elsewhere.
 * Every request is decoded with the secret (which verifies the request's Message-Authenticator and, for
 * accounting, its authenticator) and handed to the test's {@link Behaviour}.
 */
public final class FakeRadiusServer implements AutoCloseable {
    /** What to do with a request: send nothing, or answer with {@link #answer} and friends. */
    @FunctionalInterface
    public interface Behaviour {
        void handle(FakeRadiusServer server, Request request) throws Exception;
    }

    /** A request as received. */
    public record Request(byte[] bytes, Packet packet, InetSocketAddress from) {
        public int id() {
            return bytes[1] & 0xff;
        }

        public byte[] authenticator() {
            return Arrays.copyOfRange(bytes, 4, 20);
        }
    }

    public final String secret;
    private final DatagramSocket socket;
    private final DatagramSocket other;
    private final PacketCodec codec = new PacketCodec(new StandardDictionary());
    private final Thread thread;
    private volatile Behaviour behaviour;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private volatile String decodeError;

    public FakeRadiusServer(String secret, Behaviour behaviour) throws SocketException {
        this.secret = secret;
        this.behaviour = behaviour;
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        other = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        thread = new Thread(this::run, "fake-radius");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public void behave(Behaviour b) {
        behaviour = b;
    }

    /** Every request received so far. */
    public List<Request> requests() {
        return requests;
    }

    /** The next request received (waits). */
    public Request next(long timeoutMs) throws InterruptedException {
        Request r = queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (r == null) {
            throw new AssertionError("no request within " + timeoutMs + " ms" + (decodeError != null
                    ? "; last undecodable: " + decodeError : ""));
        }
        return r;
    }

    /** Why the last request could not be decoded (a bad Message-Authenticator ...), or null. */
    public String decodeError() {
        return decodeError;
    }

    private void run() {
        byte[] buf = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket d = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(d);
            } catch (IOException e) {
                return;
            }
            byte[] bytes = Arrays.copyOf(d.getData(), d.getLength());
            Packet p;
            try {
                p = codec.decodeRequest(bytes.clone(), secret.getBytes(StandardCharsets.UTF_8));
            } catch (PacketCodecException e) {
                decodeError = e.getMessage();
                continue;
            }
            Request r = new Request(bytes, p, (InetSocketAddress) d.getSocketAddress());
            requests.add(r);
            queue.add(r);
            try {
                behaviour.handle(this, r);
            } catch (Exception e) {
                decodeError = "behaviour failed: " + e;
            }
        }
    }

    /** The encoded answer to {@code r}: {@code code} with {@code attributes}, signed when {@code sign}. */
    public byte[] encode(Request r, int code, boolean sign, List<Attribute<?>> attributes) throws PacketCodecException {
        List<Attribute<?>> all = new ArrayList<>();
        if (sign) {
            all.add(new MessageAuthenticator());
        }
        all.addAll(attributes);
        return codec.encodeResponse(new Packet(code, all), secret.getBytes(StandardCharsets.UTF_8), r.id(),
                r.authenticator());
    }

    /** Answers {@code r} properly (signed). */
    public void answer(Request r, int code, List<Attribute<?>> attributes) throws Exception {
        send(r, encode(r, code, true, attributes));
    }

    public void send(Request r, byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, r.from()));
    }

    /** Sends from another port of ours: not the server's address and port. */
    public void sendFromElsewhere(Request r, byte[] bytes) throws IOException {
        other.send(new DatagramPacket(bytes, bytes.length, r.from()));
    }

    /** {@code bytes} with its Message-Authenticator changed and the Response Authenticator made right again. */
    public byte[] badMessageAuthenticator(Request r, byte[] bytes) throws Exception {
        byte[] b = bytes.clone();
        for (int p = 20; p < b.length; p += b[p + 1] & 0xff) {
            if ((b[p] & 0xff) == 80) {
                b[p + 2] ^= 1;
            }
        }
        // Response Authenticator = MD5(Code+ID+Length+RequestAuth+Attributes+Secret) over the changed packet.
        System.arraycopy(r.authenticator(), 0, b, 4, 16);
        java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
        md5.update(b);
        md5.update(secret.getBytes(StandardCharsets.UTF_8));
        System.arraycopy(md5.digest(), 0, b, 4, 16);
        return b;
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        other.close();
        thread.join(5000);
    }
}
