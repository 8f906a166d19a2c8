package org.l2tp.ppp.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.l2tp.ppp.frame.ControlPacket;
import org.l2tp.ppp.frame.Option;
import org.l2tp.ppp.frame.Options;
import org.l2tp.ppp.testing.VirtualTimers;

/**
 * Every cell of RFC 1661 4.1, one test each: an automaton put in the cell's state gets the cell's event; the
 * packets it sends and the layer actions it takes, in order, must be the cell's actions, the new state the cell's,
 * the Restart counter what irc/zrc/scr/str make of it, the Restart timer running after scr/str/zrc.
 */
class TableRowTest {
    static final Restart RESTART = new Restart(3000, 2, 10, 5);
    static final Option OPT = new Option(1, new byte[] {5, 0x78});

    /** Records sends and layer calls as the RFC's action names. */
    static final class Trace implements Layer {
        final List<String> actions = new ArrayList<>();
        final List<ControlPacket> sent = new ArrayList<>();

        @Override
        public void up() {
            actions.add("tlu");
        }

        @Override
        public void down() {
            actions.add("tld");
        }

        @Override
        public void started() {
            actions.add("tls");
        }

        @Override
        public void finished(String reason) {
            actions.add("tlf");
        }

        void send(int protocol, ControlPacket p) {
            sent.add(p);
            actions.add(switch (p.code()) {
                case 1 -> "scr";
                case 2 -> "sca";
                case 3, 4 -> "scn";
                case 5 -> "str";
                case 6 -> "sta";
                case 7 -> "scj";
                default -> "code " + p.code();
            });
        }
    }

    /** A negotiator that asks for one option and records ser. */
    static final class Stub implements Negotiator {
        final Trace trace;

        Stub(Trace trace) {
            this.trace = trace;
        }

        @Override
        public void reset() {
        }

        @Override
        public List<Option> request() {
            return List.of(OPT);
        }

        @Override
        public Verdict judge(List<Option> peer) {
            return Verdict.ack();
        }

        @Override
        public void acked(List<Option> ours) {
        }

        @Override
        public String naked(List<Option> suggested) {
            return null;
        }

        @Override
        public String rejected(List<Option> rejected) {
            return null;
        }

        @Override
        public Extra classify(ControlPacket p) {
            return p.code() == 9 ? Extra.RXR : Extra.UNKNOWN;
        }

        @Override
        public void ser(ControlPacket p) {
            trace.actions.add("ser");
        }
    }

    static ControlPacket packetFor(Event e) {
        byte[] opts = Options.encode(List.of(OPT));
        return switch (e) {
            case RCR_PLUS, RCR_MINUS -> new ControlPacket(1, 7, opts);
            case RCA -> new ControlPacket(2, 7, opts);
            case RCN -> new ControlPacket(3, 7, opts);
            case RTR -> new ControlPacket(5, 7, new byte[0]);
            case RTA -> new ControlPacket(6, 7, new byte[0]);
            case RUC -> new ControlPacket(0x42, 7, new byte[] {1, 2, 3});
            case RXJ_PLUS -> new ControlPacket(7, 7, new byte[] {9, 1, 0, 4});
            case RXJ_MINUS -> new ControlPacket(7, 7, new byte[] {1, 1, 0, 4});
            case RXR -> new ControlPacket(9, 7, new byte[] {0, 0, 0, 0});
            default -> null;
        };
    }

    static Verdict verdictFor(Event e) {
        return switch (e) {
            case RCR_PLUS -> Verdict.ack();
            case RCR_MINUS -> Verdict.nak(List.of(new Option(1, new byte[] {5, (byte) 0xdc})));
            default -> null;
        };
    }

    @TestFactory
    Stream<DynamicTest> everyCell() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<State, Map<Event, Rfc1661Table.Cell>> byState : Rfc1661Table.parse().entrySet()) {
            for (Map.Entry<Event, Rfc1661Table.Cell> c : byState.getValue().entrySet()) {
                State s = byState.getKey();
                Event e = c.getKey();
                Rfc1661Table.Cell cell = c.getValue();
                tests.add(DynamicTest.dynamicTest(s + " + " + e.rfcName() + " -> " + cell.actions() + "/"
                        + cell.to().ordinal() + cell.marker(), () -> check(s, e, cell)));
            }
        }
        assertEquals(120, tests.size());
        return tests.stream();
    }

    private static void check(State s, Event e, Rfc1661Table.Cell cell) {
        Trace trace = new Trace();
        VirtualTimers timers = new VirtualTimers();
        ControlProtocol cp = new ControlProtocol(0xc021, "LCP", new Stub(trace), trace::send, timers, trace,
                RESTART);
        cp.force(s, 1);
        ControlPacket p = packetFor(e);
        cp.event(e, p, verdictFor(e));

        assertEquals(cell.to(), cp.state(), "new state");
        List<String> expected = new ArrayList<>();
        int counter = 1;
        List<String> rfc = cell.actions().isEmpty() ? List.of() : List.of(cell.actions().split(","));
        for (String a : rfc) {
            switch (a) {
                case "irc" -> counter = rfc.contains("str") ? RESTART.maxTerminate() : RESTART.maxConfigure();
                case "zrc" -> counter = 0;
                case "scr", "str" -> {
                    counter--;
                    expected.add(a);
                }
                default -> expected.add(a);
            }
        }
        assertEquals(expected, trace.actions, "actions");
        assertEquals(counter, cp.restartCounter(), "Restart counter");
        boolean timed = rfc.contains("scr") || rfc.contains("str") || rfc.contains("zrc");
        if (timed) {
            assertEquals(1, timers.pending(), "Restart timer started");
        }
        if (!EnumSet.of(State.CLOSING, State.STOPPING, State.REQ_SENT, State.ACK_RCVD, State.ACK_SENT)
                .contains(cell.to())) {
            assertEquals(0, timers.pending(), "no Restart timer outside 4.6's states");
        }
        for (ControlPacket sent : trace.sent) {
            switch (sent.code()) {
                // sca and scn answer with the request's Identifier, sta too; sca echoes the options (5.2).
                case 2 -> assertTrue(sent.id() == p.id() && sent.equals(new ControlPacket(2, p.id(), p.data())));
                case 3 -> assertEquals(p.id(), sent.id());
                case 6 -> assertEquals(p.id(), sent.id());
                // scj carries the rejected packet (5.6).
                case 7 -> assertEquals(List.of(p.encode().length), List.of(sent.dataLength()));
                default -> {
                }
            }
        }
    }
}
