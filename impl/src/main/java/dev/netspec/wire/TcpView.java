package dev.netspec.wire;

import dev.netspec.buf.Mbuf;

/**
 * A view over a TCP segment at index 0 of a buffer holding the IPv4 payload (RFC 9293 3.1).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * |                        Sequence Number                        |
 * |                    Acknowledgment Number                      |
 * |  Data |       |C|E|U|A|P|R|S|F|                               |
 * | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 * |           Checksum            |         Urgent Pointer        |
 * |                     Options (0 to 40 bytes)                   |
 * |                             data                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>The segment length (for the checksum) is the buffer's readable length: the caller truncates
 * the buffer to the IPv4 total length first, as {@code NetStack} does.
 */
public final class TcpView {
  public static final int SOURCE_PORT = 0;
  public static final int DESTINATION_PORT = 2;
  public static final int SEQUENCE = 4;
  public static final int ACKNOWLEDGMENT = 8;
  public static final int DATA_OFFSET = 12;
  public static final int FLAGS = 13;
  public static final int WINDOW = 14;
  public static final int CHECKSUM = 16;
  public static final int URGENT_POINTER = 18;
  public static final int OPTIONS = 20;
  public static final int MIN_HEADER_LEN = 20;
  public static final int MAX_HEADER_LEN = 60;

  // Control bits (RFC 9293 3.1; CWR and ECE from RFC 3168 6.1).
  public static final int FIN = 0x01;
  public static final int SYN = 0x02;
  public static final int RST = 0x04;
  public static final int PSH = 0x08;
  public static final int ACK = 0x10;
  public static final int URG = 0x20;
  public static final int ECE = 0x40;
  public static final int CWR = 0x80;

  private final Mbuf buf;

  private TcpView(Mbuf buf) {
    this.buf = buf;
  }

  public static TcpView wrapUnchecked(Mbuf buf) {
    return new TcpView(buf);
  }

  /**
   * A view whose getters and {@link #headerLen()} stay inside the buffer: at least 20 bytes, a
   * data offset of at least 5 words (RFC 9293 3.1: "the TCP header (even one including options)
   * is an integer multiple of 32 bits") and a header that fits in the bytes present.
   */
  public static Parsed<TcpView> wrapChecked(Mbuf buf) {
    if (buf.readableBytes() < MIN_HEADER_LEN) {
      return Parsed.rejected(Rejection.TCP_TOO_SHORT);
    }
    int words = buf.getU8(DATA_OFFSET) >>> 4;
    if (words < 5) {
      return Parsed.rejected(Rejection.TCP_BAD_DATA_OFFSET);
    }
    if (words * 4 > buf.readableBytes()) {
      return Parsed.rejected(Rejection.TCP_HEADER_TRUNCATED);
    }
    return Parsed.ok(new TcpView(buf));
  }

  public int sourcePort() {
    return buf.getU16(SOURCE_PORT);
  }

  public int destinationPort() {
    return buf.getU16(DESTINATION_PORT);
  }

  /** The sequence number as the 32 bits on the wire (a possibly negative int). */
  public int sequence() {
    return buf.getI32(SEQUENCE);
  }

  public int acknowledgment() {
    return buf.getI32(ACKNOWLEDGMENT);
  }

  /** Header length in bytes: the data offset field times four. */
  public int headerLen() {
    return (buf.getU8(DATA_OFFSET) >>> 4) * 4;
  }

  public int flags() {
    return buf.getU8(FLAGS);
  }

  public int window() {
    return buf.getU16(WINDOW);
  }

  public int checksum() {
    return buf.getU16(CHECKSUM);
  }

  public int urgentPointer() {
    return buf.getU16(URGENT_POINTER);
  }

  /** Bytes after the header. */
  public int payloadLength() {
    return buf.readableBytes() - headerLen();
  }

  /**
   * Whether the checksum verifies over the pseudo-header and the whole segment. Unlike UDP, zero
   * has no special meaning: the TCP checksum is mandatory (RFC 9293 3.1, MUST-2/MUST-3).
   */
  public boolean checksumVerifies(Ipv4Addr src, Ipv4Addr dst) {
    int len = buf.readableBytes();
    int s = Checksum.pseudoHeaderSum(src, dst, Ipv4View.PROTO_TCP, len);
    return Checksum.add(s, Checksum.sum(buf, 0, len)) == 0xFFFF;
  }

  /** Fills the checksum over the pseudo-header and the whole segment (RFC 9293 3.1). */
  public void fillChecksum(Ipv4Addr src, Ipv4Addr dst) {
    buf.setU16(CHECKSUM, 0);
    int len = buf.readableBytes();
    int s = Checksum.pseudoHeaderSum(src, dst, Ipv4View.PROTO_TCP, len);
    buf.setU16(CHECKSUM, Checksum.finish(Checksum.add(s, Checksum.sum(buf, 0, len))));
  }

  /**
   * Fills the checksum when the one's-complement sum of the payload (the bytes after the
   * header) is already known, {@code payloadSum} (RFC 1071 4.1, folded to 16 bits, as
   * {@link Mbuf#appendBytesSummed} returns it while copying the payload in): only the header is
   * read here. The payload starts at an even offset (the header is a multiple of 4 bytes), so
   * its sum adds as it is (RFC 1071 2 (B)).
   */
  public void fillChecksum(Ipv4Addr src, Ipv4Addr dst, int payloadSum) {
    buf.setU16(CHECKSUM, 0);
    int len = buf.readableBytes();
    int hl = headerLen();
    int s = Checksum.pseudoHeaderSum(src, dst, Ipv4View.PROTO_TCP, len);
    s = Checksum.add(s, payloadSum);
    buf.setU16(CHECKSUM, Checksum.finish(Checksum.add(s, Checksum.sum(buf, 0, hl))));
  }

  Mbuf buffer() {
    return buf;
  }
}
