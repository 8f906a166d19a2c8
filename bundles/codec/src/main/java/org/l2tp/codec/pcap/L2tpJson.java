package org.l2tp.codec.pcap;

import java.util.StringJoiner;

import org.l2tp.codec.Avp;
import org.l2tp.codec.AvpValue;
import org.l2tp.codec.CdnResult;
import org.l2tp.codec.ControlMessage;
import org.l2tp.codec.DataMessage;
import org.l2tp.codec.GeneralError;
import org.l2tp.codec.HeaderBits;
import org.l2tp.codec.Hex;
import org.l2tp.codec.L2tpDecodeException;
import org.l2tp.codec.L2tpDecoder;
import org.l2tp.codec.L2tpHeaderView;
import org.l2tp.codec.L2tpMessage;
import org.l2tp.codec.MessageType;
import org.l2tp.codec.StopCcnResult;

/**
 * Renders one captured L2TP datagram as a single-line JSON object: frame, endpoints, header fields, message name
 * ("ZLB", "DATA" or the RFC's abbreviation) and each AVP with its decoded value. A datagram that does not decode
 * becomes {"frame":N,...,"error":"..."}. Secrets are used to reveal hidden AVPs and are never written out.
 */
public final class L2tpJson {

    private L2tpJson() {
    }

    /** The JSON line for this frame, decoding hidden AVPs with {@code secret} when not null. */
    public static String frame(PcapFrame f, byte[] secret) {
        Json j = new Json()
                .put("frame", f.number())
                .put("time", f.timestampMicros() / 1_000_000 + "." + String.format("%06d", f.timestampMicros() % 1_000_000))
                .put("src", f.sourceEndpoint())
                .put("dst", f.destinationEndpoint());
        L2tpMessage m;
        try {
            m = L2tpDecoder.decode(f.payload(), secret);
        } catch (L2tpDecodeException e) {
            j.put("error", e.getMessage());
            if (e.answer() != L2tpDecodeException.Answer.DISCARD) {
                j.put("answer", e.answer().name()).put("resultCode", e.resultCode()).put("errorCode", e.errorCode());
            }
            return j.toString();
        }
        L2tpHeaderView h = new L2tpHeaderView();
        h.parse(f.payload(), 0, f.payload().length);
        j.putRaw("flags", flags(h)).put("version", h.version());
        if (h.hasLength()) {
            j.put("length", h.length());
        }
        j.put("tunnel", m.tunnelId()).put("session", m.sessionId());
        if (h.hasSequence()) {
            j.put("ns", h.ns()).put("nr", h.nr());
        }
        if (m instanceof DataMessage d) {
            if (d.offsetSize() >= 0) {
                j.put("offsetSize", d.offsetSize());
            }
            return j.put("message", "DATA").put("payloadLength", d.payload().remaining()).toString();
        }
        ControlMessage c = (ControlMessage) m;
        if (c.isZlb()) {
            return j.put("message", "ZLB").toString();
        }
        j.put("message", c.type().abbreviation());
        StringJoiner avps = new StringJoiner(",", "[", "]");
        for (Avp a : c.avps()) {
            avps.add(avp(c.type(), a));
        }
        return j.putRaw("avps", avps.toString()).toString();
    }

    private static String flags(L2tpHeaderView h) {
        return new Json().put("T", h.isControl()).put("L", h.hasLength()).put("S", h.hasSequence())
                .put("O", h.hasOffset()).put("P", (h.flags() & HeaderBits.P) != 0).toString();
    }

    private static String avp(MessageType in, Avp a) {
        Json j = new Json().put("vendor", a.vendorId()).put("type", a.attributeType()).put("name", a.name())
                .put("M", a.mandatory()).put("H", a.hidden());
        AvpValue v = a.value();
        if (a.hidden() && v instanceof AvpValue.Raw raw) {
            return j.put("value", Hex.encode(raw.value())).put("revealed", false).toString();
        }
        if (v instanceof AvpValue.U16 x) {
            j.put("value", x.value());
        } else if (v instanceof AvpValue.U32 x) {
            j.put("value", x.value());
        } else if (v instanceof AvpValue.Text x) {
            j.put("value", x.value());
        } else if (v instanceof AvpValue.Octets x) {
            j.put("value", Hex.encode(x.value()));
        } else if (v instanceof AvpValue.Raw x) {
            j.put("value", Hex.encode(x.value()));
        } else if (v instanceof AvpValue.Empty) {
            j.putRaw("value", "null");
        } else if (v instanceof AvpValue.ProtocolVersion x) {
            j.putRaw("value", new Json().put("version", x.version()).put("revision", x.revision()).toString());
        } else if (v instanceof AvpValue.ResultCode x) {
            Json r = new Json().put("result", x.result());
            String text = resultText(in, x.result());
            if (text != null) {
                r.put("resultText", text);
            }
            if (x.error() >= 0) {
                r.put("error", x.error());
                GeneralError e = GeneralError.ofCode(x.error());
                if (e != null) {
                    r.put("errorText", e.text());
                }
            }
            if (x.message() != null) {
                r.put("message", x.message());
            }
            j.putRaw("value", r.toString());
        } else if (v instanceof AvpValue.Q931Cause x) {
            Json q = new Json().put("cause", x.cause()).put("messageCode", x.messageCode());
            if (x.advisory() != null) {
                q.put("advisory", x.advisory());
            }
            j.putRaw("value", q.toString());
        } else if (v instanceof AvpValue.CallErrors x) {
            j.putRaw("value", new Json().put("crc", x.crcErrors()).put("framing", x.framingErrors())
                    .put("hardwareOverruns", x.hardwareOverruns()).put("bufferOverruns", x.bufferOverruns())
                    .put("timeouts", x.timeoutErrors()).put("alignment", x.alignmentErrors()).toString());
        } else if (v instanceof AvpValue.Accm x) {
            j.putRaw("value", new Json().put("send", String.format("0x%08x", x.sendAccm()))
                    .put("receive", String.format("0x%08x", x.receiveAccm())).toString());
        }
        return j.toString();
    }

    private static String resultText(MessageType in, int result) {
        if (in == MessageType.STOPCCN) {
            StopCcnResult r = StopCcnResult.ofCode(result);
            return r == null ? null : r.text();
        }
        if (in == MessageType.CDN) {
            CdnResult r = CdnResult.ofCode(result);
            return r == null ? null : r.text();
        }
        return null;
    }
}
