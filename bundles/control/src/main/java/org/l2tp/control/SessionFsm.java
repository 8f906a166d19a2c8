package org.l2tp.control;

import java.io.IOException;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;

import org.l2tp.api.SessionInfo;
import org.l2tp.api.SessionState;
import org.l2tp.api.dataplane.SessionParameters;
import org.l2tp.codec.AvpType;
import org.l2tp.codec.AvpValue;
import org.l2tp.codec.CdnResult;
import org.l2tp.codec.ControlMessage;
import org.l2tp.codec.GeneralError;
import org.l2tp.codec.MessageType;

/**
 * The call state machines of RFC 2661 sections 7.4 (LAC) and 7.5 (LNS), for incoming (ICRQ/ICRP/ICCN) and outgoing
 * (OCRQ/OCRP/OCCN) calls; CDN, WEN and SLI. One handler per (role, message) cell.
 */
final class SessionFsm {
    private final ControlPlane cp;

    SessionFsm(ControlPlane cp) {
        this.cp = cp;
    }

    void onMessage(Tunnel t, ControlMessage m) {
        switch (m.type()) {
            case ICRQ -> onIcrq(t, m);
            case OCRQ -> onOcrq(t, m);
            case CDN -> onCdn(t, m);
            default -> {
                Session s = t.sessions.get(m.sessionId());
                if (s == null) {
                    // Section 7.1: a message for a session we do not have (one that just ended, most likely).
                    cp.protection.log.log(ControlPlane.LOG, Level.FINE, () -> t + ": " + m.type().abbreviation()
                            + " for unknown session " + m.sessionId());
                    return;
                }
                switch (m.type()) {
                    case ICRP -> onIcrp(s, m);
                    case ICCN -> onIccn(s, m);
                    case OCRP -> onOcrp(s, m);
                    case OCCN -> onOccn(s, m);
                    case WEN -> onWen(s, m);
                    case SLI -> onSli(s, m);
                    default -> unexpected(s, m);
                }
            }
        }
    }

    // ---------------------------------------------------------------- placing calls

    /** Places a call: incoming (ICRQ, we are the LAC) when {@code number} is null, else outgoing (OCRQ, LNS). */
    void open(Tunnel t, String number, CompletableFuture<SessionInfo> opened) {
        String problem = cp.dataPlaneProblem();
        if (problem != null) {
            opened.completeExceptionally(new IOException("no call is placed without a data plane: " + problem));
            cp.dialer.sessionRefused(t);
            return;
        }
        boolean outgoing = number != null;
        String limit = limitReached(t);
        Session s = limit == null ? create(t, !outgoing, outgoing) : null;
        if (s == null) {
            opened.completeExceptionally(new IOException("no session can be placed on tunnel " + t.localId + ": "
                    + (limit != null ? limit : "no Session ID free")));
            return;
        }
        s.opened = opened;
        s.callSerial = t.nextCallSerial++;
        s.state = SessionState.WAIT_REPLY;
        if (outgoing) {
            s.calledNumber = number;
            t.send(Messages.ocrq(s.localId, s.callSerial, number, t.hideAvps));
        } else {
            t.send(Messages.icrq(s.localId, s.callSerial, null, t.hideAvps));
        }
    }

    /** Why the daemon or this tunnel takes no more sessions, counting the refusal; null when it does. */
    private String limitReached(Tunnel t) {
        if (cp.sessionCount >= cp.config.maxSessions()) {
            cp.protection.sessionLimit++;
            return "session limit (max.sessions " + cp.config.maxSessions() + ") reached";
        }
        if (t.sessions.size() >= cp.config.limits().sessionsPerTunnel()) {
            cp.protection.tunnelSessionLimit++;
            return "the tunnel's session limit (max.sessions.per.tunnel " + cp.config.limits().sessionsPerTunnel()
                    + ") reached";
        }
        return null;
    }

