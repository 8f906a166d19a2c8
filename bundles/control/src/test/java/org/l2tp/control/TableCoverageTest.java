package org.l2tp.control;

import org.l2tp.api.fsm.StateTable;
import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.l2tp.api.TunnelState;

/**
 * Every cell of the section 7.2.1 table has a test ({@link Row} on {@link TunnelTableTest}); the call tables are
 * walked cell by cell by {@link SessionTablesTest}. A row added without its test fails here.
 */
class TableCoverageTest {
    @Test
    void everyCellOfTheControlConnectionTableHasATest() {
        Set<String> tested = new HashSet<>();
        for (Method m : TunnelTableTest.class.getDeclaredMethods()) {
            for (Row r : m.getAnnotationsByType(Row.class)) {
                assertEquals("7.2.1", r.table(), m.getName());
                String cell = r.state() + " + " + r.event();
                assertNotNull(TunnelFsm.TABLE.row(TunnelState.valueOf(r.state()), TunnelFsm.Event.valueOf(r.event())),
                        m.getName() + " names a cell the table does not have: " + cell);
                tested.add(cell);
            }
        }
        List<String> untested = new ArrayList<>();
        for (StateTable.Row<TunnelState, TunnelFsm.Event, TunnelFsm.Step> row : TunnelFsm.TABLE.rows()) {
            for (TunnelState s : row.from()) {
                if (!tested.contains(s + " + " + row.event())) {
                    untested.add(s + " + " + row.event());
                }
            }
        }
        assertEquals(List.of(), untested, "cells without a test");
    }

    @Test
    void everyRowNamesItsSectionAndDeviationsSayWhy() {
        for (StateTable<?, ?, ?> table : List.of(TunnelFsm.TABLE, SessionFsm.LAC_INCOMING, SessionFsm.LAC_OUTGOING,
                SessionFsm.LNS_INCOMING, SessionFsm.LNS_OUTGOING)) {
            for (StateTable.Row<?, ?, ?> row : table.rows()) {
                assertTrue(row.section().matches("\\d(\\.\\d+)+"), table.name() + ": " + row);
                assertTrue(row.deviation() == null || !row.deviation().isBlank(), table.name() + ": " + row);
            }
        }
    }
}
