#!/usr/bin/env python3
"""l2tpcraft.py: the attack suite's L2TPv2 (RFC 2661) client. Standard library only.

It crafts control messages (header T=1 L=1 S=1 Ver=2 with Length, Tunnel ID, Session ID, Ns, Nr; AVPs with the M bit,
length, vendor 0 and type, Message Type first), plays the peer's side of a control connection (SCCRQ, SCCCN with a
Challenge Response, HELLO, ICRQ, ICCN, CDN, StopCCN, ZLB acknowledgements), sends malformed and mutated datagrams and
parses what comes back (message type, Assigned Tunnel ID, Result Code, Challenge present or not).

Each sub-command is one attack or one step of one (see --help). Verdicts are printed on standard output as
    ok NAME: detail        fail NAME: detail        info text
and the exit status is 0 when every verdict is ok, 1 when one failed, 2 on a usage or internal error. The attack/NN-*.sh
scripts turn the verdicts into PASS/FAIL lines. Secrets are read from files (--secret-file), never from the command
line, so that the suite's own processes do not leak them into /proc/*/cmdline.
"""

import argparse
import hashlib
import os
import random
import socket
import struct
import sys
import time

# ---------------------------------------------------------------------------------------------- protocol constants

SCCRQ, SCCRP, SCCCN, STOPCCN, HELLO = 1, 2, 3, 4, 6
OCRQ, OCRP, OCCN, ICRQ, ICRP, ICCN, CDN, WEN, SLI = 7, 8, 9, 10, 11, 12, 14, 15, 16
NAMES = {1: "SCCRQ", 2: "SCCRP", 3: "SCCCN", 4: "StopCCN", 6: "HELLO", 7: "OCRQ", 8: "OCRP", 9: "OCCN",
         10: "ICRQ", 11: "ICRP", 12: "ICCN", 14: "CDN", 15: "WEN", 16: "SLI"}

A_MESSAGE_TYPE, A_RESULT_CODE, A_PROTOCOL_VERSION, A_FRAMING_CAP, A_BEARER_CAP = 0, 1, 2, 3, 4
A_TIE_BREAKER, A_FIRMWARE, A_HOST_NAME, A_VENDOR_NAME, A_TUNNEL_ID, A_WINDOW = 5, 6, 7, 8, 9, 10
A_CHALLENGE, A_CHALLENGE_RESPONSE, A_SESSION_ID, A_CALL_SERIAL = 11, 13, 14, 15
A_BEARER_TYPE, A_FRAMING_TYPE, A_CALLED, A_CALLING, A_TX_SPEED, A_RANDOM_VECTOR = 18, 19, 21, 22, 24, 36

T_BIT, L_BIT, S_BIT, O_BIT = 0x8000, 0x4000, 0x0800, 0x0200
CONTROL_FLAGS = T_BIT | L_BIT | S_BIT | 2

verdicts = []


def verdict(ok, name, detail):
    verdicts.append(ok)
    print(("ok " if ok else "fail ") + name + ": " + detail, flush=True)


def info(text):
    print("info " + text, flush=True)


# ---------------------------------------------------------------------------------------------- building messages

def avp(atype, value, mandatory=True, vendor=0, hidden=False, length=None):
    """One AVP; `length` overrides the length field (for malformed ones)."""
    n = 6 + len(value) if length is None else length
    bits = (0x8000 if mandatory else 0) | (0x4000 if hidden else 0) | (n & 0x3FF)
    return struct.pack("!HHH", bits, vendor, atype) + value


def avp_u16(atype, v, mandatory=True):
    return avp(atype, struct.pack("!H", v & 0xFFFF), mandatory)


def avp_u32(atype, v, mandatory=True):
    return avp(atype, struct.pack("!I", v & 0xFFFFFFFF), mandatory)


def avp_text(atype, s, mandatory=True):
    return avp(atype, s.encode("latin-1"), mandatory)


def result_code(result, error=None, message=None):
    v = struct.pack("!H", result)
    if error is not None or message is not None:
        v += struct.pack("!H", error or 0)
    if message:
        v += message.encode("latin-1")
    return avp(A_RESULT_CODE, v)


def control(mtype, avps=b"", tunnel=0, session=0, ns=0, nr=0, length=None, flags=CONTROL_FLAGS):
    """A control message: the header, the Message Type AVP, then `avps`. `length` overrides the Length field."""
    body = avp_u16(A_MESSAGE_TYPE, mtype) + avps
    n = 12 + len(body) if length is None else length
    return struct.pack("!HHHHHH", flags, n & 0xFFFF, tunnel & 0xFFFF, session & 0xFFFF, ns & 0xFFFF,
                       nr & 0xFFFF) + body


def zlb(tunnel, ns, nr, session=0):
    return struct.pack("!HHHHHH", CONTROL_FLAGS, 12, tunnel & 0xFFFF, session & 0xFFFF, ns & 0xFFFF, nr & 0xFFFF)


def sccrq_avps(assigned_tunnel, host="atk-peer", window=8, challenge=None, tie_breaker=None):
    a = (avp(A_PROTOCOL_VERSION, b"\x01\x00") + avp_u32(A_FRAMING_CAP, 3) + avp_u32(A_BEARER_CAP, 0, False)
         + avp_u16(A_FIRMWARE, 0x0100, False) + avp_text(A_HOST_NAME, host) + avp_text(A_VENDOR_NAME, "l2tpcraft", False)
         + avp_u16(A_TUNNEL_ID, assigned_tunnel) + avp_u16(A_WINDOW, window))
    if tie_breaker is not None:
        a += avp(A_TIE_BREAKER, tie_breaker)
    if challenge is not None:
        a += avp(A_CHALLENGE, challenge)
    return a


def sccrq(assigned_tunnel, host="atk-peer", window=8, challenge=None):
    return control(SCCRQ, sccrq_avps(assigned_tunnel, host, window, challenge), 0, 0, 0, 0)


def challenge_response(carrier_type, secret, challenge):
    """RFC 2661 4.2: MD5 over the message type octet (2 for SCCRP, 3 for SCCCN), the secret and the challenge."""
    return hashlib.md5(bytes([carrier_type]) + secret + challenge).digest()


def icrq_avps(session_id, serial):
    return avp_u16(A_SESSION_ID, session_id) + avp_u32(A_CALL_SERIAL, serial) + avp_u32(A_BEARER_TYPE, 0)


def iccn_avps():
    return avp_u32(A_TX_SPEED, 10_000_000) + avp_u32(A_FRAMING_TYPE, 1)


