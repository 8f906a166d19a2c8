package org.l2tp.ppp.fsm;

import static org.l2tp.api.fsm.StateTable.in;
import static org.l2tp.ppp.fsm.State.ACK_RCVD;
import static org.l2tp.ppp.fsm.State.ACK_SENT;
import static org.l2tp.ppp.fsm.State.CLOSED;
import static org.l2tp.ppp.fsm.State.CLOSING;
import static org.l2tp.ppp.fsm.State.INITIAL;
import static org.l2tp.ppp.fsm.State.OPENED;
import static org.l2tp.ppp.fsm.State.REQ_SENT;
import static org.l2tp.ppp.fsm.State.STARTING;
import static org.l2tp.ppp.fsm.State.STOPPED;
import static org.l2tp.ppp.fsm.State.STOPPING;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;

import org.l2tp.api.fsm.StateTable;
import org.l2tp.ppp.frame.ControlPacket;
import org.l2tp.ppp.frame.FrameException;
import org.l2tp.ppp.frame.Option;
import org.l2tp.ppp.frame.Options;
import org.l2tp.ppp.link.PacketSender;
import org.l2tp.ppp.link.Timers;

/**
 * The option negotiation automaton of RFC 1661 section 4 for one control protocol (LCP, IPCP, IPv6CP), as the
 * section 4.1 table ({@link #TABLE}). Received packets are classified into the section 4.3 events here (with the
 * checks of section 5: Identifier of replies, malformed Options); the table says what to do; what the options
 * mean is the {@link Negotiator}'s.
 *
 * <p>Not thread-safe: everything (calls, received packets, timers) runs on the link's thread. An event raised
 * from inside an action (a layer callback calling back) waits until the current one is done.
 */
public final class ControlProtocol {
    static final Logger LOG = Logger.getLogger("org.l2tp.ppp");

    /** Why a received packet caused no event (RFC 1661 section 5: silently discarded), for counters. */
    public enum Discard {
        /** Options field that cannot be split into options. */
        MALFORMED_OPTIONS,
        /** Configure-Ack/Nak/Reject not answering our last Configure-Request (sections 5.2-5.4). */
        UNMATCHED_REPLY,
        /** A packet of a known code whose fields do not fit it (an empty Code-Reject, a short Echo). */
        MALFORMED,
        /** No row for the event in the current state (the table's "-" cells, e.g. packets before Up). */
        NO_ROW
    }

    /** What a row's action works on: the automaton, the state it was in, the packet and its verdict. */
    record Step(ControlProtocol cp, State was, ControlPacket packet, Verdict verdict) {
    }

    /** The states the Restart timer runs in (section 4.6). */
    private static final Set<State> TIMED = EnumSet.of(CLOSING, STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT);
    private static final Set<State> NEGOTIATING = EnumSet.of(REQ_SENT, ACK_RCVD, ACK_SENT);
    private static final String S = "4.1";

