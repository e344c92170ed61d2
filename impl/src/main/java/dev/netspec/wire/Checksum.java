package dev.netspec.wire;

import dev.netspec.buf.Mbuf;

/**
 * The Internet checksum: the 16-bit one's complement of the one's complement sum of the 16-bit
 * words covered (RFC 1071), and its incremental update when one word changes (RFC 1624).
 *
 * <p>Sums are kept "unfinished" (folded to 16 bits, not yet complemented) so that the IPv4
 * pseudo-header of UDP (RFC 768) and the datagram can be summed separately and added.
 */
public final class Checksum {
  private Checksum() {}

  /** One's complement sum of packet bytes {@code [i, i+len)} (RFC 1071 4.1, without the ~). */
  public static int sum(Mbuf m, int i, int len) {
    return m.onesComplementSum(i, len, 0);
  }

  /** One's complement addition of two 16-bit sums (end-around carry, RFC 1071 section 1). */
  public static int add(int a, int b) {
    int s = (a & 0xFFFF) + (b & 0xFFFF);
    return (s & 0xFFFF) + (s >>> 16);
  }

  /** The checksum field value for a sum: its one's complement. */
  public static int finish(int sum) {
    return ~sum & 0xFFFF;
  }

  /** The checksum of packet bytes {@code [i, i+len)} with the checksum field zeroed beforehand. */
  public static int compute(Mbuf m, int i, int len) {
    return finish(sum(m, i, len));
  }

  /**
   * Whether bytes {@code [i, i+len)}, checksum field included, verify: their sum is all ones
   * (RFC 1071 section 1 (3): "the result will be all 1 bits").
   */
  public static boolean verifies(Mbuf m, int i, int len) {
    return sum(m, i, len) == 0xFFFF;
  }

  /**
   * The sum of the IPv4 pseudo-header that UDP and TCP checksums cover (RFC 768 "Fields",
   * RFC 9293 3.1): source, destination, zero byte + protocol, and the transport length.
   */
  public static int pseudoHeaderSum(Ipv4Addr src, Ipv4Addr dst, int protocol, int length) {
    return pseudoHeaderSum(src.bits(), dst.bits(), protocol, length);
  }

  /** {@link #pseudoHeaderSum(Ipv4Addr, Ipv4Addr, int, int)} from the addresses' bits. */
  public static int pseudoHeaderSum(int src, int dst, int protocol, int length) {
    int s = add(src >>> 16, src);
    s = add(s, dst >>> 16);
    s = add(s, dst);
    s = add(s, protocol & 0xFF);
    return add(s, length);
  }

  /**
   * The pseudo-header's 16-bit words added up without folding (under 2^19): a valid {@code
   * initial} for {@link Mbuf#onesComplementSum}, whose own final fold makes the result equal to
   * starting from {@link #pseudoHeaderSum} (2^16 = 1 mod 0xFFFF, RFC 1071 section 2 (B)). Saves
   * the five end-around carries on the receive path, where every UDP datagram is verified.
   */
  public static int pseudoHeaderWords(int src, int dst, int protocol, int length) {
    return (src >>> 16) + (src & 0xFFFF) + (dst >>> 16) + (dst & 0xFFFF) + (protocol & 0xFF)
        + (length & 0xFFFF);
  }

  /**
   * The new checksum after one 16-bit word of the covered data changes from {@code oldWord} to
   * {@code newWord}, without summing everything again. RFC 1624 section 3, equation 3:
   * {@code HC' = ~(~HC + ~m + m')}. Equation 3 (not RFC 1141's eq. 2) is used because it never
   * yields 0x0000 where a full recomputation would give 0xFFFF (RFC 1624 section 4).
   */
  public static int update(int oldChecksum, int oldWord, int newWord) {
    int s = add(~oldChecksum & 0xFFFF, ~oldWord & 0xFFFF);
    s = add(s, newWord & 0xFFFF);
    return ~s & 0xFFFF;
  }
}
