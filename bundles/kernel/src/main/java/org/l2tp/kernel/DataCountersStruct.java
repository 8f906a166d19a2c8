package org.l2tp.kernel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.l2tp.api.dataplane.DataCounters;

/** struct pppol2tp_ioc_stats: request bytes in, counters out. */
final class DataCountersStruct {
    private DataCountersStruct() {
    }

    static byte[] request(int tunnelId, int sessionId) {
        ByteBuffer b = ByteBuffer.allocate(Pppol2tp.STATS_SIZE).order(ByteOrder.nativeOrder());
        b.putShort(0, (short) tunnelId);
        b.putShort(2, (short) sessionId);
        return b.array();
    }

    static DataCounters parse(byte[] s) {
        ByteBuffer b = ByteBuffer.wrap(s).order(ByteOrder.nativeOrder());
        int o = Pppol2tp.STATS_COUNTERS;
        return new DataCounters(b.getLong(o), b.getLong(o + 8), b.getLong(o + 16), b.getLong(o + 24),
                b.getLong(o + 32), b.getLong(o + 40), b.getLong(o + 48), b.getLong(o + 56));
    }
}
