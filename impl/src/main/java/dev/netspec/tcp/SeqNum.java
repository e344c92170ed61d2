package dev.netspec.tcp;

/**
 * A 32-bit TCP sequence number with the modular arithmetic of RFC 9293 3.4: "all arithmetic
 * dealing with sequence numbers must be performed modulo 2**32", and comparisons are made on the
 * signed 32-bit difference, so that {@code a < b} means b is less than 2**31 bytes ahead of a
 * (serial number arithmetic, RFC 1982). Never compare raw ints: 0xFFFFFFFF is before 0.
 */
public record SeqNum(int value) {

  public static SeqNum of(long v) {
    return new SeqNum((int) v);
  }

  /** This number advanced by {@code n} (may be negative), modulo 2**32. */
  public SeqNum plus(int n) {
    return new SeqNum(value + n);
  }

  /** The signed distance {@code this - o}: positive when this is after o. */
  public int minus(SeqNum o) {
    return value - o.value;
  }

  public boolean lt(SeqNum o) {
    return value - o.value < 0;
  }

  public boolean le(SeqNum o) {
    return value - o.value <= 0;
  }

  public boolean gt(SeqNum o) {
    return value - o.value > 0;
  }

  public boolean ge(SeqNum o) {
    return value - o.value >= 0;
  }

  /** {@code lo <= this < lo + len} (modular), the form of RFC 9293 3.10.7.4's window tests. */
  public boolean inWindow(SeqNum lo, int len) {
    int d = value - lo.value;
    return d >= 0 && Integer.compareUnsigned(d, len) < 0 && len > 0;
  }

  public static SeqNum max(SeqNum a, SeqNum b) {
    return a.ge(b) ? a : b;
  }

  @Override
  public String toString() {
    return Integer.toUnsignedString(value);
  }
}
