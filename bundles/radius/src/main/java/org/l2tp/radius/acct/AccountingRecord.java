package org.l2tp.radius.acct;

import java.util.ArrayList;
import java.util.List;

import org.aaa4j.radius.core.attribute.Attribute;
import org.aaa4j.radius.core.attribute.IntegerData;
import org.aaa4j.radius.core.attribute.attributes.AcctDelayTime;
import org.aaa4j.radius.core.packet.Packet;
import org.aaa4j.radius.core.packet.packets.AccountingRequest;

/**
 * One accounting event, built once when it happened and sent until a server acknowledges it or it is dropped.
 *
 * @param seq           orders records: a record put back in the queue keeps its place
 * @param type          the Acct-Status-Type
 * @param acctSessionId the session's Acct-Session-Id (Accounting-On/Off have their own)
 * @param happenedMs    when it happened, in {@link Scheduler#millis()}, for Acct-Delay-Time
 * @param attributes    every attribute but Acct-Delay-Time
 */
record AccountingRecord(long seq, AcctStatus type, String acctSessionId, long happenedMs,
                        List<Attribute<?>> attributes) {
    AccountingRecord {
        attributes = List.copyOf(attributes);
    }

    /**
     * The Accounting-Request to send now. A record sent again after it waited carries Acct-Delay-Time, the seconds
     * since the event (RFC 2866 section 5.2), so the server can tell when it happened; a new send is a new
     * request with a new identifier (RFC 5080 section 2.2.1), the transport's own retransmissions are not.
     */
    Packet request(long nowMs, boolean delayed) {
        if (!delayed) {
            return new AccountingRequest(attributes);
        }
        List<Attribute<?>> a = new ArrayList<>(attributes.size() + 1);
        a.addAll(attributes);
        a.add(new AcctDelayTime(new IntegerData((int) Math.max(0, (nowMs - happenedMs) / 1000L))));
        return new AccountingRequest(a);
    }

    /** Never the attributes: they name the user. */
    @Override
    public String toString() {
        return type + " " + acctSessionId;
    }
}
