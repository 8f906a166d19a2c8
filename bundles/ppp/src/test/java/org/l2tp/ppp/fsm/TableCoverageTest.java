package org.l2tp.ppp.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.l2tp.api.fsm.StateTable;

/**
 * The table of {@link ControlProtocol} against the literal transcription of RFC 1661 4.1: every cell present
 * where the RFC has one, with its actions and new state, absent exactly where the RFC prints "-".
 */
class TableCoverageTest {
    @Test
    void cellsPresentAndAbsentAreTheRfcs() {
        Map<State, Map<Event, Rfc1661Table.Cell>> rfc = Rfc1661Table.parse();
        List<String> present = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (State s : State.values()) {
            for (Event e : Event.values()) {
                Rfc1661Table.Cell cell = rfc.get(s).get(e);
                StateTable.Row<State, Event, ControlProtocol.Step> row = ControlProtocol.TABLE.row(s, e);
                String name = s + " + " + e.rfcName();
                if (cell == null) {
                    assertNull(row, name + " is a '-' cell of the RFC but has a row: " + row);
                    absent.add(name);
                    continue;
                }
                assertNotNull(row, name + " is missing: the RFC has " + cell);
                assertEquals(cell.to(), row.to(), name);
                assertEquals(cell.actions(), row.action().replaceAll("\\[.*]", "").trim(), name);
                assertNull(row.deviation(), name + " deviates: " + row.deviation());
                // The RFC's optional-behaviour markers are noted on the row.
                if (!cell.marker().isEmpty()) {
                    assertTrue(row.action().contains("[" + cell.marker() + ":"), name + ": " + row.action());
                }
                present.add(name);
            }
        }
        assertEquals(160, present.size() + absent.size());
        // The RFC's dashes: Up in 2-9 (8), Down in 0-1 (2), TO+/TO- in 0-3 and 9 (10), and the 10 receive events
        // in Initial and Starting (20).
        assertEquals(40, absent.size(), absent.toString());
        assertEquals(120, present.size());
    }

    @Test
    void everyRowNamesItsSection() {
        for (StateTable.Row<State, Event, ControlProtocol.Step> row : ControlProtocol.TABLE.rows()) {
            assertEquals("4.1", row.section(), row.toString());
        }
    }
}
