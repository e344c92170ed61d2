package dev.netspec.tcp;

/**
 * A bounded FIFO of bytes in one array (the send and receive buffers of a connection; the bound
 * is SO_SNDBUF / SO_RCVBUF, RFC 9293 leaves buffer sizes to the implementation). Bytes can be
 * read at an offset without removing them, which the sender needs to retransmit.
 *
 * <p>The array is allocated on the first write, not with the ring: a connection that has never
 * carried data (a listener's many idle or half-used connections, a SYN flood's survivors) holds
 * no buffer memory, as a Linux socket holds no skbs until data arrives. Issue 6 measures memory per
 * established connection with empty buffers against Linux's {@code struct tcp_sock}.
 */
final class ByteRing {
  private static final byte[] NONE = new byte[0];

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
    if (buf.length == 0) {
      buf = new byte[capacity];
    }
    int tail = (head + size) % capacity;
    int first = Math.min(n, capacity - tail); // up to the end of the array, then from its start
    System.arraycopy(src, off, buf, tail, first);
    System.arraycopy(src, off + first, buf, 0, n - first);
    size += n;
    return n;
  }

  /** Copies {@code len} bytes starting {@code at} bytes from the front into {@code dst}. */
  void peek(int at, byte[] dst, int off, int len) {
    if (at < 0 || len < 0 || at + len > size) {
      throw new IndexOutOfBoundsException("peek " + at + "+" + len + " of " + size);
    }
    if (len == 0) {
      return;
    }
    int from = (head + at) % capacity;
    int first = Math.min(len, capacity - from);
    System.arraycopy(buf, from, dst, off, first);
    System.arraycopy(buf, 0, dst, off + first, len - first);
  }

  /** Removes {@code n} bytes from the front. */
  void discard(int n) {
    if (n < 0 || n > size) {
      throw new IndexOutOfBoundsException("discard " + n + " of " + size);
    }
    head = (head + n) % Math.max(1, capacity);
    size -= n;
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
