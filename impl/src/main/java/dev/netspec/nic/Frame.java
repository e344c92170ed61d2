package dev.netspec.nic;

import java.util.zip.CRC32;

/**
 * An Ethernet frame on the wire: destination address through payload (no preamble), and the frame
 * check sequence the sender computed over those bytes (IEEE 802.3 clause 3.2.9, CRC-32). A link
 * that corrupts a frame changes {@code bytes} but not {@code fcs}, so the receiver catches it.
 */
public record Frame(byte[] bytes, int fcs) {
    /** Shortest frame without FCS (IEEE 802.3: 64 bytes with FCS); senders pad to this. */
    public static final int MIN_LENGTH = 60;
    /** Longest untagged frame without FCS. */
    public static final int MAX_LENGTH = 1514;
    /** Preamble, start delimiter, FCS and inter-frame gap: bytes of wire time beyond {@code bytes}. */
    public static final int WIRE_OVERHEAD = 8 + 4 + 12;

    /** A frame carrying {@code bytes} with a correct FCS. */
    public static Frame of(byte[] bytes) {
        return new Frame(bytes, crc(bytes));
    }

    /** True if the FCS matches the bytes (the receiver's check). */
    public boolean fcsOk() {
        return crc(bytes) == fcs;
    }

    public int length() {
        return bytes.length;
    }

    static int crc(byte[] b) {
        CRC32 c = new CRC32();
        c.update(b);
        return (int) c.getValue();
    }
}
