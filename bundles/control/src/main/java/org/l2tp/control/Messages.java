package org.l2tp.control;

import static org.l2tp.codec.AvpType.*;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.l2tp.codec.Avp;
import org.l2tp.codec.AvpType;
import org.l2tp.codec.AvpValue;
import org.l2tp.codec.ControlMessage;
import org.l2tp.codec.MessageType;

/** Builds the control messages we send, with the AVPs RFC 2661 section 6 asks for. */
final class Messages {
    /** Framing Capabilities / Type: synchronous and asynchronous (section 4.4.3). */
    static final long FRAMING_SYNC_ASYNC = 3;
    static final String VENDOR = "org.l2tp";
    static final int FIRMWARE = 0x0100;
    /** The (Tx) Connect Speed a virtual LAC reports: there is no modem, so the fastest value. */
    static final long CONNECT_SPEED = 100_000_000L;

    /**
     * Challenges (section 4.2), Tie Breakers (4.4.3) and Random Vectors (4.3) must be unpredictable: a challenge an
     * attacker can foresee is one whose response it can prepare. SecureRandom is also safe to share between the
     * loops of several daemons in one JVM (a SplittableRandom is not: two threads drew equal Tie Breakers).
     */
    private static final SecureRandom RANDOM = new SecureRandom();