    /** RFC 1661 section 4.1, row by row of its table (one table row per event, its cells grouped when equal). */
    static final StateTable<State, Event, Step> TABLE = new StateTable<State, Event, Step>(
            "RFC 1661 4.1 option negotiation", State.class, Event.class)
            // Up
            .row(S, in(INITIAL), Event.UP, "", CLOSED, act(""))
            .row(S, in(STARTING), Event.UP, "irc,scr", REQ_SENT, act("irc,scr"))
            // Down
            .row(S, in(CLOSED, CLOSING), Event.DOWN, "", INITIAL, act(""))
            .row(S, in(STOPPED), Event.DOWN, "tls", STARTING, act("tls"))
            .row(S, in(STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT), Event.DOWN, "", STARTING, act(""))
            .row(S, in(OPENED), Event.DOWN, "tld", STARTING, act("tld"))
            // Open
            .row(S, in(INITIAL), Event.OPEN, "tls", STARTING, act("tls"))
            .row(S, in(STARTING), Event.OPEN, "", STARTING, act(""))
            .row(S, in(CLOSED), Event.OPEN, "irc,scr", REQ_SENT, act("irc,scr"))
            .row(S, in(STOPPED), Event.OPEN, "[r: restart option not taken, 4.2]", STOPPED, act(""))
            .row(S, in(CLOSING, STOPPING), Event.OPEN, "[r: restart option not taken, 4.2]", STOPPING, act(""))
            .row(S, in(REQ_SENT), Event.OPEN, "", REQ_SENT, act(""))
            .row(S, in(ACK_RCVD), Event.OPEN, "", ACK_RCVD, act(""))
            .row(S, in(ACK_SENT), Event.OPEN, "", ACK_SENT, act(""))
            .row(S, in(OPENED), Event.OPEN, "[r: restart option not taken, 4.2]", OPENED, act(""))
            // Close
            .row(S, in(INITIAL), Event.CLOSE, "", INITIAL, act(""))
            .row(S, in(STARTING), Event.CLOSE, "tlf", INITIAL, act("tlf"))
            .row(S, in(CLOSED, STOPPED), Event.CLOSE, "", CLOSED, act(""))
            .row(S, in(CLOSING, STOPPING), Event.CLOSE, "", CLOSING, act(""))
            .row(S, in(REQ_SENT, ACK_RCVD, ACK_SENT), Event.CLOSE, "irc,str", CLOSING, act("irc,str"))
            .row(S, in(OPENED), Event.CLOSE, "tld,irc,str", CLOSING, act("tld,irc,str"))
            // TO+
            .row(S, in(CLOSING), Event.TO_PLUS, "str", CLOSING, act("str"))
            .row(S, in(STOPPING), Event.TO_PLUS, "str", STOPPING, act("str"))
            .row(S, in(REQ_SENT, ACK_RCVD), Event.TO_PLUS, "scr", REQ_SENT, act("scr"))
            .row(S, in(ACK_SENT), Event.TO_PLUS, "scr", ACK_SENT, act("scr"))
            // TO-
            .row(S, in(CLOSING), Event.TO_MINUS, "tlf", CLOSED, act("tlf"))
            .row(S, in(STOPPING), Event.TO_MINUS, "tlf", STOPPED, act("tlf"))
            .row(S, in(REQ_SENT, ACK_RCVD, ACK_SENT), Event.TO_MINUS,
                    "tlf [p: passive option not taken, 4.2 Stopped]", STOPPED, act("tlf"))
            // RCR+
            .row(S, in(CLOSED), Event.RCR_PLUS, "sta", CLOSED, act("sta"))
            .row(S, in(STOPPED), Event.RCR_PLUS, "irc,scr,sca", ACK_SENT, act("irc,scr,sca"))
            .row(S, in(CLOSING), Event.RCR_PLUS, "", CLOSING, act(""))
            .row(S, in(STOPPING), Event.RCR_PLUS, "", STOPPING, act(""))
            .row(S, in(REQ_SENT, ACK_SENT), Event.RCR_PLUS, "sca", ACK_SENT, act("sca"))
            .row(S, in(ACK_RCVD), Event.RCR_PLUS, "sca,tlu", OPENED, act("sca,tlu"))
            .row(S, in(OPENED), Event.RCR_PLUS, "tld,scr,sca", ACK_SENT, act("tld,scr,sca"))
            // RCR-
            .row(S, in(CLOSED), Event.RCR_MINUS, "sta", CLOSED, act("sta"))
            .row(S, in(STOPPED), Event.RCR_MINUS, "irc,scr,scn", REQ_SENT, act("irc,scr,scn"))
            .row(S, in(CLOSING), Event.RCR_MINUS, "", CLOSING, act(""))
            .row(S, in(STOPPING), Event.RCR_MINUS, "", STOPPING, act(""))
            .row(S, in(REQ_SENT, ACK_SENT), Event.RCR_MINUS, "scn", REQ_SENT, act("scn"))
            .row(S, in(ACK_RCVD), Event.RCR_MINUS, "scn", ACK_RCVD, act("scn"))
            .row(S, in(OPENED), Event.RCR_MINUS, "tld,scr,scn", REQ_SENT, act("tld,scr,scn"))
            // RCA
            .row(S, in(CLOSED), Event.RCA, "sta", CLOSED, act("sta"))
            .row(S, in(STOPPED), Event.RCA, "sta", STOPPED, act("sta"))
            .row(S, in(CLOSING), Event.RCA, "", CLOSING, act(""))
            .row(S, in(STOPPING), Event.RCA, "", STOPPING, act(""))
            .row(S, in(REQ_SENT), Event.RCA, "irc", ACK_RCVD, act("irc"))
            .row(S, in(ACK_RCVD), Event.RCA, "scr [x: crossed connection]", REQ_SENT, act("scr"))
            .row(S, in(ACK_SENT), Event.RCA, "irc,tlu", OPENED, act("irc,tlu"))
            .row(S, in(OPENED), Event.RCA, "tld,scr [x: crossed connection]", REQ_SENT, act("tld,scr"))
            // RCN
            .row(S, in(CLOSED), Event.RCN, "sta", CLOSED, act("sta"))
            .row(S, in(STOPPED), Event.RCN, "sta", STOPPED, act("sta"))
            .row(S, in(CLOSING), Event.RCN, "", CLOSING, act(""))
            .row(S, in(STOPPING), Event.RCN, "", STOPPING, act(""))
            .row(S, in(REQ_SENT), Event.RCN, "irc,scr", REQ_SENT, act("irc,scr"))
            .row(S, in(ACK_RCVD), Event.RCN, "scr [x: crossed connection]", REQ_SENT, act("scr"))
            .row(S, in(ACK_SENT), Event.RCN, "irc,scr", ACK_SENT, act("irc,scr"))
            .row(S, in(OPENED), Event.RCN, "tld,scr [x: crossed connection]", REQ_SENT, act("tld,scr"))
            // RTR
            .row(S, in(CLOSED), Event.RTR, "sta", CLOSED, act("sta"))
            .row(S, in(STOPPED), Event.RTR, "sta", STOPPED, act("sta"))
            .row(S, in(CLOSING), Event.RTR, "sta", CLOSING, act("sta"))
            .row(S, in(STOPPING), Event.RTR, "sta", STOPPING, act("sta"))
            .row(S, in(REQ_SENT, ACK_RCVD, ACK_SENT), Event.RTR, "sta", REQ_SENT, act("sta"))
            .row(S, in(OPENED), Event.RTR, "tld,zrc,sta", STOPPING, act("tld,zrc,sta"))
            // RTA
            .row(S, in(CLOSED), Event.RTA, "", CLOSED, act(""))
            .row(S, in(STOPPED), Event.RTA, "", STOPPED, act(""))
            .row(S, in(CLOSING), Event.RTA, "tlf", CLOSED, act("tlf"))
            .row(S, in(STOPPING), Event.RTA, "tlf", STOPPED, act("tlf"))
            .row(S, in(REQ_SENT, ACK_RCVD), Event.RTA, "", REQ_SENT, act(""))
            .row(S, in(ACK_SENT), Event.RTA, "", ACK_SENT, act(""))
            .row(S, in(OPENED), Event.RTA, "tld,scr", REQ_SENT, act("tld,scr"))
            // RUC
            .row(S, in(CLOSED), Event.RUC, "scj", CLOSED, act("scj"))
            .row(S, in(STOPPED), Event.RUC, "scj", STOPPED, act("scj"))
            .row(S, in(CLOSING), Event.RUC, "scj", CLOSING, act("scj"))
            .row(S, in(STOPPING), Event.RUC, "scj", STOPPING, act("scj"))
            .row(S, in(REQ_SENT), Event.RUC, "scj", REQ_SENT, act("scj"))
            .row(S, in(ACK_RCVD), Event.RUC, "scj", ACK_RCVD, act("scj"))
            .row(S, in(ACK_SENT), Event.RUC, "scj", ACK_SENT, act("scj"))
            .row(S, in(OPENED), Event.RUC, "scj", OPENED, act("scj"))
            // RXJ+
            .row(S, in(CLOSED), Event.RXJ_PLUS, "", CLOSED, act(""))
            .row(S, in(STOPPED), Event.RXJ_PLUS, "", STOPPED, act(""))
            .row(S, in(CLOSING), Event.RXJ_PLUS, "", CLOSING, act(""))
            .row(S, in(STOPPING), Event.RXJ_PLUS, "", STOPPING, act(""))
            .row(S, in(REQ_SENT, ACK_RCVD), Event.RXJ_PLUS, "", REQ_SENT, act(""))
            .row(S, in(ACK_SENT), Event.RXJ_PLUS, "", ACK_SENT, act(""))
            .row(S, in(OPENED), Event.RXJ_PLUS, "", OPENED, act(""))
            // RXJ-
            .row(S, in(CLOSED, CLOSING), Event.RXJ_MINUS, "tlf", CLOSED, act("tlf"))
            .row(S, in(STOPPED, STOPPING, REQ_SENT, ACK_RCVD, ACK_SENT), Event.RXJ_MINUS, "tlf", STOPPED,
                    act("tlf"))
            .row(S, in(OPENED), Event.RXJ_MINUS, "tld,irc,str", STOPPING, act("tld,irc,str"))
            // RXR
            .row(S, in(CLOSED), Event.RXR, "", CLOSED, act(""))
            .row(S, in(STOPPED), Event.RXR, "", STOPPED, act(""))
            .row(S, in(CLOSING), Event.RXR, "", CLOSING, act(""))
            .row(S, in(STOPPING), Event.RXR, "", STOPPING, act(""))
            .row(S, in(REQ_SENT), Event.RXR, "", REQ_SENT, act(""))
            .row(S, in(ACK_RCVD), Event.RXR, "", ACK_RCVD, act(""))
            .row(S, in(ACK_SENT), Event.RXR, "", ACK_SENT, act(""))
            .row(S, in(OPENED), Event.RXR, "ser", OPENED, act("ser"));

