package org.l2tp.codec.pcap;

/**
 * One UDP datagram read from a capture.
 *
 * @param number          the frame's 1-based position in the file, as Wireshark numbers it
 * @param timestampMicros capture time in microseconds since the epoch
 * @param source          source address (IPv6 in brackets)
 * @param sourcePort      UDP source port
 * @param destination     destination address (IPv6 in brackets)
 * @param destinationPort UDP destination port
 * @param payload         the UDP payload
 */
public record PcapFrame(int number, long timestampMicros, String source, int sourcePort, String destination,
                        int destinationPort, byte[] payload) {

    public String sourceEndpoint() {
        return source + ":" + sourcePort;
    }

    public String destinationEndpoint() {
        return destination + ":" + destinationPort;
    }
}