def stopccn_avps(our_tunnel, result=1, error=None, message=None):
    return avp_u16(A_TUNNEL_ID, our_tunnel) + result_code(result, error, message)


def cdn_avps(our_session, result=3):
    return result_code(result, 0) + avp_u16(A_SESSION_ID, our_session)


# ---------------------------------------------------------------------------------------------- parsing

class Msg:
    """A parsed datagram. `type` is the message type number, 0 for a ZLB, -1 for data or what did not parse."""

    def __init__(self, raw, src=None):
        self.raw, self.src, self.error = raw, src, None
        self.control = False
        self.tunnel = self.session = self.ns = self.nr = -1
        self.avps = []
        self.type = -1
        self.zlb = False
        self.at = time.monotonic()

    def get(self, atype):
        for m, h, vendor, t, value in self.avps:
            if vendor == 0 and t == atype:
                return value
        return None

    def u16(self, atype):
        v = self.get(atype)
        return struct.unpack("!H", v[:2])[0] if v is not None and len(v) >= 2 else -1

    @property
    def assigned_tunnel(self):
        return self.u16(A_TUNNEL_ID)

    @property
    def assigned_session(self):
        return self.u16(A_SESSION_ID)

    @property
    def result(self):
        v = self.get(A_RESULT_CODE)
        if v is None or len(v) < 2:
            return None
        res = struct.unpack("!H", v[:2])[0]
        err = struct.unpack("!H", v[2:4])[0] if len(v) >= 4 else None
        return res, err, v[4:].decode("latin-1")

    @property
    def challenge(self):
        return self.get(A_CHALLENGE)

    @property
    def host_name(self):
        v = self.get(A_HOST_NAME)
        return None if v is None else v.decode("latin-1")

    @property
    def name(self):
        if self.error:
            return "malformed(" + self.error + ")"
        if not self.control:
            return "DATA"
        if self.zlb:
            return "ZLB"
        return NAMES.get(self.type, "type%d" % self.type)

    def describe(self):
        s = "%s tunnel=%d session=%d ns=%d nr=%d" % (self.name, self.tunnel, self.session, self.ns, self.nr)
        if self.type == SCCRP:
            s += " assigned=%d challenge=%s host=%s" % (self.assigned_tunnel, self.challenge is not None,
                                                         self.host_name)
        if self.result:
            s += " result=%d/%s %r" % self.result
        return s


def parse(data, src=None):
    m = Msg(data, src)
    if len(data) < 6:
        m.error = "short"
        return m
    flags = struct.unpack_from("!H", data)[0]
    m.control = bool(flags & T_BIT)
    off = 2
    length = len(data)
    try:
        if flags & L_BIT:
            length = struct.unpack_from("!H", data, off)[0]
            off += 2
        m.tunnel, m.session = struct.unpack_from("!HH", data, off)
        off += 4
        if flags & S_BIT:
            m.ns, m.nr = struct.unpack_from("!HH", data, off)
            off += 4
        if flags & O_BIT:
            off += 2 + struct.unpack_from("!H", data, off)[0]
    except struct.error:
        m.error = "short header"
        return m
    if not m.control:
        return m
    end = min(length, len(data))
    while off < end:
        if off + 6 > end:
            m.error = "truncated AVP"
            return m
        bits, vendor, atype = struct.unpack_from("!HHH", data, off)
        n = bits & 0x3FF
        if n < 6 or off + n > end:
            m.error = "bad AVP length"
            return m
        m.avps.append((bool(bits & 0x8000), bool(bits & 0x4000), vendor, atype, data[off + 6:off + n]))
        off += n
    m.zlb = not m.avps
    if m.zlb:
        m.type = 0
    elif m.avps[0][2] == 0 and m.avps[0][3] == A_MESSAGE_TYPE and len(m.avps[0][4]) == 2:
        m.type = struct.unpack("!H", m.avps[0][4])[0]
    return m


# ---------------------------------------------------------------------------------------------- sockets and peers

def endpoint(text, default_port=1701):
    host, _, port = text.rpartition(":") if ":" in text else (text, "", "")
    return (host, int(port)) if port else (text, default_port)


def udp(bind=None, rcvbuf=None):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    if rcvbuf:
        try:
            s.setsockopt(socket.SOL_SOCKET, 33, rcvbuf)  # SO_RCVBUFFORCE (root), beyond rmem_max
        except OSError:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    if bind:
        s.bind(endpoint(bind, 0))
    return s


def read_secret(path):
    if not path:
        return None
    with open(path, "rb") as f:
        return f.read().rstrip(b"\r\n")