    /**
     * The consumer for a row's actions, in the order the table writes them (section 4.4). irc sets the counter to
     * Max-Terminate in rows that then send a Terminate-Request, to Max-Configure otherwise (section 4.6).
     */
    private static Consumer<Step> act(String actions) {
        List<String> names = actions.isEmpty() ? List.of() : List.of(actions.split(","));
        boolean terminate = names.contains("str");
        for (String n : names) {
            if (!List.of("tlu", "tld", "tls", "tlf", "irc", "zrc", "scr", "sca", "scn", "str", "sta", "scj", "ser")
                    .contains(n)) {
                throw new IllegalArgumentException("not an action of RFC 1661 4.4: " + n);
            }
        }
        return s -> {
            for (String n : names) {
                s.cp.action(n, terminate, s);
            }
        };
    }

    private final int protocol;
    private final String name;
    private final Negotiator negotiator;
    private final PacketSender out;
    private final Timers timers;
    private final Layer layer;
    private final Restart restart;

    private State state = INITIAL;
    /** The Restart counter (section 4.6). */
    private int counter;
    /** Configure-Naks sent without a Configure-Ack between them (Max-Failure, section 4.6). */
    private int failures;
    private Timers.Timer timer;
    private int nextId;
    /** Identifier and Options of the last Configure-Request sent; -1 before the first. */
    private int requestId = -1;
    private byte[] requestData = new byte[0];
    /** Whether a valid reply to that request came (a second one is a duplicate, section 5.1). */
    private boolean answered;
    /** Why this layer is finishing, for tlf. */
    private String reason;
    private int maxPacket = 1500;
    private final Map<Discard, Long> discards = new EnumMap<>(Discard.class);
    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();
    private boolean busy;