    /** A new session once the limits were checked; null when no Session ID is free. */
    private Session create(Tunnel t, boolean lac, boolean outgoing) {
        int id = t.sessionIds.allocate(t.sessions::containsKey, cp.loop.now());
        if (id == 0) {
            return null;
        }
        Session s = new Session(t, id, lac, outgoing);
        t.sessions.put(id, s);
        cp.sessionCount++;
        s.setupTimer = new EventLoop.Timer(() -> {
            if (s.state != SessionState.ESTABLISHED && t.sessions.get(s.localId) == s) {
                close(s, CdnResult.TIMEOUT.code(), 0, "call not established within "
                        + cp.config.sessionSetupTimeoutS() + " s", true, "setup timed out");
            }
        });
        cp.loop.arm(s.setupTimer, cp.loop.now() + cp.config.sessionSetupTimeoutS() * 1000L);
        return s;
    }

    // ---------------------------------------------------------------- LNS, incoming call (section 7.5)

    private void onIcrq(Tunnel t, ControlMessage m) {
        if (!cp.config.lns() && t.config == null) {
            refuse(t, m.u16(AvpType.ASSIGNED_SESSION_ID), CdnResult.PERMANENT_NO_FACILITIES.code(), 0,
                    "not an LNS");
            return;
        }
        Session s = accept(t, m, false, false);
        if (s == null) {
            return;
        }
        s.callingNumber = m.text(AvpType.CALLING_NUMBER);
        s.calledNumber = m.text(AvpType.CALLED_NUMBER);
        s.state = SessionState.WAIT_CONNECT;
        t.send(Messages.icrp(s.peerId, s.localId, t.hideAvps));
    }

    /**
     * The checks an ICRQ or OCRQ passes before it becomes a session: its required AVPs, a data plane able to carry
     * it, and the limits. A refused call is answered with a CDN saying why; null is returned.
     */
    private Session accept(Tunnel t, ControlMessage m, boolean lac, boolean outgoing) {
        int peerSession = m.u16(AvpType.ASSIGNED_SESSION_ID);
        if (peerSession <= 0 || !m.missingRequired().isEmpty()) {
            refuse(t, peerSession, CdnResult.GENERAL_ERROR.code(), GeneralError.FIELD_OUT_OF_RANGE.code(),
                    m.type().abbreviation() + " lacks " + m.missingRequired());
            return null;
        }
        for (Session live : t.sessions.values()) {
            if (live.peerId == peerSession) {
                // A new call cannot take the id of a live one: its messages would reach the wrong session.
                cp.protection.duplicateSessionIds++;
                refuse(t, peerSession, CdnResult.GENERAL_ERROR.code(), GeneralError.FIELD_OUT_OF_RANGE.code(),
                        "Assigned Session ID " + peerSession + " is in use by live session " + live.localId);
                return null;
            }
        }
        String problem = cp.dataPlaneProblem();
        if (problem != null) {
            refuse(t, peerSession, CdnResult.PERMANENT_NO_FACILITIES.code(), 0, "no data plane: " + problem);
            return null;
        }
        String limit = limitReached(t);
        Session s = limit == null ? create(t, lac, outgoing) : null;
        if (s == null) {
            refuse(t, peerSession, CdnResult.TEMPORARY_NO_FACILITIES.code(), GeneralError.INSUFFICIENT_RESOURCES
                    .code(), limit != null ? limit : "no Session ID free");
            return null;
        }
        s.peerId = peerSession;
        s.callSerial = Math.max(0, m.u32(AvpType.CALL_SERIAL_NUMBER));
        return s;
    }

    private void onIccn(Session s, ControlMessage m) {
        if (s.lac || s.outgoing || s.state != SessionState.WAIT_CONNECT) {
            unexpected(s, m);
            return;
        }
        s.sequencing = m.has(AvpType.SEQUENCING_REQUIRED);
        established(s);
    }

    // ---------------------------------------------------------------- LAC, incoming call (section 7.4)