class Peer:
    """Our end of one control connection: a socket, both Tunnel IDs, Ns/Nr, and a ZLB for every message received."""

    def __init__(self, server, bind=None, secret=None, host="atk-peer", sock=None, tunnel_id=None):
        self.sock = sock if sock is not None else udp(bind)
        self.server = server
        self.secret = secret
        self.host = host
        self.our_id = tunnel_id if tunnel_id else random.randint(1, 65535)
        self.peer_id = 0
        self.ns = 0
        self.nr = 0
        self.inbox = []
        self.state = "idle"

    def close_socket(self):
        self.sock.close()

    def send(self, mtype, avps=b"", session=0):
        pkt = control(mtype, avps, self.peer_id, session, self.ns, self.nr)
        self.ns = (self.ns + 1) & 0xFFFF
        self.sock.sendto(pkt, self.server)
        return pkt

    def ack(self):
        self.sock.sendto(zlb(self.peer_id, self.ns, self.nr), self.server)

    def recv(self, timeout):
        """The next datagram (any sender, any tunnel) within `timeout` s, or None. Ours are acknowledged."""
        self.sock.settimeout(max(timeout, 0.001))
        try:
            data, src = self.sock.recvfrom(65535)
        except (socket.timeout, BlockingIOError):
            return None
        except ConnectionRefusedError:
            return None
        m = parse(data, src)
        if m.control and not m.zlb and m.error is None and m.tunnel == self.our_id:
            if m.ns == self.nr:
                self.nr = (self.nr + 1) & 0xFFFF
            if self.peer_id:
                self.ack()  # duplicates too, so that the daemon stops retransmitting
        self.inbox.append(m)
        return m

    def wait(self, pred, timeout):
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            m = self.recv(left)
            if m is not None and pred(m):
                return m

    def mine(self, m):
        return m.control and m.error is None and m.tunnel == self.our_id

    def open(self, timeout=2.0, challenge=None):
        """SCCRQ, SCCRP, SCCCN, acknowledgement. Returns (state, message): up, refused, timeout or rejected."""
        self.sock.sendto(control(SCCRQ, sccrq_avps(self.our_id, self.host, 8, challenge), 0, 0, 0, 0), self.server)
        self.ns = 1
        m = self.wait(lambda m: self.mine(m) and m.type in (SCCRP, STOPCCN), timeout)
        if m is None:
            self.state = "timeout"
            return self.state, None
        if m.type == STOPCCN:
            self.state = "refused"
            return self.state, m
        self.peer_id = m.assigned_tunnel
        self.sccrp = m
        response = None
        if m.challenge is not None and self.secret is not None:
            response = avp(A_CHALLENGE_RESPONSE, challenge_response(SCCCN, self.secret, m.challenge))
        self.send(SCCCN, response or b"")
        acked = self.wait(lambda x: self.mine(x) and (x.type == STOPCCN or ((x.nr - 2) & 0xFFFF) < 0x8000),
                          timeout)
        if acked is None:
            self.state = "timeout"
            return self.state, m
        if acked.type == STOPCCN:
            self.state = "rejected"
            return self.state, acked
        self.state = "up"
        return self.state, m

    def acked_through(self, ns):
        """A predicate: a message of ours whose Nr acknowledges our message `ns`."""
        want = (ns + 1) & 0xFFFF
        return lambda m: self.mine(m) and ((m.nr - want) & 0xFFFF) < 0x8000

    def hello(self, timeout=2.0):
        """HELLO; returns the message acknowledging it (a StopCCN does not count), or None."""
        ns = self.ns
        self.send(HELLO)
        acked = self.acked_through(ns)
        return self.wait(lambda m: acked(m) and m.type != STOPCCN, timeout)

    def stop(self, timeout=2.0):
        ns = self.ns
        self.send(STOPCCN, stopccn_avps(self.our_id, 1, 0, "l2tpcraft done"))
        return self.wait(self.acked_through(ns), timeout)

    def call(self, session_id, serial, timeout=2.0):
        """ICRQ; returns the ICRP or CDN answering it, or None."""
        self.send(ICRQ, icrq_avps(session_id, serial))
        return self.wait(lambda m: self.mine(m) and m.session == session_id and m.type in (ICRP, CDN), timeout)


def describe_refusal(state, m):
    if state == "timeout":
        return "no answer" if m is None else "no acknowledgement of the SCCCN"
    return m.describe() if m is not None else state


# ---------------------------------------------------------------------------------------------- sub-commands

def cmd_probe(a):
    """One SCCRQ (retransmitted every --timeout s until --within s have passed); the reply must be what --expect says.
    An SCCRP is answered by a StopCCN, so that the probe leaves no half-open tunnel behind."""
    p = Peer(endpoint(a.server), a.bind, host=a.host)
    pkt = sccrq(p.our_id, a.host)
    deadline = time.monotonic() + max(a.within or 0, a.timeout)
    sends = 0
    while True:
        p.sock.sendto(pkt, p.server)
        sends += 1
        m = p.wait(lambda m: p.mine(m) and m.type in (SCCRP, STOPCCN), min(a.timeout, deadline - time.monotonic()))
        if m is not None or time.monotonic() >= deadline - 0.01:
            break
    name = a.name
    if m is None:
        verdict(False, name, "no answer to an SCCRQ (sent %d times) within %.1f s" % (sends, max(a.within or 0,
                                                                                              a.timeout)))
        return
    info("reply: " + m.describe())
    if m.type == SCCRP:
        p.peer_id, p.ns, p.nr = m.assigned_tunnel, 1, 1
        p.send(STOPCCN, stopccn_avps(p.our_id, 1, 0, "probe done"))
    if a.expect == "any":
        verdict(True, name, "the daemon answers SCCRQs: " + m.describe())
    elif a.expect == "sccrp":
        if m.type != SCCRP:
            verdict(False, name, "SCCRQ answered by " + m.describe())
        elif a.host_is and m.host_name != a.host_is:
            verdict(False, name, "SCCRP came from host %r, not %r" % (m.host_name, a.host_is))
        else:
            verdict(True, name, "SCCRP from %s" % m.host_name)
    else:
        res = m.result
        if m.type != STOPCCN:
            verdict(False, name, "expected a StopCCN with result %s, got %s" % (a.result, m.describe()))
        elif a.result is not None and (res is None or res[0] != a.result):
            verdict(False, name, "StopCCN with result %s, expected %d" % (res and res[0], a.result))
        else:
            verdict(True, name, m.describe())


def cmd_connect(a):
    """A legitimate peer: completes SCCRQ/SCCRP/SCCCN, retrying every --every s until --within s have passed."""
    secret = read_secret(a.secret_file)
    start = time.monotonic()
    attempts = 0
    last = None
    while True:
        attempts += 1
        p = Peer(endpoint(a.server), a.bind, secret=secret, host=a.host)
        t0 = time.monotonic()
        state, m = p.open(a.timeout)
        if state == "up":
            info("tunnel %d/%d up after %.2f s, %d attempt(s)" % (p.peer_id, p.our_id, time.monotonic() - start,
                                                                   attempts))
            if a.require_challenge and p.sccrp.challenge is None:
                verdict(False, a.name, "tunnel up, but its SCCRP carried no Challenge: the secret was not applied")
                return
            if a.hello and p.hello() is None:
                verdict(False, a.name, "tunnel up but a HELLO went unacknowledged")
                return
            if a.close:
                p.stop()
            verdict(True, a.name, "tunnel up after %.2f s (%d attempt(s))" % (time.monotonic() - start, attempts))
            return
        last = describe_refusal(state, m)
        if state == "up" or m is not None and m.type == SCCRP:
            p.stop(0.5)
        p.close_socket()
        if a.every <= 0 or time.monotonic() - start + a.every > a.within:
            break
        left = a.every - (time.monotonic() - t0)
        if left > 0:
            time.sleep(left)  # pacing of the retries, not a wait for a condition
    verdict(False, a.name, "no tunnel within %.1f s (%d attempt(s)); last answer: %s" % (a.within, attempts, last))


