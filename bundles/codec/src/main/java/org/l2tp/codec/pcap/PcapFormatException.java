package org.l2tp.codec.pcap;

import java.io.IOException;

/**
 * A capture file that {@link PcapReader} cannot read: not pcap or pcapng, an unsupported version or link type, or a
 * record or block that is cut short or malformed. The message says where (record number or block offset) and what.
 */
public class PcapFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public PcapFormatException(String message) {
        super(message);
    }
}
