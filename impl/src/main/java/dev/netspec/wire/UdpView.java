package dev.netspec.wire;

import dev.netspec.buf.Mbuf;

/**
 * A view over a UDP datagram at index 0 of a buffer holding the IPv4 payload (RFC 768).
 *
 * <pre>
 *  0      7 8     15 16    23 24    31
 * +--------+--------+--------+--------+
 * |     Source      |   Destination   |
 * |      Port       |      Port       |
 * +--------+--------+--------+--------+
 * |     Length      |    Checksum     |
 * +--------+--------+--------+--------+
 * |          data octets ...
 * </pre>
 */
public final class UdpView {
  public static final int SOURCE_PORT = 0;
  public static final int DESTINATION_PORT = 2;
  public static final int LENGTH = 4;
  public static final int CHECKSUM = 6;
  public static final int HEADER_LEN = 8;

  private final Mbuf buf;

  private UdpView(Mbuf buf) {
    this.buf = buf;
  }

  public static UdpView wrapUnchecked(Mbuf buf) {
    return new UdpView(buf);
  }

  /**
   * A view whose getters and {@link #length()} stay inside the buffer: at least 8 bytes and a
   * length field between 8 and the bytes present (RFC 768: length "is the length in octets of
   * this user datagram including this header and the data ... the minimum value is eight").
   */
  public static Parsed<UdpView> wrapChecked(Mbuf buf) {
    if (buf.readableBytes() < HEADER_LEN) {
      return Parsed.rejected(Rejection.UDP_TOO_SHORT);
    }
    int len = buf.getU16(LENGTH);
    if (len < HEADER_LEN || len > buf.readableBytes()) {
      return Parsed.rejected(Rejection.UDP_BAD_LENGTH);
    }
    return Parsed.ok(new UdpView(buf));
  }

  public int sourcePort() {
    return buf.getU16(SOURCE_PORT);
  }

  public int destinationPort() {
    return buf.getU16(DESTINATION_PORT);
  }

  public int length() {
    return buf.getU16(LENGTH);
  }

  public int checksum() {
    return buf.getU16(CHECKSUM);
  }

  /**
   * Whether the checksum verifies over the pseudo-header and the first {@link #length()} bytes;
   * true when the field is zero, which means the sender computed none (RFC 768).
   */
  public boolean checksumVerifies(Ipv4Addr src, Ipv4Addr dst) {
    if (checksum() == 0) {
      return true;
    }
    int s = Checksum.pseudoHeaderSum(src, dst, Ipv4View.PROTO_UDP, length());
    return Checksum.add(s, Checksum.sum(buf, 0, length())) == 0xFFFF;
  }

  /**
   * Fills the checksum over the pseudo-header and the first {@link #length()} bytes; a computed
   * zero is sent as all ones, because zero on the wire means "no checksum" (RFC 768).
   */
  public void fillChecksum(Ipv4Addr src, Ipv4Addr dst) {
    buf.setU16(CHECKSUM, 0);
    int s = Checksum.pseudoHeaderSum(src, dst, Ipv4View.PROTO_UDP, length());
    int c = Checksum.finish(Checksum.add(s, Checksum.sum(buf, 0, length())));
    buf.setU16(CHECKSUM, c == 0 ? 0xFFFF : c);
  }

  void setPorts(int src, int dst) {
    buf.setU16(SOURCE_PORT, src);
    buf.setU16(DESTINATION_PORT, dst);
  }

  void setLength(int len) {
    buf.setU16(LENGTH, len);
  }
}
