package dev.netspec.nic;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Writes the classic libpcap file format (what Wireshark and tshark open): a 24-byte global header
 * (magic {@code 0xa1b2c3d4} written little-endian, version 2.4, snaplen, link type 1 = Ethernet
 * per the tcpdump.org LINKTYPE list) and per packet a 16-byte record header (seconds,
 * microseconds, captured length, original length) followed by the frame without its FCS.
 * Timestamps are virtual time. The caller owns and closes the stream.
 */
public final class PcapWriter {
    public static final int MAGIC = 0xa1b2c3d4;
    public static final int LINKTYPE_ETHERNET = 1;
    public static final int SNAPLEN = 65535;

    private final OutputStream out;
    private final ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    private long packets;

    /** Writes the global header at once. */
    public PcapWriter(OutputStream out) throws IOException {
        this.out = Objects.requireNonNull(out, "out");
        ByteBuffer g = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        g.putInt(MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(SNAPLEN).putInt(LINKTYPE_ETHERNET);
        out.write(g.array());
    }

    /** Appends one frame captured at virtual time {@code timeNs}. */
    public void write(long timeNs, byte[] frame) throws IOException {
        if (timeNs < 0) {
            throw new IllegalArgumentException("negative timestamp " + timeNs);
        }
        int caplen = Math.min(frame.length, SNAPLEN);
        header.clear();
        header.putInt((int) (timeNs / 1_000_000_000L))
                .putInt((int) (timeNs % 1_000_000_000L / 1_000))
                .putInt(caplen)
                .putInt(frame.length);
        out.write(header.array());
        out.write(frame, 0, caplen);
        packets++;
    }

    public long packets() {
        return packets;
    }
}
