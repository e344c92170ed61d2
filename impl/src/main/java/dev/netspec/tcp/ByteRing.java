package dev.netspec.tcp;

/**
 * A bounded FIFO of bytes in one array (the send and receive buffers of a connection; the bound
 * is SO_SNDBUF / SO_RCVBUF, RFC 9293 leaves buffer sizes to the implementation). Bytes can be
 * read at an offset without removing them, which the sender needs to retransmit.
 *
 * <p>The array is allocated on the first write, not with the ring, and grows (doubling, up to
 * the capacity) only as the data needs it: a connection that has never carried data holds no
 * buffer memory, and one that carries a small request and response holds small arrays, as a
 * Linux socket holds skbs only for the data it has. Issue 6 measures memory per established
 * connection with empty buffers against Linux's {@code struct tcp_sock}, and connections per
 * second, where zeroing four 64 KiB arrays per connection would cost more than the protocol.
 */
final class ByteRing {
  private static final byte[] NONE = new byte[0];
  /** The first array's size, for a ring of at least this capacity. */
  static final int FIRST_ARRAY = 2048;

  private final int capacity;
  private byte[] buf = NONE;
  private int head;
  private int size;

  ByteRing(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("negative capacity " + capacity);
    }
    this.capacity = capacity;
  }

  int capacity() {
    return capacity;
  }

  int size() {
    return size;
  }

  int free() {
    return capacity - size;
  }

  /** Appends up to {@code len} bytes; returns how many fitted. */
  int write(byte[] src, int off, int len) {
    int n = Math.min(len, free());
    if (n <= 0) {
      return 0;
    }
    if (size + n > buf.length) {
      grow(size + n);
    }
    int tail = (head + size) % buf.length;
    int first = Math.min(n, buf.length - tail); // up to the end of the array, then from its start
    System.arraycopy(src, off, buf, tail, first);
    System.arraycopy(src, off + first, buf, 0, n - first);
    size += n;
    return n;
  }

  /**
   * Appends up to {@code len} bytes of packet {@code src} from its index {@code i}, copied
   * straight into the ring (no array in between); returns how many fitted.
   */
  int write(dev.netspec.buf.Mbuf src, int i, int len) {
    int n = Math.min(len, free());
    if (n <= 0) {
      return 0;
    }
    if (size + n > buf.length) {
      grow(size + n);
    }
    int tail = (head + size) % buf.length;
    int first = Math.min(n, buf.length - tail);
    src.getBytes(i, buf, tail, first);
    if (n > first) {
      src.getBytes(i + first, buf, 0, n - first);
    }
    size += n;
    return n;
  }

  /**
   * Appends bytes {@code [at, at+len)} from the front to packet {@code m}, copied straight in,
   * and returns their one's-complement sum as {@link dev.netspec.buf.Mbuf#appendBytesSummed}
   * does (the TCP checksum's share of the payload, computed during the copy).
   */
  int appendTo(dev.netspec.buf.Mbuf m, int at, int len) {
    if (at < 0 || len < 0 || at + len > size) {
      throw new IndexOutOfBoundsException("appendTo " + at + "+" + len + " of " + size);
    }
    if (len == 0) {
      return 0;
    }
    int from = (head + at) % buf.length;
    int first = Math.min(len, buf.length - from);
    int sum = m.appendBytesSummed(buf, from, first);
    if (len > first) {
      int rest = m.appendBytesSummed(buf, 0, len - first);
      if ((first & 1) != 0) {
        rest = ((rest & 0xFF) << 8) | (rest >>> 8); // starts at an odd offset: bytes swap roles
      }
      sum = dev.netspec.wire.Checksum.add(sum, rest);
    }
    return sum;
  }

  /** Copies {@code len} bytes starting {@code at} bytes from the front into {@code dst}. */
  void peek(int at, byte[] dst, int off, int len) {
    if (at < 0 || len < 0 || at + len > size) {
      throw new IndexOutOfBoundsException("peek " + at + "+" + len + " of " + size);
    }
    if (len == 0) {
      return;
    }
    int from = (head + at) % buf.length;
    int first = Math.min(len, buf.length - from);
    System.arraycopy(buf, from, dst, off, first);
    System.arraycopy(buf, 0, dst, off + first, len - first);
  }

  /**
   * Bytes {@code [at, at+len)} in a new array: one {@link Arrays#copyOfRange} (allocated without
   * zeroing by the JIT) unless the range wraps around the end of the array.
   */
  byte[] copy(int at, int len) {
    if (at < 0 || len < 0 || at + len > size) {
      throw new IndexOutOfBoundsException("copy " + at + "+" + len + " of " + size);
    }
    if (len == 0) {
      return Segment.NO_DATA;
    }
    int from = (head + at) % buf.length;
    if (from + len <= buf.length) {
      return java.util.Arrays.copyOfRange(buf, from, from + len);
    }
    byte[] out = new byte[len];
    peek(at, out, 0, len);
    return out;
  }

  /** Removes {@code n} bytes from the front. */
  void discard(int n) {
    if (n < 0 || n > size) {
      throw new IndexOutOfBoundsException("discard " + n + " of " + size);
    }
    head = buf.length == 0 ? 0 : (head + n) % buf.length;
    size -= n;
  }

  /** A larger array holding at least {@code needed} bytes (at most the capacity), content moved to its start. */
  private void grow(int needed) {
    int length = Math.min(capacity, Math.max(needed, Math.max(FIRST_ARRAY, buf.length * 2)));
    byte[] bigger = new byte[length];
    peek(0, bigger, 0, size);
    buf = bigger;
    head = 0;
  }

  /** Reads and removes up to {@code len} bytes; returns how many. */
  int read(byte[] dst, int off, int len) {
    int n = Math.min(len, size);
    peek(0, dst, off, n);
    discard(n);
    return n;
  }

  void clear() {
    head = 0;
    size = 0;
  }
}
