package dev.netspec.wire;

import dev.netspec.buf.Mbuf;

/**
 * A view over an ICMP message at index 0 of a buffer that holds exactly the message (the IPv4
 * payload), RFC 792.
 *
 * <pre>
 *  0       1       2               4               6               8
 *  +-------+-------+---------------+---------------+---------------+------
 *  | Type  | Code  |   Checksum    |  Identifier   |Sequence Number| data...   (echo, RFC 792 p.14)
 *  +-------+-------+---------------+---------------+---------------+------
 *  | Type  | Code  |   Checksum    |    unused     | Next-Hop MTU  | IP header + 64 bits
 *  +-------+-------+---------------+---------------+---------------+------   (unreachable, p.4;
 *                                                                            MTU from RFC 1191)
 * </pre>
 *
 * The checksum covers the whole message, starting with the type (RFC 792).
 */
public final class IcmpView {
  public static final int TYPE = 0;
  public static final int CODE = 1;
  public static final int CHECKSUM = 2;
  public static final int IDENTIFIER = 4;
  public static final int SEQUENCE = 6;
  public static final int NEXT_HOP_MTU = 6;
  public static final int HEADER_LEN = 8;

  public static final int TYPE_ECHO_REPLY = 0;
  public static final int TYPE_DEST_UNREACHABLE = 3;
  public static final int TYPE_ECHO_REQUEST = 8;
  public static final int TYPE_TIME_EXCEEDED = 11;

  private final Mbuf buf;

  private IcmpView(Mbuf buf) {
    this.buf = buf;
  }

  public static IcmpView wrapUnchecked(Mbuf buf) {
    return new IcmpView(buf);
  }

  /** A view whose getters stay inside the buffer (at least the 8-byte header). */
  public static Parsed<IcmpView> wrapChecked(Mbuf buf) {
    return buf.readableBytes() < HEADER_LEN
        ? Parsed.rejected(Rejection.ICMP_TOO_SHORT)
        : Parsed.ok(new IcmpView(buf));
  }

  public int type() {
    return buf.getU8(TYPE);
  }

  public int code() {
    return buf.getU8(CODE);
  }

  public int checksum() {
    return buf.getU16(CHECKSUM);
  }

  public int identifier() {
    return buf.getU16(IDENTIFIER);
  }

  public int sequence() {
    return buf.getU16(SEQUENCE);
  }

  public int nextHopMtu() {
    return buf.getU16(NEXT_HOP_MTU);
  }

  /** The checksum over the whole buffer verifies (RFC 1071). */
  public boolean checksumVerifies() {
    return Checksum.verifies(buf, 0, buf.readableBytes());
  }

  /** Fills the checksum over the whole buffer. */
  public void fillChecksum() {
    buf.setU16(CHECKSUM, 0);
    buf.setU16(CHECKSUM, Checksum.compute(buf, 0, buf.readableBytes()));
  }

  void setTypeCode(int type, int code) {
    buf.setU8(TYPE, type);
    buf.setU8(CODE, code);
  }

  void setRest(int high, int low) {
    buf.setU16(IDENTIFIER, high);
    buf.setU16(SEQUENCE, low);
  }
}
