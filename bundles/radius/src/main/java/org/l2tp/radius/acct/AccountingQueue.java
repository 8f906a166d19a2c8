package org.l2tp.radius.acct;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accounting records waiting for a server, oldest first, bounded. Not thread-safe: accounting's thread only.
 *
 * <p>A session's Interim-Update still waiting is replaced by its next Interim-Update or its Stop: their counters
 * are totals since the Start (RFC 2866 sections 5.3, 5.7), so the newer record says all the older one did. When the
 * queue is full the oldest waiting Interim-Update makes room; without one the new record is refused.
 */
final class AccountingQueue {
    private final TreeMap<Long, AccountingRecord> bySeq = new TreeMap<>();
    /** The waiting Interim-Update of each session. */
    private final Map<String, AccountingRecord> interims = new HashMap<>();
    private int capacity;

    AccountingQueue(int capacity) {
        this.capacity = capacity;
    }

    void capacity(int c) {
        capacity = c;
    }

    int size() {
        return bySeq.size();
    }

    boolean isEmpty() {
        return bySeq.isEmpty();
    }

    /**
     * Adds {@code r} in its place. Returns the record that had to go for lack of room (the oldest Interim-Update,
     * or {@code r} itself), or null; a replaced Interim-Update is not lost (see the class comment) and not returned.
     */
    AccountingRecord add(AccountingRecord r) {
        if (r.type() == AcctStatus.INTERIM_UPDATE || r.type() == AcctStatus.STOP) {
            AccountingRecord older = interims.remove(r.acctSessionId());
            if (older != null && older.seq() < r.seq()) {
                bySeq.remove(older.seq());
            } else if (older != null) {
                interims.put(older.acctSessionId(), older); // r is the older one (put back after a failed send)
                if (r.type() == AcctStatus.INTERIM_UPDATE) {
                    return null;
                }
            }
        }
        AccountingRecord evicted = null;
        if (bySeq.size() >= capacity) {
            evicted = oldestInterim();
            if (evicted == null) {
                return r;
            }
            remove(evicted);
        }
        bySeq.put(r.seq(), r);
        if (r.type() == AcctStatus.INTERIM_UPDATE) {
            interims.put(r.acctSessionId(), r);
        }
        return evicted;
    }

    /** Takes the oldest record, or null. */
    AccountingRecord poll() {
        Map.Entry<Long, AccountingRecord> e = bySeq.pollFirstEntry();
        if (e == null) {
            return null;
        }
        AccountingRecord r = e.getValue();
        interims.remove(r.acctSessionId(), r);
        return r;
    }

    /** Empties the queue, returning how many records it held. */
    int clear() {
        int n = bySeq.size();
        bySeq.clear();
        interims.clear();
        return n;
    }

    private AccountingRecord oldestInterim() {
        // Only when full; interim updates are usually most of the queue, so the walk is short.
        for (Iterator<AccountingRecord> it = bySeq.values().iterator(); it.hasNext(); ) {
            AccountingRecord r = it.next();
            if (r.type() == AcctStatus.INTERIM_UPDATE) {
                return r;
            }
        }
        return null;
    }

    private void remove(AccountingRecord r) {
        bySeq.remove(r.seq());
        interims.remove(r.acctSessionId(), r);
    }
}
