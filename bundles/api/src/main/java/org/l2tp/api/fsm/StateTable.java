package org.l2tp.api.fsm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A state table as RFC 2661 section 7 and RFC 1661 section 4.1 print one: rows of (state, event) to an action and a new state, each row
 * naming the section it implements. A row the RFC does not have, or one we answer differently, carries the reason
 * as its deviation, so that a reader checks the table against the RFC row by row and sees every difference. A
 * (state, event) pair without a row is a missing row, visible as such ({@link #row} returns null).
 *
 * <p>The new state is entered before the action runs, so an action that ends the tunnel or session (a failure on
 * the way to ESTABLISHED) leaves it in the state the clean-up put it in.
 *
 * @param <S> the states
 * @param <E> the events
 * @param <T> what an action works on (a step: the tunnel or session, and the message)
 */
public final class StateTable<S extends Enum<S>, E extends Enum<E>, T> {

    /** One row: in any of {@code from}, on {@code event}, run {@code action} and be in {@code to}. */
    public record Row<S extends Enum<S>, E extends Enum<E>, T>(String section, Set<S> from, E event, String action, S to,
                                                         Consumer<T> run, String deviation) {
        @Override
        public String toString() {
            return section + ": " + from + " + " + event + " -> " + action + " -> " + to
                    + (deviation != null ? " (deviation: " + deviation + ")" : "");
        }
    }

    private final String name;
    private final Map<S, Map<E, Row<S, E, T>>> cells;
    private final List<Row<S, E, T>> rows = new ArrayList<>();
    private final Class<E> events;

    public StateTable(String name, Class<S> states, Class<E> events) {
        this.name = name;
        this.cells = new EnumMap<>(states);
        this.events = events;
    }

    /** A row as the RFC has it. */
    public StateTable<S, E, T> row(String section, Set<S> from, E event, String action, S to, Consumer<T> run) {
        return add(new Row<>(section, from, event, action, to, run, null));
    }

    /** A row the RFC does not have, or answers otherwise: {@code deviation} says why. */
    public StateTable<S, E, T> deviation(String section, Set<S> from, E event, String action, S to, Consumer<T> run,
                                  String deviation) {
        return add(new Row<>(section, from, event, action, to, run, deviation));
    }

    private StateTable<S, E, T> add(Row<S, E, T> r) {
        for (S s : r.from()) {
            Row<S, E, T> old = cells.computeIfAbsent(s, k -> new EnumMap<>(events)).put(r.event(), r);
            if (old != null) {
                throw new IllegalStateException(name + ": two rows for " + s + " + " + r.event() + ": " + old
                        + " and " + r);
            }
        }
        rows.add(r);
        return this;
    }

    /** The row for {@code state} and {@code event}, or null when the table has none. */
    public Row<S, E, T> row(S state, E event) {
        Map<E, Row<S, E, T>> m = cells.get(state);
        return m == null ? null : m.get(event);
    }

    public List<Row<S, E, T>> rows() {
        return Collections.unmodifiableList(rows);
    }

    public String name() {
        return name;
    }

    @SafeVarargs
    public static <S extends Enum<S>> Set<S> in(S first, S... more) {
        return EnumSet.of(first, more);
    }
}
