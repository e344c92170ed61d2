package dev.netspec.tcp;

/**
 * A bounded FIFO of bytes in one array (the send and receive buffers of a connection; the bound
 * is SO_SNDBUF / SO_RCVBUF, RFC 9293 leaves buffer sizes to the implementation). Bytes can be
 * read at an offset without removing them, which the sender needs to retransmit.
 */
final class ByteRing {
  private final byte[] buf;
  private int head;
  private int size;

  ByteRing(int capacity) {
    this.buf = new byte[capacity];
  }

  int capacity() {
    return buf.length;
  }

  int size() {
    return size;
  }

  int free() {
    return buf.length - size;
  }

  /** Appends up to {@code len} bytes; returns how many fitted. */
  int write(byte[] src, int off, int len) {
    int n = Math.min(len, free());
    for (int i = 0; i < n; i++) {
      buf[(head + size + i) % buf.length] = src[off + i];
    }
    size += n;
    return n;
  }

  /** Copies {@code len} bytes starting {@code at} bytes from the front into {@code dst}. */
  void peek(int at, byte[] dst, int off, int len) {
    if (at < 0 || len < 0 || at + len > size) {
      throw new IndexOutOfBoundsException("peek " + at + "+" + len + " of " + size);
    }
    for (int i = 0; i < len; i++) {
      dst[off + i] = buf[(head + at + i) % buf.length];
    }
  }

  /** Removes {@code n} bytes from the front. */
  void discard(int n) {
    if (n < 0 || n > size) {
      throw new IndexOutOfBoundsException("discard " + n + " of " + size);
    }
    head = (head + n) % Math.max(1, buf.length);
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