    private void onIcrp(Session s, ControlMessage m) {
        if (!s.lac || s.outgoing || s.state != SessionState.WAIT_REPLY) {
            unexpected(s, m);
            return;
        }
        int peerSession = m.u16(AvpType.ASSIGNED_SESSION_ID);
        if (peerSession <= 0) {
            close(s, CdnResult.GENERAL_ERROR.code(), GeneralError.FIELD_OUT_OF_RANGE.code(),
                    "ICRP lacks Assigned Session ID", true, "bad ICRP");
            return;
        }
        s.peerId = peerSession;
        s.tunnel.send(Messages.iccn(s.peerId, s.tunnel.hideAvps));
        established(s);
    }

    // ---------------------------------------------------------------- LAC, outgoing call (section 7.4)

    private void onOcrq(Tunnel t, ControlMessage m) {
        Session s = accept(t, m, true, true);
        if (s == null) {
            return;
        }
        s.calledNumber = m.text(AvpType.CALLED_NUMBER);
        s.state = SessionState.WAIT_CS_ANSWER;
        t.send(Messages.ocrp(s.peerId, s.localId, t.hideAvps));
        // A virtual LAC has no line to dial: the call connects at once.
        t.send(Messages.occn(s.peerId, t.hideAvps));
        established(s);
    }

    // ---------------------------------------------------------------- LNS, outgoing call (section 7.5)

    private void onOcrp(Session s, ControlMessage m) {
        if (s.lac || !s.outgoing || s.state != SessionState.WAIT_REPLY) {
            unexpected(s, m);
            return;
        }
        int peerSession = m.u16(AvpType.ASSIGNED_SESSION_ID);
        if (peerSession <= 0) {
            close(s, CdnResult.GENERAL_ERROR.code(), GeneralError.FIELD_OUT_OF_RANGE.code(),
                    "OCRP lacks Assigned Session ID", true, "bad OCRP");
            return;
        }
        s.peerId = peerSession;
        s.state = SessionState.WAIT_CONNECT;
    }

    private void onOccn(Session s, ControlMessage m) {
        if (s.lac || !s.outgoing || s.state != SessionState.WAIT_CONNECT) {
            unexpected(s, m);
            return;
        }
        s.sequencing = m.has(AvpType.SEQUENCING_REQUIRED);
        established(s);
    }

    // ---------------------------------------------------------------- any role

    private void onCdn(Tunnel t, ControlMessage m) {
        Session s = t.sessions.get(m.sessionId());
        if (s == null) {
            // Crossing CDNs (capture 00): ours went first and the session is already gone.
            return;
        }
        AvpValue.ResultCode rc = m.value(AvpType.RESULT_CODE, AvpValue.ResultCode.class);
        if (s.peerId == 0) {
            s.peerId = Math.max(0, m.u16(AvpType.ASSIGNED_SESSION_ID));
        }
        close(s, rc == null ? 0 : rc.result(), rc == null ? -1 : rc.error(), rc == null ? null : rc.message(), false,
                "CDN received, " + Messages.describe(MessageType.CDN, rc));
    }

    /** Section 6.14: the ACCM goes to the data plane. */
    private void onSli(Session s, ControlMessage m) {
        AvpValue.Accm accm = m.value(AvpType.ACCM, AvpValue.Accm.class);
        if (accm != null && s.data != null) {
            s.data.setAccm(accm.sendAccm(), accm.receiveAccm());
        }
    }

    /** Section 6.13: kept in the log; the counters are the LAC's view of the line. */
    private void onWen(Session s, ControlMessage m) {
        AvpValue.CallErrors e = m.value(AvpType.CALL_ERRORS, AvpValue.CallErrors.class);
        ControlPlane.LOG.fine(() -> s + ": WAN errors " + e);
        s.wanErrors = e;
    }

    private void unexpected(Session s, ControlMessage m) {
        close(s, CdnResult.GENERAL_ERROR.code(), GeneralError.FIELD_OUT_OF_RANGE.code(), "unexpected "
                + m.type().abbreviation() + " in " + s.state, true, "unexpected " + m.type().abbreviation());
    }

