package org.l2tp.benchmarks;

import static org.l2tp.codec.AvpType.*;

import java.util.concurrent.TimeUnit;

import org.l2tp.codec.Avp;
import org.l2tp.codec.AvpValue;
import org.l2tp.codec.ControlMessage;
import org.l2tp.codec.DataMessage;
import org.l2tp.codec.L2tpDecodeException;
import org.l2tp.codec.L2tpDecoder;
import org.l2tp.codec.L2tpEncoder;
import org.l2tp.codec.L2tpHeaderView;
import org.l2tp.codec.L2tpMessage;
import org.l2tp.codec.MessageType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec's per-message costs: a full decode and encode of SCCRQ and ICRQ as xl2tpd and Cisco-class LACs send
 * them, and the allocation-free data header parse of the per-packet path. Run with -prof gc for allocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
    private ControlMessage sccrq;
    private ControlMessage icrq;
    private byte[] sccrqWire;
    private byte[] icrqWire;
    private byte[] dataWire;
    private byte[] out;
    private final L2tpHeaderView view = new L2tpHeaderView();

    @Setup
    public void setup() {
        // The AVPs of xl2tpd's SCCRQ (capture 01) plus a Tie Breaker and a Challenge, as a full LAC sends them.
        sccrq = ControlMessage.of(MessageType.SCCRQ,
                Avp.of(PROTOCOL_VERSION, AvpValue.ProtocolVersion.L2TPV2),
                Avp.u32(FRAMING_CAPABILITIES, 3), Avp.u32(BEARER_CAPABILITIES, 0),
                Avp.octets(TIE_BREAKER, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}),
                Avp.u16(FIRMWARE_REVISION, 0x0690), Avp.text(HOST_NAME, "lac-01.pop.example.net"),
                Avp.text(VENDOR_NAME, "xelerance.com"), Avp.u16(ASSIGNED_TUNNEL_ID, 49508),
                Avp.u16(RECEIVE_WINDOW_SIZE, 4), Avp.octets(CHALLENGE, new byte[16])).withSequence(0, 0);
        icrq = ControlMessage.of(MessageType.ICRQ, Avp.u16(ASSIGNED_SESSION_ID, 12786),
                Avp.u32(CALL_SERIAL_NUMBER, 1), Avp.u32(BEARER_TYPE, 0), Avp.u32(PHYSICAL_CHANNEL_ID, 3),
                Avp.text(CALLING_NUMBER, "0123456789"), Avp.text(CALLED_NUMBER, "5551234"))
                .withIds(33129, 0).withSequence(2, 1);
        sccrqWire = L2tpEncoder.encode(sccrq, null);
        icrqWire = L2tpEncoder.encode(icrq, null);
        // A data message as xl2tpd sends it (L bit, no sequence numbers) around a 1400-octet PPP frame.
        byte[] ppp = new byte[1400];
        dataWire = new byte[L2tpEncoder.dataHeaderLength(true, false, -1) + ppp.length];
        L2tpEncoder.writeDataHeader(dataWire, 0, 10500, 15076, -1, -1, true, false, -1, ppp.length);
        out = new byte[2048];
    }

    @Benchmark
    public L2tpMessage decodeSccrq() throws L2tpDecodeException {
        return L2tpDecoder.decode(sccrqWire, 0, sccrqWire.length, null);
    }

    @Benchmark
    public L2tpMessage decodeIcrq() throws L2tpDecodeException {
        return L2tpDecoder.decode(icrqWire, 0, icrqWire.length, null);
    }

    @Benchmark
    public int encodeSccrq() {
        return L2tpEncoder.encode(sccrq, null, out, 0);
    }

    @Benchmark
    public int encodeIcrq() {
        return L2tpEncoder.encode(icrq, null, out, 0);
    }

    /** The per-packet path: parse the header in place, read the ids and the payload bounds. */
    @Benchmark
    public int parseDataHeader() {
        if (view.parse(dataWire, 0, dataWire.length) != L2tpHeaderView.Status.OK) {
            throw new IllegalStateException();
        }
        return view.sessionId() + view.headerLength() + view.payloadLength();
    }

    /** A data message decoded to the immutable record, payload as a view: for comparison with the flyweight. */
    @Benchmark
    public L2tpMessage decodeDataMessage() throws L2tpDecodeException {
        return (DataMessage) L2tpDecoder.decode(dataWire, 0, dataWire.length, null);
    }
}