    public ControlProtocol(int protocol, String name, Negotiator negotiator, PacketSender out, Timers timers,
                           Layer layer, Restart restart) {
        this.protocol = protocol;
        this.name = name;
        this.negotiator = negotiator;
        this.out = out;
        this.timers = timers;
        this.layer = layer;
        this.restart = restart;
    }

    /** The lower layer is up (Up, section 4.3). */
    public void up() {
        fire(Event.UP, null, null);
    }

    /** The lower layer is down (Down). */
    public void down() {
        fire(Event.DOWN, null, null);
    }

    /** Administrative Open. */
    public void open() {
        fire(Event.OPEN, null, null);
    }

    /** Administrative Close; {@code reason} goes into the Terminate-Request and to {@link Layer#finished}. */
    public void close(String reason) {
        run(() -> {
            this.reason = reason;
            event(Event.CLOSE, null, null);
        });
    }

    /**
     * A packet of this protocol from the peer, any code. Malformed ones and replies to no request are silently
     * discarded and counted (RFC 1661 section 5); codes the protocol does not know are Code-Rejected (RUC).
     */
    public void receive(ControlPacket p) {
        run(() -> classify(p));
    }

    public State state() {
        return state;
    }

    public int protocol() {
        return protocol;
    }

    public String name() {
        return name;
    }

