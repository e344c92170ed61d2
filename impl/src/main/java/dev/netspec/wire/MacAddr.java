package dev.netspec.wire;

import dev.netspec.buf.Mbuf;

/** A 48-bit IEEE 802 MAC address, held in the low 48 bits of a long (network byte order). */
public record MacAddr(long bits) {

  /** ff:ff:ff:ff:ff:ff. */
  public static final MacAddr BROADCAST = new MacAddr(0xFFFF_FFFF_FFFFL);
  /** 00:00:00:00:00:00, the "unknown" target hardware address of an ARP request (RFC 826). */
  public static final MacAddr ZERO = new MacAddr(0);

  public MacAddr {
    if ((bits & ~0xFFFF_FFFF_FFFFL) != 0) {
      throw new IllegalArgumentException("MAC address wider than 48 bits: " + Long.toHexString(bits));
    }
  }

  /**
   * Parses {@code aa:bb:cc:dd:ee:ff} (case-insensitive).
   *
   * @throws IllegalArgumentException with the offending text if it is not such an address
   */
  public static MacAddr parse(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length != 6) {
      throw new IllegalArgumentException("not a MAC address (want aa:bb:cc:dd:ee:ff): " + text);
    }
    long v = 0;
    for (String p : parts) {
      if (p.length() != 2 || Character.digit(p.charAt(0), 16) < 0
          || Character.digit(p.charAt(1), 16) < 0) {
        throw new IllegalArgumentException("not a MAC address (bad octet '" + p + "'): " + text);
      }
      v = (v << 8) | Integer.parseInt(p, 16);
    }
    return new MacAddr(v);
  }

  /** Reads six bytes at packet index {@code i}. */
  public static MacAddr read(Mbuf m, int i) {
    return new MacAddr(((long) m.getU16(i) << 32) | m.getU32(i + 2));
  }

  /** Writes six bytes at packet index {@code i}. */
  public void write(Mbuf m, int i) {
    m.setU16(i, (int) (bits >>> 32));
    m.setI32(i + 2, (int) bits);
  }

  /** The group bit (I/G, least significant bit of the first octet): broadcast or multicast. */
  public boolean isMulticast() {
    return ((bits >>> 40) & 1) != 0;
  }

  public boolean isBroadcast() {
    return bits == BROADCAST.bits;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(17);
    for (int shift = 40; shift >= 0; shift -= 8) {
      int b = (int) (bits >>> shift) & 0xFF;
      sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xF, 16));
      if (shift > 0) {
        sb.append(':');
      }
    }
    return sb.toString();
  }
}
