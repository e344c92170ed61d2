package dev.netspec.wire;

import dev.netspec.buf.Mbuf;

/**
 * A view over an IPv4 header at index 0 of a buffer (RFC 791 section 3.1, "Internet Header
 * Format").
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |  DSCP/ECN     |          Total Length         |  0
 * |         Identification        |Flags|      Fragment Offset    |  4
 * |  Time to Live |    Protocol   |         Header Checksum       |  8
 * |                       Source Address                          | 12
 * |                    Destination Address                        | 16
 * |                    Options                    |    Padding    | 20
 * </pre>
 */
public final class Ipv4View {
  public static final int VERSION_IHL = 0;
  public static final int DSCP_ECN = 1;
  public static final int TOTAL_LENGTH = 2;
  public static final int IDENTIFICATION = 4;
  public static final int FLAGS_FRAGMENT = 6;
  public static final int TTL = 8;
  public static final int PROTOCOL = 9;
  public static final int CHECKSUM = 10;
  public static final int SOURCE = 12;
  public static final int DESTINATION = 16;
  public static final int OPTIONS = 20;
  public static final int MIN_HEADER_LEN = 20;
  public static final int MAX_HEADER_LEN = 60;

  /** Flags (RFC 791 3.1): bit 1 DF, bit 2 MF of the 16-bit word at offset 6. */
  public static final int FLAG_DF = 0x4000;
  public static final int FLAG_MF = 0x2000;
  public static final int FRAGMENT_OFFSET_MASK = 0x1FFF;

  /** Protocol numbers (IANA, RFC 790). */
  public static final int PROTO_ICMP = 1;
  public static final int PROTO_TCP = 6;
  public static final int PROTO_UDP = 17;

  private final Mbuf buf;

  private Ipv4View(Mbuf buf) {
    this.buf = buf;
  }

  public static Ipv4View wrapUnchecked(Mbuf buf) {
    return new Ipv4View(buf);
  }

  /**
   * A view whose getters and {@link #payloadOffset()}/{@link #totalLength()} stay inside the
   * buffer: at least 20 bytes, IHL >= 5, the whole header present, and total length between the
   * header length and the bytes received (RFC 1812 5.2.2 lists these as the checks a router
   * MUST make).
   */
  public static Parsed<Ipv4View> wrapChecked(Mbuf buf) {
    int have = buf.readableBytes();
    if (have < MIN_HEADER_LEN) {
      return Parsed.rejected(Rejection.IPV4_TOO_SHORT);
    }
    Ipv4View v = new Ipv4View(buf);
    if (v.version() != 4) {
      return Parsed.rejected(Rejection.IPV4_BAD_VERSION);
    }
    if (v.ihl() < 5) {
      return Parsed.rejected(Rejection.IPV4_BAD_IHL);
    }
    if (have < v.headerLen()) {
      return Parsed.rejected(Rejection.IPV4_HEADER_TRUNCATED);
    }
    if (v.totalLength() < v.headerLen()) {
      return Parsed.rejected(Rejection.IPV4_BAD_TOTAL_LENGTH);
    }
    if (v.totalLength() > have) {
      return Parsed.rejected(Rejection.IPV4_TRUNCATED);
    }
    return Parsed.ok(v);
  }

  public int version() {
    return buf.getU8(VERSION_IHL) >>> 4;
  }

  /** Header length in 32-bit words. */
  public int ihl() {
    return buf.getU8(VERSION_IHL) & 0xF;
  }

  public int headerLen() {
    return ihl() * 4;
  }

  public int dscpEcn() {
    return buf.getU8(DSCP_ECN);
  }

  public int totalLength() {
    return buf.getU16(TOTAL_LENGTH);
  }

  public int identification() {
    return buf.getU16(IDENTIFICATION);
  }

  public boolean dontFragment() {
    return (buf.getU16(FLAGS_FRAGMENT) & FLAG_DF) != 0;
  }

  public boolean moreFragments() {
    return (buf.getU16(FLAGS_FRAGMENT) & FLAG_MF) != 0;
  }

  /** The reserved flag bit 0 (RFC 791: must be zero). */
  public boolean reservedFlag() {
    return (buf.getU16(FLAGS_FRAGMENT) & 0x8000) != 0;
  }

  /** Fragment offset in 8-byte units. */
  public int fragmentOffset() {
    return buf.getU16(FLAGS_FRAGMENT) & FRAGMENT_OFFSET_MASK;
  }

  public int ttl() {
    return buf.getU8(TTL);
  }

  public int protocol() {
    return buf.getU8(PROTOCOL);
  }

  public int checksum() {
    return buf.getU16(CHECKSUM);
  }

  public Ipv4Addr source() {
    return Ipv4Addr.read(buf, SOURCE);
  }

  public Ipv4Addr destination() {
    return Ipv4Addr.read(buf, DESTINATION);
  }

  /** Index of the first payload byte. */
  public int payloadOffset() {
    return headerLen();
  }

  /** RFC 1071: the header, checksum field included, sums to all ones. */
  public boolean checksumVerifies() {
    return Checksum.verifies(buf, 0, headerLen());
  }

  /**
   * Decrements the TTL and patches the checksum incrementally (RFC 1624 eq. 3 on the 16-bit word
   * TTL|Protocol at offset 8; RFC 1812 5.3.1 says a router MUST decrement TTL by at least one).
   */
  public void decrementTtl() {
    decrementTtl(buf);
  }

  /** {@link #decrementTtl()} on the header at index 0 of {@code buf}, without a view object. */
  public static void decrementTtl(Mbuf buf) {
    int oldWord = buf.getU16(TTL);
    int newWord = oldWord - 0x100;
    buf.setU16(TTL, newWord);
    buf.setU16(CHECKSUM, Checksum.update(buf.getU16(CHECKSUM), oldWord, newWord));
  }

  /** Zeroes the checksum field and fills it with the checksum of the header. */
  public void fillChecksum() {
    buf.setU16(CHECKSUM, 0);
    buf.setU16(CHECKSUM, Checksum.compute(buf, 0, headerLen()));
  }

  void setVersionIhl(int ihl) {
    buf.setU8(VERSION_IHL, 0x40 | ihl);
  }

  public void setTotalLength(int len) {
    buf.setU16(TOTAL_LENGTH, len);
  }

  public void setTtl(int ttl) {
    buf.setU8(TTL, ttl);
  }

  public void setSource(Ipv4Addr a) {
    a.write(buf, SOURCE);
  }

  public void setDestination(Ipv4Addr a) {
    a.write(buf, DESTINATION);
  }

  Mbuf buffer() {
    return buf;
  }
}