def cmd_halfopen(a):
    """--count SCCRQs from one socket, each SCCRP acknowledged by a ZLB (Nr=1), never an SCCCN."""
    server = endpoint(a.server)
    s = udp(a.bind)
    base = random.randint(1, 65535 - a.count)
    ids = [base + i for i in range(a.count)]
    for i in ids:
        s.sendto(sccrq(i, a.host), server)
    answers = {}
    deadline = time.monotonic() + a.wait
    s.settimeout(0.2)
    while time.monotonic() < deadline and len(answers) < len(ids):
        try:
            data, src = s.recvfrom(65535)
        except socket.timeout:
            continue
        m = parse(data, src)
        if m.tunnel in answers or m.tunnel not in ids or m.type not in (SCCRP, STOPCCN):
            if m.type == SCCRP and m.tunnel in ids:
                s.sendto(zlb(m.assigned_tunnel, 1, 1), server)  # a retransmission: acknowledge it again
            continue
        answers[m.tunnel] = m
        if m.type == SCCRP:
            s.sendto(zlb(m.assigned_tunnel, 1, 1), server)
    sccrp = [m for m in answers.values() if m.type == SCCRP]
    stop = [m for m in answers.values() if m.type == STOPCCN]
    results = sorted(set("%d/%s" % m.result[:2] for m in stop if m.result))
    info("halfopen: %d SCCRQs, %d SCCRPs, %d StopCCNs (results %s), %d unanswered"
         % (len(ids), len(sccrp), len(stop), ",".join(results) or "-", len(ids) - len(answers)))
    print("sccrp=%d stopccn=%d unanswered=%d" % (len(sccrp), len(stop), len(ids) - len(answers)), flush=True)
    if a.max_sccrp is not None:
        verdict(len(sccrp) <= a.max_sccrp, a.name + "-limit",
                "%d of %d never-completed SCCRQs from one address got an SCCRP (at most %d allowed)"
                % (len(sccrp), len(ids), a.max_sccrp))
    if a.require_answers:
        verdict(len(answers) == len(ids), a.name + "-answered",
                "%d of %d SCCRQs answered (SCCRP or StopCCN) within %.1f s" % (len(answers), len(ids), a.wait))
    if a.min_sccrp is not None:
        verdict(len(sccrp) >= a.min_sccrp, a.name + "-setup",
                "%d SCCRPs (the attack needs %d to fill the daemon's half-open table)" % (len(sccrp), a.min_sccrp))


def cmd_tunnels(a):
    """Completes --count tunnels from one address, one after the other, each on its own socket; kept open."""
    server = endpoint(a.server)
    up, refusals = [], []
    for i in range(a.count):
        p = Peer(server, a.bind, host=a.host)
        state, m = p.open(a.timeout)
        if state == "up":
            up.append(p)
        else:
            refusals.append(describe_refusal(state, m))
            p.close_socket()
    info("tunnels from %s: %d of %d up; refusals: %s" % (a.bind, len(up), a.count, "; ".join(refusals[:3]) or "-"))
    verdict(len(up) <= a.max_up, a.name + "-limit", "%d of %d tunnels from one address came up (at most %d allowed)"
            % (len(up), a.count, a.max_up))
    verdict(len(up) >= 1, a.name + "-some", "%d tunnels came up (at least one must)" % len(up))


def log_lines(path):
    try:
        with open(path, "r", encoding="latin-1") as f:
            return f.read().splitlines()
    except OSError:
        return []


def cmd_sessions(a):
    """Per-tunnel session limit, another tunnel still served, and an ICRQ reusing a live Assigned Session ID."""
    server = endpoint(a.server)
    ta = Peer(server, a.bind_a, host="atk-sessions-a")
    state, m = ta.open(a.timeout)
    if state != "up":
        verdict(False, a.name + "-setup", "tunnel A from %s did not come up: %s" % (a.bind_a,
                                                                                     describe_refusal(state, m)))
        return
    icrp = cdn = silent = 0
    for i in range(a.count):
        r = ta.call(1000 + i, 5000 + i, a.timeout)
        if r is None:
            silent += 1
        elif r.type == ICRP:
            icrp += 1
        else:
            cdn += 1
    info("tunnel %d/%d: %d ICRQs: %d ICRP, %d CDN, %d unanswered" % (ta.peer_id, ta.our_id, a.count, icrp, cdn,
                                                                      silent))
    verdict(icrp <= a.max_icrp, a.name + "-limit", "%d of %d ICRQs in one tunnel got an ICRP (at most %d allowed)"
            % (icrp, a.count, a.max_icrp))
    verdict(icrp + cdn == a.count, a.name + "-answered", "%d ICRP + %d CDN for %d ICRQs (%d unanswered)"
            % (icrp, cdn, a.count, silent))

    tb = Peer(server, a.bind_b, host="atk-sessions-b")
    state, m = tb.open(a.timeout)
    if state != "up":
        verdict(False, a.name + "-other-tunnel", "tunnel B from %s did not come up: %s"
                % (a.bind_b, describe_refusal(state, m)))
        return
    r = tb.call(2001, 7001, a.timeout)
    if r is None or r.type != ICRP:
        verdict(False, a.name + "-other-tunnel", "an ICRQ in another tunnel got %s" % (r.describe() if r else
                                                                                      "no answer"))
        return
    verdict(True, a.name + "-other-tunnel", "ICRQ in another tunnel got an ICRP")
    live = r.assigned_session
    ns = tb.ns
    tb.send(ICCN, iccn_avps(), session=live)
    if tb.wait(tb.acked_through(ns), a.timeout) is None:
        verdict(False, a.name + "-duplicate-id", "the ICCN of session %d was not acknowledged" % live)
        return
    key = "session %d/%d " % (tb.peer_id, live)
    # An ICRQ reusing the Assigned Session ID (2001) of that live session.
    dup = tb.call(2001, 7002, a.timeout)
    if dup is None:
        verdict(False, a.name + "-duplicate-id", "no answer to an ICRQ reusing a live session's Assigned Session ID")
    elif dup.type == ICRP:
        verdict(False, a.name + "-duplicate-id", "an ICRQ reusing live session %d's Assigned Session ID 2001 got an "
                "ICRP (a second session, %d, with the same peer id)" % (live, dup.assigned_session))
        tb.send(CDN, cdn_avps(2001), session=dup.assigned_session)  # clear the duplicate, keep the live one
    else:
        verdict(True, a.name + "-duplicate-id", "ICRQ reusing a live Assigned Session ID got " + dup.describe())
    if not a.log:
        return
    early = [l for l in log_lines(a.log) if key in l and " down" in l]
    if early:
        verdict(False, a.name + "-live-session-kept", "the duplicate ICRQ tore the live session down: " + early[0])
        return
    # The live session must still exist: a CDN to it is taken as the end of a live session, and the log says so.
    ns = tb.ns
    tb.send(CDN, cdn_avps(2001), session=live)
    tb.wait(tb.acked_through(ns), a.timeout)
    deadline = time.monotonic() + a.timeout
    down = []
    while time.monotonic() < deadline:
        down = [l for l in log_lines(a.log) if key in l and " down" in l]
        if down:
            break
        time.sleep(0.1)  # polling the log for the line, bounded by the deadline
    verdict(bool(down), a.name + "-live-session-kept",
            ("session %d was still live after the duplicate (%s)" % (live, down[0].strip())) if down else
            "no log line shows session %d/%d ending when its CDN was sent: was it still there?" % (tb.peer_id, live))