    private Messages() {
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static ControlMessage sccrq(String hostName, int localTunnelId, int window, byte[] challenge, byte[] tieBreaker) {
        List<Avp> a = new ArrayList<>(10);
        a.add(Avp.of(PROTOCOL_VERSION, AvpValue.ProtocolVersion.L2TPV2));
        a.add(Avp.u32(FRAMING_CAPABILITIES, FRAMING_SYNC_ASYNC));
        a.add(Avp.u32(BEARER_CAPABILITIES, 0));
        if (tieBreaker != null) {
            a.add(Avp.octets(TIE_BREAKER, tieBreaker));
        }
        a.add(Avp.u16(FIRMWARE_REVISION, FIRMWARE));
        a.add(Avp.text(HOST_NAME, hostName));
        a.add(Avp.text(VENDOR_NAME, VENDOR));
        a.add(Avp.u16(ASSIGNED_TUNNEL_ID, localTunnelId));
        a.add(Avp.u16(RECEIVE_WINDOW_SIZE, window));
        if (challenge != null) {
            a.add(Avp.octets(CHALLENGE, challenge));
        }
        return ControlMessage.of(MessageType.SCCRQ, a);
    }

    static ControlMessage sccrp(String hostName, int localTunnelId, int window, byte[] challenge, byte[] response) {
        List<Avp> a = new ArrayList<>(10);
        a.add(Avp.of(PROTOCOL_VERSION, AvpValue.ProtocolVersion.L2TPV2));
        a.add(Avp.u32(FRAMING_CAPABILITIES, FRAMING_SYNC_ASYNC));
        a.add(Avp.u32(BEARER_CAPABILITIES, 0));
        a.add(Avp.u16(FIRMWARE_REVISION, FIRMWARE));
        a.add(Avp.text(HOST_NAME, hostName));
        a.add(Avp.text(VENDOR_NAME, VENDOR));
        a.add(Avp.u16(ASSIGNED_TUNNEL_ID, localTunnelId));
        a.add(Avp.u16(RECEIVE_WINDOW_SIZE, window));
        if (challenge != null) {
            a.add(Avp.octets(CHALLENGE, challenge));
        }
        if (response != null) {
            a.add(Avp.octets(CHALLENGE_RESPONSE, response));
        }
        return ControlMessage.of(MessageType.SCCRP, a);
    }

    static ControlMessage scccn(byte[] response) {
        return response == null ? ControlMessage.of(MessageType.SCCCN)
                : ControlMessage.of(MessageType.SCCCN, Avp.octets(CHALLENGE_RESPONSE, response));
    }

    static ControlMessage stopCcn(int localTunnelId, int result, int error, String message) {
        return ControlMessage.of(MessageType.STOPCCN, Avp.u16(ASSIGNED_TUNNEL_ID, localTunnelId),
                Avp.of(RESULT_CODE, resultCode(result, error, message)));
    }

    static ControlMessage hello() {
        return ControlMessage.of(MessageType.HELLO);
    }

    static ControlMessage icrq(int localSession, long serial, String calling, boolean hide) {
        List<Avp> a = new ArrayList<>(5);
        a.add(maybeHidden(Avp.u16(ASSIGNED_SESSION_ID, localSession), hide));
        a.add(Avp.u32(CALL_SERIAL_NUMBER, serial));
        a.add(Avp.u32(BEARER_TYPE, 0));
        if (calling != null) {
            a.add(maybeHidden(Avp.text(CALLING_NUMBER, calling), hide));
        }
        return hidden(ControlMessage.of(MessageType.ICRQ, a), hide);
    }

    static ControlMessage icrp(int peerSession, int localSession, boolean hide) {
        return reply(MessageType.ICRP, peerSession, localSession, hide);
    }

    /** ICRP and OCRP: our Assigned Session ID, to the peer's session. */
    private static ControlMessage reply(MessageType type, int peerSession, int localSession, boolean hide) {
        return hidden(ControlMessage.of(type, maybeHidden(Avp.u16(ASSIGNED_SESSION_ID, localSession), hide)), hide)
                .withIds(0, peerSession);
    }

    static ControlMessage iccn(int peerSession, boolean hide) {
        return connected(MessageType.ICCN, peerSession, hide);
    }

    /** ICCN and OCCN: the connect speed and framing of the (virtual) line. */
    private static ControlMessage connected(MessageType type, int peerSession, boolean hide) {
        return hidden(ControlMessage.of(type, maybeHidden(Avp.u32(TX_CONNECT_SPEED, CONNECT_SPEED), hide),
                maybeHidden(Avp.u32(FRAMING_TYPE, FRAMING_SYNC_ASYNC), hide)), hide).withIds(0, peerSession);
    }

    static ControlMessage ocrq(int localSession, long serial, String number, boolean hide) {
        return hidden(ControlMessage.of(MessageType.OCRQ,
                maybeHidden(Avp.u16(ASSIGNED_SESSION_ID, localSession), hide),
                Avp.u32(CALL_SERIAL_NUMBER, serial),
                maybeHidden(Avp.u32(MINIMUM_BPS, 0), hide),
                maybeHidden(Avp.u32(MAXIMUM_BPS, CONNECT_SPEED), hide),
                maybeHidden(Avp.u32(BEARER_TYPE, 0), hide),
                maybeHidden(Avp.u32(FRAMING_TYPE, FRAMING_SYNC_ASYNC), hide),
                maybeHidden(Avp.text(CALLED_NUMBER, number), hide)), hide);
    }

    static ControlMessage ocrp(int peerSession, int localSession, boolean hide) {
        return reply(MessageType.OCRP, peerSession, localSession, hide);
    }

    static ControlMessage occn(int peerSession, boolean hide) {
        return connected(MessageType.OCCN, peerSession, hide);
    }

    static ControlMessage cdn(int peerSession, int localSession, int result, int error, String message) {
        return ControlMessage.of(MessageType.CDN, Avp.of(RESULT_CODE, resultCode(result, error, message)),
                Avp.u16(ASSIGNED_SESSION_ID, localSession)).withIds(0, peerSession);
    }

    static AvpValue.ResultCode resultCode(int result, int error, String message) {
        if (message != null && !message.isEmpty()) {
            String m = message.length() > 200 ? message.substring(0, 200) : message;
            return new AvpValue.ResultCode(result, Math.max(error, 0), m.replaceAll("[^\\x20-\\x7e]", "?"));
        }
        return error >= 0 ? new AvpValue.ResultCode(result, error) : new AvpValue.ResultCode(result);
    }

    private static Avp maybeHidden(Avp a, boolean hide) {
        return hide ? a.hide() : a;
    }

    /** Section 4.3: hidden AVPs need a Random Vector before them; it goes first. */
    private static ControlMessage hidden(ControlMessage m, boolean hide) {
        if (!hide) {
            return m;
        }
        List<Avp> a = new ArrayList<>(m.avps().size() + 1);
        a.add(Avp.octets(AvpType.RANDOM_VECTOR, random(16)));
        a.addAll(m.avps());
        return new ControlMessage(m.tunnelId(), m.sessionId(), m.ns(), m.nr(), m.type(), a);
    }

    /** "result 2 (General error...) error 4 (...) 'text'" for logs. */
    static String describe(MessageType in, AvpValue.ResultCode rc) {
        if (rc == null) {
            return "no result code";
        }
        StringBuilder sb = new StringBuilder("result ").append(rc.result());
        String text = in == MessageType.CDN ? (org.l2tp.codec.CdnResult.ofCode(rc.result()) == null ? null
                : org.l2tp.codec.CdnResult.ofCode(rc.result()).text())
                : (org.l2tp.codec.StopCcnResult.ofCode(rc.result()) == null ? null
                : org.l2tp.codec.StopCcnResult.ofCode(rc.result()).text());
        if (text != null) {
            sb.append(" (").append(text).append(')');
        }
        if (rc.error() > 0) {
            sb.append(" error ").append(rc.error());
            org.l2tp.codec.GeneralError e = org.l2tp.codec.GeneralError.ofCode(rc.error());
            if (e != null) {
                sb.append(" (").append(e.text()).append(')');
            }
        }
        if (rc.message() != null && !rc.message().isEmpty()) {
            sb.append(" \"").append(rc.message()).append('"');
        }
        return sb.toString();
    }
}