    /** The largest packet the peer receives (its MRU), for truncating Code-Rejects; 1500 until told. */
    public void maxPacket(int octets) {
        this.maxPacket = Math.max(8, octets);
    }

    public int maxPacket() {
        return maxPacket;
    }

    /** Received packets silently discarded for {@code why}. */
    public long discarded(Discard why) {
        return discards.getOrDefault(why, 0L);
    }

    /** Received packets silently discarded, all reasons. */
    public long discarded() {
        return discards.values().stream().mapToLong(Long::longValue).sum();
    }

    /** An Identifier for a packet this protocol sends (Configure-, Terminate-, Code-Reject, Echo-Request). */
    public int nextId() {
        nextId = (nextId + 1) & 0xff;
        return nextId;
    }

    @Override
    public String toString() {
        return name + " " + state;
    }

    // ---------------------------------------------------------------- classification (section 4.3, 5)

    private void classify(ControlPacket p) {
        switch (p.code()) {
            case 1 -> {
                if (noRow(Event.RCR_PLUS)) {
                    return;
                }
                List<Option> opts = options(p.data());
                if (opts == null) {
                    return;
                }
                Verdict v = negotiator.judge(opts);
                if (v.kind() == Verdict.Kind.FAIL) {
                    if (NEGOTIATING.contains(state) || state == OPENED) {
                        reason = v.failure();
                        event(Event.CLOSE, null, null);
                    } else {
                        discard(Discard.NO_ROW, p);
                    }
                    return;
                }
                event(v.kind() == Verdict.Kind.ACK ? Event.RCR_PLUS : Event.RCR_MINUS, p, v);
            }
            case 2, 3, 4 -> reply(p);
            case 5 -> {
                if (noRow(Event.RTR)) {
                    return;
                }
                if (state == OPENED) {
                    String text = printable(p.data());
                    reason = name + ": peer sent Terminate-Request" + (text.isEmpty() ? "" : " (" + text + ")");
                }
                event(Event.RTR, p, null);
            }
            case 6 -> {
                if (!noRow(Event.RTA)) {
                    event(Event.RTA, p, null);
                }
            }
            case 7 -> {
                if (p.dataLength() < 1) {
                    discard(Discard.MALFORMED, p);
                    return;
                }
                int code = p.dataByte(0);
                if (negotiator.catastrophic(code)) {
                    if (!noRow(Event.RXJ_MINUS)) {
                        reason = name + ": peer rejected code " + code;
                        event(Event.RXJ_MINUS, p, null);
                    }
                } else if (!noRow(Event.RXJ_PLUS)) {
                    LOG.fine(() -> name + ": peer rejected code " + code);
                    event(Event.RXJ_PLUS, p, null);
                }
            }
            default -> {
                if (noRow(Event.RUC)) {
                    return;
                }
                Negotiator.Extra x = p.code() == 0 ? Negotiator.Extra.UNKNOWN : negotiator.classify(p);
                switch (x) {
                    case UNKNOWN -> event(Event.RUC, p, null);
                    case RXR -> event(Event.RXR, p, null);
                    case RXJ_PLUS -> event(Event.RXJ_PLUS, p, null);
                    case RXJ_MINUS -> {
                        reason = name + ": peer sent a catastrophic Protocol-Reject";
                        event(Event.RXJ_MINUS, p, null);
                    }
                    case DISCARD -> discard(Discard.MALFORMED, p);
                }
            }
        }
    }