def cmd_teardown(a):
    """A tunnel from --bind:--port-a attacked from --port-b with datagrams carrying its Tunnel ID."""
    server = endpoint(a.server)
    victim = Peer(server, "%s:%d" % (a.bind, a.port_a), host="atk-victim")
    state, m = victim.open(a.timeout)
    if state != "up":
        verdict(False, a.name + "-setup", "the victim tunnel did not come up: " + describe_refusal(state, m))
        return
    tid, ns, nr = victim.peer_id, victim.ns, victim.nr
    info("victim tunnel %d/%d from %s:%d; attacker at %s:%d" % (tid, victim.our_id, a.bind, a.port_a, a.bind,
                                                                 a.port_b))
    unknown_m = avp(500, b"\x00\x01\x02\x03")                # an unknown IETF AVP with the M bit
    vendor_m = avp(1, b"\xde\xad", vendor=9999)             # a vendor AVP with the M bit
    bad = [
        ("HELLO with an unknown mandatory AVP", control(HELLO, unknown_m, tid, 0, ns, nr)),
        ("HELLO with a mandatory vendor AVP", control(HELLO, vendor_m, tid, 0, ns, nr)),
        ("ICRQ with an unknown mandatory AVP", control(ICRQ, icrq_avps(4242, 1) + unknown_m, tid, 0, ns, nr)),
        ("Length beyond the datagram", control(HELLO, b"", tid, 0, ns, nr, length=200)),
        ("AVP length 3", control(HELLO, avp(A_HOST_NAME, b"x", length=3), tid, 0, ns, nr)),
        ("AVP length past the message", control(HELLO, avp(A_HOST_NAME, b"x", length=300), tid, 0, ns, nr)),
        ("header version 3", control(HELLO, b"", tid, 0, ns, nr, flags=T_BIT | L_BIT | S_BIT | 3)),
        ("Message Type AVP with a wrong length", struct.pack("!HHHHHH", CONTROL_FLAGS, 21, tid, 0, ns, nr)
         + avp(A_MESSAGE_TYPE, b"\x00\x06\x00")),
        ("a well-formed StopCCN", control(STOPCCN, stopccn_avps(victim.our_id, 1, 0, "bye"), tid, 0, ns, nr)),
        ("a well-formed StopCCN, next Ns", control(STOPCCN, stopccn_avps(victim.our_id, 1, 0, "bye"), tid, 0,
                                                   ns + 1, nr)),
    ]
    attacker = udp("%s:%d" % (a.bind, a.port_b))
    for what, pkt in bad:
        attacker.sendto(pkt, server)
    info("sent %d datagrams from port %d: %s" % (len(bad), a.port_b, "; ".join(w for w, _ in bad)))
    before = len(victim.inbox)
    ack = victim.hello(a.timeout)
    # A StopCCN provoked by the attack leaves at once, before the HELLO's acknowledgement; listen a little longer.
    victim.wait(lambda m: False, 0.5)
    received = victim.inbox[before:]
    stops = [m for m in received if m.type == STOPCCN]
    want = (victim.ns) & 0xFFFF
    if ack is None:
        verdict(False, a.name + "-hello-acked", "the victim's HELLO (Ns=%d) was not acknowledged within %.1f s"
                % (victim.ns - 1, a.timeout))
    else:
        verdict(ack.nr == want, a.name + "-hello-acked", "HELLO acknowledged by %s (Nr %d expected)"
                % (ack.describe(), want))
    verdict(not stops, a.name + "-no-stopccn", "StopCCN at the victim's port: " + stops[0].describe() if stops else
            "no StopCCN reached the victim's port")
    if a.log:
        key = "tunnel %d/%d " % (tid, victim.our_id)
        down = [l for l in log_lines(a.log) if key in l and (" down" in l or "setup failed" in l)]
        verdict(not down, a.name + "-not-closed", down[0].strip() if down else "the log shows no end of the tunnel")
    victim.stop(1.0)


def cmd_race(a):
    """SCCRQs from --bind every --every s from before the daemon listens: every SCCRP must carry a Challenge."""
    server = endpoint(a.server)
    s = udp(a.bind)
    s.setblocking(False)
    start = time.monotonic()
    next_id = random.randint(1, 30000)
    sent = 0
    first = None
    sccrp, unchallenged, stops = [], [], []
    next_send = start
    while True:
        now = time.monotonic()
        if now - start > a.max_time or (first is not None and now - first > a.after_first):
            break
        if now >= next_send:
            next_id = next_id % 65535 + 1
            try:
                s.sendto(sccrq(next_id, "atk-race"), server)
                sent += 1
            except OSError:
                pass
            next_send += a.every
        try:
            data, src = s.recvfrom(65535)
        except (BlockingIOError, ConnectionRefusedError):
            time.sleep(min(0.005, max(0.0, next_send - time.monotonic())))
            continue
        m = parse(data, src)
        if m.type not in (SCCRP, STOPCCN):
            continue
        if first is None:
            first = time.monotonic()
        if m.type == SCCRP:
            sccrp.append(m)
            if m.challenge is None:
                unchallenged.append(m)
            # Let the daemon drop it rather than keep it half-open for the rest of the run.
            s.sendto(control(STOPCCN, stopccn_avps(m.tunnel, 1, 0, "race done"), m.assigned_tunnel, 0, 1, 1),
                     server)
        else:
            stops.append(m)
    results = sorted(set("%d/%s" % m.result[:2] for m in stops if m.result))
    info("race: %d SCCRQs, %d SCCRPs (%d without Challenge), %d StopCCNs (results %s), first reply after %s"
         % (sent, len(sccrp), len(unchallenged), len(stops), ",".join(results) or "-",
            "%.2f s" % (first - start) if first else "never"))
    verdict(not unchallenged, a.name + "-challenge",
            "%d of %d SCCRPs to the configured peer carried no Challenge AVP (its secret was not applied)"
            % (len(unchallenged), len(sccrp)) if unchallenged else
            "all %d SCCRPs carried a Challenge AVP" % len(sccrp))
    verdict(bool(sccrp), a.name + "-answered", "%d SCCRPs within %.0f s" % (len(sccrp), a.max_time))
    if a.configured:
        refused = [m for m in stops if m.result and m.result[0] == 4]
        verdict(not refused, a.name + "-configured-peer-not-refused",
                "%d SCCRQs of the configured peer were refused as not authorized (result 4) before its "
                "configuration was loaded: %s" % (len(refused), refused[0].describe()) if refused else
                "the configured peer was never refused as not authorized")


