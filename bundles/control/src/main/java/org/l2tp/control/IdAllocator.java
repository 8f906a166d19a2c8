package org.l2tp.control;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * Random, non-zero, unique 16-bit ids (Tunnel IDs, or one tunnel's Session IDs). An id whose tunnel or session
 * has just ended lingers for a while so that late or retransmitted messages for the old one are never taken for
 * the new one.
 */
final class IdAllocator {
    private final SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
    private final Map<Integer, Long> lingering = new HashMap<>();

    /** A free id, or 0 when all 65535 are taken or lingering. */
    int allocate(IntPredicate inUse, long now) {
        for (int i = 0; i < 32; i++) {
            int id = 1 + random.nextInt(0xFFFF);
            if (free(id, inUse, now)) {
                return id;
            }
        }
        int start = 1 + random.nextInt(0xFFFF);
        for (int i = 0; i < 0xFFFF; i++) {
            int id = 1 + (start - 1 + i) % 0xFFFF;
            if (free(id, inUse, now)) {
                return id;
            }
        }
        return 0;
    }

    private boolean free(int id, IntPredicate inUse, long now) {
        if (inUse.test(id)) {
            return false;
        }
        Long until = lingering.get(id);
        if (until == null) {
            return true;
        }
        if (until <= now) {
            lingering.remove(id);
            return true;
        }
        return false;
    }

    /** Keeps {@code id} out of use until {@code until} (ms on the loop clock). */
    void linger(int id, long until) {
        lingering.put(id, until);
    }

    /** Forgets expired lingering ids. */
    void expire(long now) {
        Iterator<Long> it = lingering.values().iterator();
        while (it.hasNext()) {
            if (it.next() <= now) {
                it.remove();
            }
        }
    }

    int lingeringCount() {
        return lingering.size();
    }
}