    /** Configure-Ack (2), -Nak (3), -Reject (4): RCA or RCN if it answers our last Configure-Request. */
    private void reply(ControlPacket p) {
        Event e = p.code() == 2 ? Event.RCA : Event.RCN;
        if (noRow(e)) {
            return;
        }
        // In Closed..Stopping the row answers any such packet (sta or nothing); from Req-Sent on it must be ours.
        boolean ours = NEGOTIATING.contains(state) || state == OPENED;
        if (ours && (p.id() != requestId || answered)) {
            discard(Discard.UNMATCHED_REPLY, p);
            return;
        }
        List<Option> opts = options(p.data());
        if (opts == null) {
            return;
        }
        if (!ours) {
            event(e, p, null);
            return;
        }
        String failure = null;
        switch (p.code()) {
            case 2 -> {
                // Section 5.2: the options must be exactly those of the request.
                if (!Arrays.equals(p.data(), requestData)) {
                    discard(Discard.UNMATCHED_REPLY, p);
                    return;
                }
                answered = true;
                negotiator.acked(opts);
            }
            case 3 -> {
                answered = true;
                failure = negotiator.naked(opts);
            }
            default -> {
                // Section 5.4: rejected options are ours, unchanged and in our order.
                if (!subsequence(opts, options(requestData))) {
                    discard(Discard.UNMATCHED_REPLY, p);
                    return;
                }
                answered = true;
                failure = negotiator.rejected(opts);
            }
        }
        if (failure != null) {
            reason = failure;
            event(Event.CLOSE, null, null);
        } else {
            event(e, p, null);
        }
    }

    private static boolean subsequence(List<Option> part, List<Option> whole) {
        int j = 0;
        for (Option o : part) {
            while (j < whole.size() && !whole.get(j).equals(o)) {
                j++;
            }
            if (j == whole.size()) {
                return false;
            }
            j++;
        }
        return true;
    }

    private List<Option> options(byte[] data) {
        try {
            return Options.decode(data);
        } catch (FrameException e) {
            discards.merge(Discard.MALFORMED_OPTIONS, 1L, Long::sum);
            LOG.fine(() -> name + ": discarded: " + e.getMessage());
            return null;
        }
    }

    private boolean noRow(Event e) {
        if (TABLE.row(state, e) == null) {
            discards.merge(Discard.NO_ROW, 1L, Long::sum);
            LOG.fine(() -> name + ": no row for " + e.rfcName() + " in " + state);
            return true;
        }
        return false;
    }

    private void discard(Discard why, ControlPacket p) {
        discards.merge(why, 1L, Long::sum);
        LOG.fine(() -> name + ": discarded " + p + ": " + why);
    }