# ---------------------------------------------------------------------------------------------- flood and fuzz

def malformed_for(rng, tunnel, ns, nr):
    k = rng.randrange(7)
    if k == 0:
        return control(HELLO, avp(500 + rng.randrange(100), os.urandom(rng.randrange(8))), tunnel, 0, ns, nr)
    if k == 1:
        return control(HELLO, avp(A_HOST_NAME, b"x", length=rng.randrange(6)), tunnel, 0, ns, nr)
    if k == 2:
        return control(HELLO, b"", tunnel, 0, ns, nr, length=rng.randrange(60, 1000))
    if k == 3:
        return control(HELLO, b"", tunnel, 0, ns, nr, flags=T_BIT | L_BIT | S_BIT | rng.choice((0, 1, 3, 15)))
    if k == 4:
        return struct.pack("!HHHHHH", CONTROL_FLAGS, 18, tunnel, 0, ns, nr) + avp_u16(A_HOST_NAME, 1)
    if k == 5:
        return control(ICRQ, icrq_avps(rng.randrange(1, 65536), 1) + avp(A_CALLED, b"\x00\x00", hidden=True),
                       tunnel, 0, ns, nr)
    return control(rng.choice((HELLO, SCCCN, ICRQ)), avp(A_HOST_NAME, b"x", length=300), tunnel, 0, ns, nr)


def valid_for(rng, tunnel, ns, nr):
    k = rng.randrange(5)
    session = rng.randrange(1, 65536)
    if k == 0:
        return control(HELLO, b"", tunnel, 0, ns, nr)
    if k == 1:
        return control(ICRQ, icrq_avps(session, rng.randrange(1 << 32)), tunnel, 0, ns, nr)
    if k == 2:
        return control(SCCCN, avp(A_CHALLENGE_RESPONSE, os.urandom(16)), tunnel, 0, ns, nr)
    if k == 3:
        return control(ICCN, iccn_avps(), tunnel, session, ns, nr)
    return control(CDN, cdn_avps(session), tunnel, session, ns, nr)


def flood_datagram(rng):
    k = rng.randrange(3)
    tunnel = rng.randrange(1, 65536)
    ns, nr = rng.randrange(65536), rng.randrange(65536)
    if k == 0:
        return os.urandom(rng.randrange(1, 80))
    if k == 1:
        return malformed_for(rng, tunnel, ns, nr)
    return valid_for(rng, tunnel, ns, nr)


def mutate(rng, pkt):
    b = bytearray(pkt)
    for _ in range(rng.randrange(1, 5)):
        op = rng.randrange(8)
        if not b:
            b = bytearray(os.urandom(rng.randrange(1, 40)))
        if op == 0:  # flip a bit
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # a random octet
            b[rng.randrange(len(b))] = rng.randrange(256)
        elif op == 2:  # truncate
            del b[rng.randrange(len(b)):]
        elif op == 3:  # insert random octets
            i = rng.randrange(len(b) + 1)
            b[i:i] = os.urandom(rng.randrange(1, 12))
        elif op == 4 and len(b) > 14:  # a 10-bit AVP length field written anywhere past the header
            i = rng.randrange(12, len(b) - 1)
            v = rng.randrange(1024)
            b[i] = (b[i] & 0xFC) | (v >> 8)
            b[i + 1] = v & 0xFF
        elif op == 5 and len(b) >= 4:  # the header Length
            struct.pack_into("!H", b, 2, rng.choice((0, 1, 11, 12, len(b) - 1, len(b) + 1, 65535,
                                                     rng.randrange(65536))))
        elif op == 6 and len(b) > 12:  # duplicate a slice (AVPs twice)
            i = rng.randrange(12, len(b))
            j = rng.randrange(i, min(len(b), i + 40) + 1)
            b[j:j] = b[i:j]
        elif op == 7 and len(b) >= 12:  # Ns/Nr
            struct.pack_into("!HH", b, 8, rng.randrange(65536), rng.randrange(65536))
    return bytes(b)


class Pacer:
    """Spreads `count` sends over `duration` seconds; drains replies between batches."""

    def __init__(self, count, duration):
        self.start = time.monotonic()
        self.rate = count / duration if duration > 0 else 0

    def pace(self, done):
        if self.rate:
            ahead = done / self.rate - (time.monotonic() - self.start)
            if ahead > 0:
                time.sleep(ahead)  # rate limiting of our own sends


def drain(socks, stats):
    for s in socks:
        while True:
            try:
                data, src = s.recvfrom(65535)
            except (BlockingIOError, ConnectionRefusedError):
                break
            stats["replies"] += 1
            stats["reply_bytes"] += len(data)
            m = parse(data, src)
            stats[m.name] = stats.get(m.name, 0) + 1


def drain_quiet(socks, stats, quiet=0.5, limit=5.0):
    """Reads replies until none came for `quiet` s (at most `limit` s)."""
    end = time.monotonic() + limit
    last = time.monotonic()
    while time.monotonic() < end and time.monotonic() - last < quiet:
        before = stats["replies"]
        drain(socks, stats)
        if stats["replies"] != before:
            last = time.monotonic()
        else:
            time.sleep(0.02)  # polling non-blocking sockets, bounded above


def send_all(socks_pkts, server, stats, socks, count, duration, batch=250):
    pacer = Pacer(count, duration)
    for i, (s, pkt) in enumerate(socks_pkts):
        try:
            s.sendto(pkt, server)
            stats["sent"] += 1
            stats["sent_bytes"] += len(pkt)
        except OSError:
            stats["send_errors"] += 1
        if i % batch == batch - 1:
            drain(socks, stats)
            pacer.pace(i + 1)
    stats["send_seconds"] = round(time.monotonic() - pacer.start, 2)


def new_stats():
    return {"sent": 0, "sent_bytes": 0, "send_errors": 0, "replies": 0, "reply_bytes": 0}


