package dev.netspec.wire;

import java.util.Arrays;

/**
 * The raw option bytes of an IPv4 header (RFC 791 3.1 "Options"), including any padding, as an
 * immutable value with content equality. The stack validates their framing but acts on none of
 * them (RFC 1122 3.2.1.8 lets a host ignore options it does not implement).
 */
public final class Ipv4Options {
  /** No options. */
  public static final Ipv4Options NONE = new Ipv4Options(new byte[0]);

  private final byte[] bytes;

  private Ipv4Options(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Options from their bytes; the length must be a multiple of 4 and at most 40 (IHL is at most
   * 15 words).
   */
  public static Ipv4Options of(byte... bytes) {
    if (bytes.length % 4 != 0 || bytes.length > 40) {
      throw new IllegalArgumentException(
          "IPv4 options must be padded to a multiple of 4 bytes, at most 40: " + bytes.length);
    }
    return bytes.length == 0 ? NONE : new Ipv4Options(bytes.clone());
  }

  /**
   * Whether the bytes frame as options: END (0) stops, NOP (1) is one byte, every other option is
   * type, length >= 2, data, and stays inside the option area (RFC 791 3.1 "Options", the two
   * cases of option format).
   */
  static boolean wellFormed(byte[] bytes) {
    int i = 0;
    while (i < bytes.length) {
      int type = bytes[i] & 0xFF;
      if (type == 0) {
        return true;
      }
      if (type == 1) {
        i++;
        continue;
      }
      if (i + 1 >= bytes.length) {
        return false;
      }
      int len = bytes[i + 1] & 0xFF;
      if (len < 2 || i + len > bytes.length) {
        return false;
      }
      i += len;
    }
    return true;
  }

  public int length() {
    return bytes.length;
  }

  public byte[] toByteArray() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Ipv4Options other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return bytes.length == 0 ? "[]" : java.util.HexFormat.of().formatHex(bytes);
  }
}
