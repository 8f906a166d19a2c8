package org.l2tp.codec.pcap;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;

/**
 * Writes UDP datagrams as a classic libpcap file (Ethernet, IPv4) that tshark and Wireshark read: for captures made
 * by our own tools and for tests that have tshark check our encoding.
 */
public final class PcapWriter implements AutoCloseable {
    private final DataOutputStream out;
    private int ipId;

    public PcapWriter(OutputStream out) throws IOException {
        this.out = new DataOutputStream(out);
        this.out.writeInt(0xa1b2c3d4);
        this.out.writeShort(2);
        this.out.writeShort(4);
        this.out.writeInt(0);
        this.out.writeInt(0);
        this.out.writeInt(65535);
        this.out.writeInt(PcapReader.LINKTYPE_ETHERNET);
    }

    /** Appends one datagram from {@code src:sport} to {@code dst:dport}. */
    public void write(long timestampMicros, Inet4Address src, int sport, Inet4Address dst, int dport, byte[] payload)
            throws IOException {
        int udpLen = 8 + payload.length;
        int ipLen = 20 + udpLen;
        int frameLen = 14 + ipLen;
        out.writeInt((int) (timestampMicros / 1_000_000));
        out.writeInt((int) (timestampMicros % 1_000_000));
        out.writeInt(frameLen);
        out.writeInt(frameLen);
        // Ethernet: locally administered addresses, type IPv4.
        out.write(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1});
        out.writeShort(0x0800);
        byte[] ip = new byte[20];
        ip[0] = 0x45;
        ip[2] = (byte) (ipLen >>> 8);
        ip[3] = (byte) ipLen;
        ip[4] = (byte) (ipId >>> 8);
        ip[5] = (byte) ipId++;
        ip[6] = 0x40; // don't fragment
        ip[8] = 64;
        ip[9] = 17;
        System.arraycopy(src.getAddress(), 0, ip, 12, 4);
        System.arraycopy(dst.getAddress(), 0, ip, 16, 4);
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += (ip[i] & 0xFF) << 8 | (ip[i + 1] & 0xFF);
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = ~((sum & 0xFFFF) + (sum >>> 16)) & 0xFFFF;
        ip[10] = (byte) (sum >>> 8);
        ip[11] = (byte) sum;
        out.write(ip);
        out.writeShort(sport);
        out.writeShort(dport);
        out.writeShort(udpLen);
        out.writeShort(0); // no UDP checksum: allowed over IPv4
        out.write(payload);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
