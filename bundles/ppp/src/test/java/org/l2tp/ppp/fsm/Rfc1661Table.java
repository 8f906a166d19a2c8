package org.l2tp.ppp.fsm;

import java.util.EnumMap;
import java.util.Map;

/** A literal transcription of the RFC 1661 section 4.1 State Transition Table, and its parse. */
final class Rfc1661Table {
    static final String TABLE_0_5 = """
                  | State
                  |    0         1         2         3         4         5
            Events| Initial   Starting  Closed    Stopped   Closing   Stopping
            ------+-----------------------------------------------------------
             Up   |    2     irc,scr/6     -         -         -         -
             Down |    -         -         0       tls/1       0         1
             Open |  tls/1       1     irc,scr/6     3r        5r        5r
             Close|    0       tlf/0       2         2         4         4
                  |
              TO+ |    -         -         -         -       str/4     str/5
              TO- |    -         -         -         -       tlf/2     tlf/3
                  |
             RCR+ |    -         -       sta/2 irc,scr,sca/8   4         5
             RCR- |    -         -       sta/2 irc,scr,scn/6   4         5
             RCA  |    -         -       sta/2     sta/3       4         5
             RCN  |    -         -       sta/2     sta/3       4         5
                  |
             RTR  |    -         -       sta/2     sta/3     sta/4     sta/5
             RTA  |    -         -         2         3       tlf/2     tlf/3
                  |
             RUC  |    -         -       scj/2     scj/3     scj/4     scj/5
             RXJ+ |    -         -         2         3         4         5
             RXJ- |    -         -       tlf/2     tlf/3     tlf/2     tlf/3
                  |
             RXR  |    -         -         2         3         4         5
            """;

    static final String TABLE_6_9 = """
                  | State
                  |    6         7         8           9
            Events| Req-Sent  Ack-Rcvd  Ack-Sent    Opened
            ------+-----------------------------------------
             Up   |    -         -         -           -
             Down |    1         1         1         tld/1
             Open |    6         7         8           9r
             Close|irc,str/4 irc,str/4 irc,str/4 tld,irc,str/4
                  |
              TO+ |  scr/6     scr/6     scr/8         -
              TO- |  tlf/3p    tlf/3p    tlf/3p        -
                  |
             RCR+ |  sca/8   sca,tlu/9   sca/8   tld,scr,sca/8
             RCR- |  scn/6     scn/7     scn/6   tld,scr,scn/6
             RCA  |  irc/7     scr/6x  irc,tlu/9   tld,scr/6x
             RCN  |irc,scr/6   scr/6x  irc,scr/8   tld,scr/6x
                  |
             RTR  |  sta/6     sta/6     sta/6   tld,zrc,sta/5
             RTA  |    6         6         8       tld,scr/6
                  |
             RUC  |  scj/6     scj/7     scj/8       scj/9
             RXJ+ |    6         6         8           9
             RXJ- |  tlf/3     tlf/3     tlf/3   tld,irc,str/5
                  |
             RXR  |    6         7         8         ser/9
            """;

    /** One cell: the actions (possibly empty) and the new state; null for "-". */
    record Cell(String actions, State to, String marker) {
    }

    /** state -> event -> cell (absent: a "-" cell). */
    static Map<State, Map<Event, Cell>> parse() {
        Map<State, Map<Event, Cell>> out = new EnumMap<>(State.class);
        for (State s : State.values()) {
            out.put(s, new EnumMap<>(Event.class));
        }
        parse(TABLE_0_5, 0, out);
        parse(TABLE_6_9, 6, out);
        return out;
    }

    private static void parse(String text, int firstState, Map<State, Map<Event, Cell>> out) {
        for (String line : text.split("\n")) {
            int bar = line.indexOf('|');
            if (bar < 0) {
                continue;
            }
            String name = line.substring(0, bar).trim();
            Event e = null;
            for (Event x : Event.values()) {
                if (x.rfcName().equals(name)) {
                    e = x;
                }
            }
            if (e == null) {
                continue;
            }
            String[] cells = line.substring(bar + 1).trim().split("\\s+");
            for (int i = 0; i < cells.length; i++) {
                if (cells[i].equals("-")) {
                    continue;
                }
                String c = cells[i];
                String actions = c.contains("/") ? c.substring(0, c.indexOf('/')) : "";
                String st = c.contains("/") ? c.substring(c.indexOf('/') + 1) : c;
                String marker = st.replaceAll("\\d", "");
                State to = State.values()[Integer.parseInt(st.replaceAll("\\D", ""))];
                out.get(State.values()[firstState + i]).put(e, new Cell(actions, to, marker));
            }
        }
    }

    private Rfc1661Table() {
    }
}