def cmd_flood(a):
    server = endpoint(a.server)
    rng = random.Random(a.seed)
    s = udp(a.bind, rcvbuf=16 << 20)
    s.setblocking(False)
    pkts = [(s, flood_datagram(rng)) for _ in range(a.count)]
    stats = new_stats()
    send_all(pkts, server, stats, [s], a.count, a.duration)
    drain_quiet([s], stats)
    info("flood: " + " ".join("%s=%s" % kv for kv in sorted(stats.items())))
    print("replies=%d reply_bytes=%d sent=%d sent_bytes=%d" % (stats["replies"], stats["reply_bytes"], stats["sent"],
                                                               stats["sent_bytes"]), flush=True)
    verdict(stats["replies"] < a.max_replies, a.name + "-replies-limited",
            "%d replies to %d datagrams (fewer than %d allowed)" % (stats["replies"], stats["sent"], a.max_replies))
    verdict(stats["reply_bytes"] < stats["sent_bytes"], a.name + "-no-amplification",
            "%d reply bytes for %d request bytes" % (stats["reply_bytes"], stats["sent_bytes"]))


def cmd_fuzz(a):
    """Mutated SCCRQs from one socket; mutated SCCCNs and ICRQs (random Tunnel IDs) from two others."""
    server = endpoint(a.server)
    rng = random.Random(a.seed)
    addr = a.bind
    sq, sc, si = (udp(addr + ":0", rcvbuf=16 << 20) for _ in range(3))
    for s in (sq, sc, si):
        s.setblocking(False)
    pkts = []
    for i in range(a.count):
        k = i % 3
        if k == 0:
            base = sccrq(rng.randrange(1, 65536), "atk-fuzz", rng.randrange(1, 32),
                         os.urandom(16) if rng.random() < 0.3 else None)
            pkts.append((sq, mutate(rng, base) if rng.random() < 0.95 else base))
        elif k == 1:
            base = control(SCCCN, avp(A_CHALLENGE_RESPONSE, os.urandom(16)), rng.randrange(1, 65536), 0, 1, 1)
            pkts.append((sc, mutate(rng, base)))
        else:
            base = control(ICRQ, icrq_avps(rng.randrange(1, 65536), rng.randrange(1 << 32))
                           + avp_text(A_CALLING, "555%04d" % rng.randrange(10000)), rng.randrange(1, 65536), 0,
                           rng.randrange(1, 50), rng.randrange(1, 50))
            pkts.append((si, mutate(rng, base)))
    stats = new_stats()
    send_all(pkts, server, stats, [sq, sc, si], a.count, a.duration)
    drain_quiet([sq, sc, si], stats)
    info("fuzz: " + " ".join("%s=%s" % kv for kv in sorted(stats.items())))
    verdict(stats["sent"] == a.count, a.name + "-sent", "%d of %d fuzzed datagrams sent" % (stats["sent"], a.count))


# ---------------------------------------------------------------------------------------------- port stealing

def cmd_steal(a):
    """Run as an unprivileged user: bind the daemon's address and port with SO_REUSEADDR/SO_REUSEPORT."""
    target = endpoint(a.target)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    if a.opt in ("reuseaddr", "both"):
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if a.opt in ("reuseport", "both"):
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    name = a.name + "-" + a.opt
    try:
        s.bind(target)
    except OSError as e:
        if e.errno == 98:  # EADDRINUSE
            verdict(True, name, "uid %d binding %s:%d with %s: EADDRINUSE" % (os.getuid(), target[0], target[1],
                                                                               a.opt))
        else:
            verdict(False, name, "bind failed with %s, not EADDRINUSE (a test set-up problem?)" % e)
        return
    info("uid %d bound %s:%d with %s" % (os.getuid(), target[0], target[1], a.opt))
    s.setblocking(False)
    sender = udp(a.sender_bind)
    sender.setblocking(False)
    stolen = answered = 0
    base = random.randint(1, 60000)
    for i in range(a.count):
        sender.sendto(sccrq(base + i, "atk-steal"), target)
        deadline = time.monotonic() + 0.02
        while time.monotonic() < deadline:  # interleaved reads of both sockets while pacing the sends
            for sock in (s, sender):
                try:
                    sock.recvfrom(65535)
                    if sock is s:
                        stolen += 1
                    else:
                        answered += 1
                except (BlockingIOError, ConnectionRefusedError):
                    pass
            time.sleep(0.002)
    end = time.monotonic() + 1.0
    while time.monotonic() < end:
        for sock in (s, sender):
            try:
                sock.recvfrom(65535)
                if sock is s:
                    stolen += 1
                else:
                    answered += 1
            except (BlockingIOError, ConnectionRefusedError):
                pass
        time.sleep(0.01)
    info("%d SCCRQs: %d reached the intruder's socket, %d answers came back from the daemon" % (a.count, stolen,
                                                                                             answered))
    verdict(stolen == 0, name, "uid %d could bind %s:%d with %s and received %d of %d SCCRQs meant for the daemon"
            % (os.getuid(), target[0], target[1], a.opt, stolen, a.count))


# ---------------------------------------------------------------------------------------------- secrets

def cmd_scan(a):
    with open(a.patterns_file, "rb") as f:
        patterns = [l.strip() for l in f.read().splitlines() if l.strip()]

    def leaks(data):
        return any(p in data for p in patterns)

    # the log
    try:
        with open(a.log, "rb") as f:
            in_log = leaks(f.read())
    except OSError as e:
        in_log = False
        info("cannot read the log %s: %s" % (a.log, e))
    verdict(not in_log, a.name + "-log", "a secret appears in the daemon's log" if in_log else "no secret in the log")

    # every process's command line
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                cmd = f.read()
        except OSError:
            continue
        if leaks(cmd):
            found.append("%s (%s)" % (pid, cmd.split(b"\0")[0].decode("latin-1", "replace")))
    verdict(not found, a.name + "-cmdline", "a secret is in the command line of pid " + ", ".join(found) if found
            else "no secret in /proc/*/cmdline")

    # the state folder: files holding a secret must be private, and so must their folders
    root = os.path.abspath(a.state)
    problems, holders = [], []
    if not os.path.isdir(root):
        info("state folder %s does not exist" % root)
    for folder, dirs, files in os.walk(root):
        for fn in files:
            path = os.path.join(folder, fn)
            try:
                st = os.lstat(path)
                if not os.path.isfile(path) or os.path.islink(path) or st.st_size > 64 << 20:
                    continue
                with open(path, "rb") as f:
                    if not leaks(f.read()):
                        continue
            except OSError:
                continue
            holders.append(path)
            rel = os.path.relpath(path, root)
            if st.st_mode & 0o004:
                problems.append("%s is readable by others (mode %03o)" % (rel, st.st_mode & 0o777))
            d = folder
            while True:
                mode = os.stat(d).st_mode & 0o777
                if mode & 0o001:
                    problems.append("folder %s is open to others (mode %03o)" % (os.path.relpath(d, root) if d != root
                                                                                 else "<state>", mode))
                if d == root or len(d) <= len(root):
                    break
                d = os.path.dirname(d)
    info("state folder %s: %d file(s) hold a secret: %s" % (root, len(holders), ", ".join(
        os.path.relpath(h, root) for h in holders) or "-"))
    problems = sorted(set(problems))
    verdict(not problems, a.name + "-state-private", "; ".join(problems[:6]) + (" ..." if len(problems) > 6 else "")
            if problems else "%d file(s) with a secret, all private" % len(holders))