    private void established(Session s) {
        s.state = SessionState.ESTABLISHED;
        cp.loop.disarm(s.setupTimer);
        s.setupTimer = null;
        Tunnel t = s.tunnel;
        if (t.data == null && cp.dataPlane != null) {
            // The data plane became able to carry calls after this tunnel came up.
            cp.tunnelFsm.attachData(t);
        }
        if (t.data != null) {
            try {
                s.data = t.data.createSession(new SessionParameters(t.localId, t.peerId, s.localId, s.peerId,
                        !s.lac, s.sequencing, null), (result, message) -> cp.loop.execute(() -> {
                            if (t.sessions.get(s.localId) == s) {
                                close(s, result, 0, message, true, "data plane: " + message);
                            }
                        }));
            } catch (IOException | RuntimeException e) {
                ControlPlane.LOG.log(Level.WARNING, s + ": the data plane failed", e);
                close(s, CdnResult.GENERAL_ERROR.code(), GeneralError.VENDOR_SPECIFIC.code(), "data plane: "
                        + e.getMessage(), true, "data plane failed");
                return;
            }
        }
        cp.establishedSessions++;
        cp.notifySessionUp(s);
        if (s.opened != null) {
            s.opened.complete(s.info());
            s.opened = null;
        }
        cp.dialer.sessionUp(s);
    }

    /** A CDN for a call we never created (section 7.5: "clean up" with the reason). */
    void refuse(Tunnel t, int peerSession, int result, int error, String why) {
        cp.protection.log.log(ControlPlane.LOG, Level.INFO, () -> t + ": refused a call: " + why);
        int id = t.sessionIds.allocate(t.sessions::containsKey, cp.loop.now());
        if (id != 0) {
            t.sessionIds.linger(id, cp.loop.now() + cp.config.holdS() * 1000L);
        }
        t.send(Messages.cdn(Math.max(0, peerSession), id, result, error, why));
    }

    /** Ends a session; with {@code send}, tells the peer with a CDN first. */
    void close(Session s, int result, int error, String message, boolean send, String how) {
        Tunnel t = s.tunnel;
        if (t.sessions.remove(s.localId) != s) {
            return;
        }
        if (send) {
            t.send(Messages.cdn(s.peerId, s.localId, result, error, message));
        }
        finish(s, result, message, (send ? "CDN sent, " : "") + (send ? Messages.describe(MessageType.CDN,
                Messages.resultCode(result, error, message)) : how));
    }

    private void finish(Session s, int result, String message, String howEnded) {
        Tunnel t = s.tunnel;
        t.sessionIds.linger(s.localId, cp.loop.now() + cp.config.holdS() * 1000L);
        if (s.setupTimer != null) {
            cp.loop.disarm(s.setupTimer);
        }
        String traffic = "";
        if (s.data != null) {
            // The session's data counters, read before its socket goes (PPPIOCGL2TPSTATS with the kernel plane).
            org.l2tp.api.dataplane.DataCounters d = s.data.counters();
            if (d.txPackets() + d.rxPackets() > 0) {
                traffic = "; data tx " + d.txPackets() + " packets/" + d.txBytes() + " bytes, rx " + d.rxPackets()
                        + " packets/" + d.rxBytes() + " bytes";
            }
            s.data.close();
            s.data = null;
        }
        String how = howEnded + traffic;
        cp.sessionCount--;
        boolean wasUp = s.state == SessionState.ESTABLISHED;
        s.state = SessionState.CLOSED;
        if (wasUp) {
            cp.establishedSessions--;
            cp.notifySessionDown(s, result, message, how);
        } else {
            ControlPlane.LOG.fine(() -> s + " setup failed: " + how);
        }
        if (s.opened != null) {
            s.opened.completeExceptionally(new IOException("call failed: " + how));
            s.opened = null;
        }
        cp.dialer.sessionDown(s);
    }

    /** The tunnel is going: every session ends with it, without CDNs (a StopCCN implies them, section 5.7). */
    void dropAll(Tunnel t, String why) {
        for (Session s : new ArrayList<>(t.sessions.values())) {
            t.sessions.remove(s.localId);
            finish(s, CdnResult.GENERAL_ERROR.code(), why, why);
        }
    }
}