    static String printable(byte[] data) {
        StringBuilder b = new StringBuilder();
        for (byte c : data) {
            if (b.length() >= 80) {
                break;
            }
            b.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- the table

    private void fire(Event e, ControlPacket p, Verdict v) {
        run(() -> event(e, p, v));
    }

    /** Runs {@code r} now, or after the event in progress when called from one of its actions. */
    private void run(Runnable r) {
        pending.add(r);
        if (busy) {
            return;
        }
        busy = true;
        try {
            Runnable next;
            while ((next = pending.poll()) != null) {
                next.run();
            }
        } finally {
            busy = false;
        }
    }

    /** The row for the current state and {@code e}: the new state is entered, then its actions run. */
    void event(Event e, ControlPacket p, Verdict v) {
        StateTable.Row<State, Event, Step> row = TABLE.row(state, e);
        if (row == null) {
            // A "-" cell: the RFC says the event cannot happen here.
            LOG.fine(() -> name + ": no row for " + e.rfcName() + " in " + state);
            return;
        }
        State was = state;
        state = row.to();
        if (was != state) {
            LOG.fine(() -> name + ": " + was + " + " + e.rfcName() + " -> " + row.action() + " -> " + state);
        }
        row.run().accept(new Step(this, was, p, v));
        if (!TIMED.contains(state)) {
            stopTimer();
        }
    }

    private void action(String a, boolean terminate, Step s) {
        switch (a) {
            case "tlu" -> {
                negotiator.up();
                layer.up();
            }
            case "tld" -> {
                negotiator.down();
                layer.down();
            }
            case "tls" -> layer.started();
            case "tlf" -> {
                String why = reason != null ? reason : name + ": finished";
                reason = null;
                layer.finished(why);
            }
            case "irc" -> irc(terminate, s.was);
            case "zrc" -> {
                counter = 0;
                startTimer();
            }
            case "scr" -> scr();
            case "sca" -> {
                failures = 0;
                send(2, s.packet.id(), s.packet.data());
            }
            case "scn" -> scn(s);
            case "str" -> {
                counter--;
                send(5, nextId(), reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8));
                startTimer();
            }
            case "sta" -> send(6, s.packet == null ? nextId() : s.packet.id(), new byte[0]);
            case "scj" -> {
                byte[] rejected = s.packet.encode();
                send(7, nextId(), Arrays.copyOf(rejected, Math.min(rejected.length, maxPacket - 4)));
            }
            case "ser" -> negotiator.ser(s.packet);
            default -> throw new IllegalStateException(a);
        }
    }

    /**
     * irc: Max-Terminate or Max-Configure (section 4.6). A Configure count starting a new negotiation (from
     * Starting, Closed or Stopped) also takes the negotiator back to its configured wishes and clears the
     * Max-Failure count; within a negotiation (an RCN in Req-Sent) the peer's Naks must be kept.
     */
    private void irc(boolean terminate, State was) {
        if (terminate) {
            counter = restart.maxTerminate();
            return;
        }
        counter = restart.maxConfigure();
        if (was == STARTING || was == CLOSED || was == STOPPED) {
            failures = 0;
            reason = null;
            answered = false;
            negotiator.reset();
        }
    }

    private void scr() {
        counter--;
        requestId = nextId();
        requestData = Options.encode(negotiator.request());
        answered = false;
        send(1, requestId, requestData);
        startTimer();
    }

    /**
     * scn: Configure-Nak or -Reject as judged; after Max-Failure Naks without an Ack, the Nak'd options the peer
     * sent are rejected instead (section 4.6), those it did not send (solicited ones, 5.3) are dropped.
     */
    private void scn(Step s) {
        Verdict v = s.verdict;
        if (v.kind() == Verdict.Kind.NAK && failures >= restart.maxFailure()) {
            List<Option> theirs;
            try {
                theirs = Options.decode(s.packet.data());
            } catch (FrameException e) {
                throw new IllegalStateException("judged options do not decode", e);
            }
            Set<Integer> naked = new java.util.HashSet<>();
            v.options().forEach(o -> naked.add(o.type()));
            List<Option> rejects = theirs.stream().filter(o -> naked.contains(o.type())).toList();
            if (rejects.isEmpty()) {
                // Nothing left to refuse: what remains is acceptable (only solicited options were Nak'd).
                LOG.fine(() -> name + ": Max-Failure reached, only solicited options were Nak'd: sending Ack");
                failures = 0;
                send(2, s.packet.id(), s.packet.data());
                return;
            }
            v = Verdict.reject(rejects);
        }
        if (v.kind() == Verdict.Kind.NAK) {
            failures++;
        }
        send(v.kind() == Verdict.Kind.NAK ? 3 : 4, s.packet.id(), Options.encode(v.options()));
    }

    private void send(int code, int id, byte[] data) {
        out.send(protocol, new ControlPacket(code, id, data));
    }

    private void startTimer() {
        stopTimer();
        timer = timers.schedule(restart.timeoutMs(), this::timeout);
    }

    private void stopTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    /** The Restart timer expired: TO+ while the counter is above zero, TO- when it is not (section 4.6). */
    private void timeout() {
        timer = null;
        run(() -> {
            if (!TIMED.contains(state)) {
                return;
            }
            if (counter > 0) {
                event(Event.TO_PLUS, null, null);
                return;
            }
            if (NEGOTIATING.contains(state)) {
                reason = name + ": no answer to " + restart.maxConfigure() + " Configure-Requests";
            } else if (reason == null) {
                reason = name + ": no answer to " + restart.maxTerminate() + " Terminate-Requests";
            }
            event(Event.TO_MINUS, null, null);
        });
    }

    // ---------------------------------------------------------------- for the row tests

    /** Puts the automaton in {@code s} with Restart counter {@code c} (tests reach every row this way). */
    void force(State s, int c) {
        state = s;
        counter = c;
    }

    int restartCounter() {
        return counter;
    }

    int failures() {
        return failures;
    }
}