# ---------------------------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)

    def common(p, name):
        p.add_argument("--server", default="127.0.0.1:1701", help="the daemon, host:port")
        p.add_argument("--name", default=name, help="verdict name")
        p.add_argument("--timeout", type=float, default=2.0, help="seconds to wait for one answer")
        return p

    p = common(sub.add_parser("probe", help="one SCCRQ, check the reply"), "probe")
    p.add_argument("--bind", default="127.0.0.2")
    p.add_argument("--host", default="atk-probe")
    p.add_argument("--expect", choices=("sccrp", "stopccn", "any"), default="sccrp")
    p.add_argument("--within", type=float, help="seconds to keep retransmitting the SCCRQ (default: one)")
    p.add_argument("--result", type=int)
    p.add_argument("--host-is")
    p.set_defaults(fn=cmd_probe)

    p = common(sub.add_parser("connect", help="a legitimate peer completes a tunnel"), "connect")
    p.add_argument("--bind", default="127.0.0.3")
    p.add_argument("--host", default="atk-legit")
    p.add_argument("--secret-file")
    p.add_argument("--within", type=float, default=3.0, help="seconds to keep trying")
    p.add_argument("--every", type=float, default=0.0, help="seconds between attempts (0: one attempt)")
    p.add_argument("--hello", action="store_true", help="check a HELLO is acknowledged")
    p.add_argument("--require-challenge", action="store_true", help="the SCCRP must challenge us")
    p.add_argument("--close", action="store_true", help="StopCCN afterwards")
    p.set_defaults(fn=cmd_connect)

    p = common(sub.add_parser("halfopen", help="SCCRQs acknowledged but never completed"), "halfopen")
    p.add_argument("--bind", default="127.0.0.2")
    p.add_argument("--host", default="atk-halfopen")
    p.add_argument("--count", type=int, default=16)
    p.add_argument("--wait", type=float, default=3.0)
    p.add_argument("--max-sccrp", type=int)
    p.add_argument("--min-sccrp", type=int)
    p.add_argument("--require-answers", action="store_true")
    p.set_defaults(fn=cmd_halfopen)

    p = common(sub.add_parser("tunnels", help="complete --count tunnels from one address"), "tunnels")
    p.add_argument("--bind", default="127.0.0.4")
    p.add_argument("--host", default="atk-many")
    p.add_argument("--count", type=int, default=10)
    p.add_argument("--max-up", type=int, default=6)
    p.set_defaults(fn=cmd_tunnels)

    p = common(sub.add_parser("sessions", help="per-tunnel session limit and duplicate session ids"), "sessions")
    p.add_argument("--bind-a", default="127.0.0.3")
    p.add_argument("--bind-b", default="127.0.0.5")
    p.add_argument("--count", type=int, default=20)
    p.add_argument("--max-icrp", type=int, default=10)
    p.add_argument("--log", help="the daemon's log, to see whether the live session survived")
    p.set_defaults(fn=cmd_sessions)

    p = common(sub.add_parser("teardown", help="malformed datagrams for a tunnel, from another port"), "teardown")
    p.add_argument("--bind", default="127.0.0.2")
    p.add_argument("--port-a", type=int, default=40000)
    p.add_argument("--port-b", type=int, default=40001)
    p.add_argument("--log")
    p.set_defaults(fn=cmd_teardown)

    p = common(sub.add_parser("race", help="SCCRQs from before the daemon listens"), "race")
    p.add_argument("--bind", default="127.0.0.2:1701")
    p.add_argument("--every", type=float, default=0.05)
    p.add_argument("--max-time", type=float, default=15.0)
    p.add_argument("--after-first", type=float, default=2.0)
    p.add_argument("--configured", action="store_true",
                   help="the sender is a configured peer: a StopCCN with result 4 (not authorized) is a failure")
    p.set_defaults(fn=cmd_race)

    p = common(sub.add_parser("flood", help="garbage, malformed and unknown-tunnel datagrams"), "flood")
    p.add_argument("--bind", default="127.0.0.8")
    p.add_argument("--count", type=int, default=100_000)
    p.add_argument("--duration", type=float, default=3.0)
    p.add_argument("--max-replies", type=int, default=2000)
    p.add_argument("--seed", type=int, default=1701)
    p.set_defaults(fn=cmd_flood)

    p = common(sub.add_parser("fuzz", help="mutated SCCRQ/SCCCN/ICRQ"), "fuzz")
    p.add_argument("--bind", default="127.0.0.9")
    p.add_argument("--count", type=int, default=100_000)
    p.add_argument("--duration", type=float, default=3.0)
    p.add_argument("--seed", type=int, default=2661)
    p.set_defaults(fn=cmd_fuzz)

    p = common(sub.add_parser("steal", help="bind the daemon's port as another user"), "steal")
    p.add_argument("--target", default="127.0.0.1:17010")
    p.add_argument("--opt", choices=("reuseaddr", "reuseport", "both"), required=True)
    p.add_argument("--sender-bind", default="127.0.0.6")
    p.add_argument("--count", type=int, default=50)
    p.set_defaults(fn=cmd_steal)

    p = common(sub.add_parser("scan", help="look for secrets in the log, command lines and state"), "secrets")
    p.add_argument("--patterns-file", required=True, help="one secret per line")
    p.add_argument("--state", required=True)
    p.add_argument("--log", required=True)
    p.set_defaults(fn=cmd_scan)

    a = ap.parse_args()
    try:
        a.fn(a)
    except Exception as e:  # an internal error is no verdict: exit 2, with the trace on stderr
        import traceback
        traceback.print_exc()
        print("error %s: %s" % (a.cmd, e), flush=True)
        sys.exit(2)
    sys.exit(0 if all(verdicts) else 1)


if __name__ == "__main__":
    main()
