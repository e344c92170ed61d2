package dev.netspec.buf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One packet's bytes: a window over a byte array with room in front for headers.
 *
 * <p>Indices (absolute positions in the backing storage, like Netty's {@code ByteBuf}):
 *
 * <pre>
 *   start                 readerIndex             writerIndex               end
 *     |    headroom           |     readable bytes     |      tailroom        |
 *     |  (prepend grows the   |   (the packet: index 0 |  (append grows the   |
 *     |   packet into this)   |    of get/set is here) |   packet into this)  |
 *     +-----------------------+------------------------+----------------------+
 *     start &lt;= readerIndex &lt;= writerIndex &lt;= end          capacity = end - start
 * </pre>
 *
 * <ul>
 *   <li>{@link #prepend(int)} moves {@code readerIndex} left (output path: each layer adds its
 *       header in front of its payload, lecture 5 "each layer prepends a header on the way out").
 *   <li>{@link #trimFront(int)} moves it right (input path: each layer strips its header).
 *   <li>{@link #append(int)} moves {@code writerIndex} right; {@link #trimBack(int)} and
 *       {@link #truncate(int)} move it left (e.g. dropping Ethernet padding after IPv4 says how
 *       long the datagram really is).
 *   <li>{@code get*}/{@code set*} take an index relative to {@code readerIndex}: index 0 is the
 *       first byte of the packet as the current layer sees it, so protocol views can use the
 *       field offsets from the RFC diagrams directly. Every access is bounds-checked against the
 *       readable bytes and throws {@link IndexOutOfBoundsException} outside them.
 * </ul>
 *
 * <h2>Ownership (Netty 5 style, no public reference counts)</h2>
 * An {@code Mbuf} is a handle that exactly one party owns at a time. The owner either
 * {@link #close() closes} it (the storage goes back to its pool once no handle refers to it),
 * passes it on with {@link #move()} (the old handle becomes unusable, so a queue that took the
 * packet cannot be raced by the code that enqueued it), or divides it with {@link #split(int)}
 * (two handles over disjoint parts of the same storage, each to be closed). {@link #slice(int,
 * int)} gives a zero-copy view with its own indices that shares the bytes and must also be
 * closed. Using or closing a closed handle throws {@link IllegalStateException}: that is a
 * programming error in the stack, never a consequence of bad input. A pool reissues closed handle
 * objects (so the data path allocates nothing), but only after a quarantine of {@link
 * MbufPool#HANDLE_QUARANTINE} later closes, during which the closed handle is still caught.
 *
 * <p>Not thread-safe; the simulator is single-threaded.
 */
public final class Mbuf implements AutoCloseable {

  /** Shared backing storage; returned to its pool when the last handle closes. */
  static final class Storage {
    final byte[] bytes;
    final MbufPool pool; // null for unpooled (wrapped) storage
    final MbufPool.SizeClass sizeClass;
    /** The pool's state for {@link #sizeClass} (null if unpooled): the free path needs no lookup. */
    final MbufPool.ClassState home;
    int handles;
    boolean free; // on the pool's free list; guards the pool against a double release

    Storage(byte[] bytes, MbufPool pool, MbufPool.SizeClass sizeClass) {
      this(bytes, pool, sizeClass, null);
    }

    Storage(byte[] bytes, MbufPool pool, MbufPool.SizeClass sizeClass, MbufPool.ClassState home) {
      this.bytes = bytes;
      this.pool = pool;
      this.sizeClass = sizeClass;
      this.home = home;
    }
  }

  private Storage storage;
  private int start; // changes only when split() hands the front away
  private int end; // changes only when a pool reissues this (closed) handle object
  private int reader;
  private int writer;
  private int generation; // times this handle object has been issued (see generation())

  Mbuf(Storage storage, int start, int end, int reader, int writer) {
    attach(storage, start, end, reader, writer);
  }

  /**
   * Points this handle at a window of {@code storage} and counts it as one more handle there.
   * Called by the constructor and by {@link MbufPool} when it reissues a closed handle object.
   */
  void attach(Storage storage, int start, int end, int reader, int writer) {
    this.storage = storage;
    this.start = start;
    this.end = end;
    this.reader = reader;
    this.writer = writer;
    this.generation++;
    storage.handles++;
  }

  /**
   * How many times this handle object has been issued: 1 for a new one, one more each time a pool
   * reissues it after a close. Code that lends its handle out and then asks {@link #isOpen()}
   * must also check that the generation is the one it lent, because a handle closed by the
   * borrower may by then belong to someone else.
   */
  public int generation() {
    return generation;
  }

  /** A handle on pooled storage comes from the pool's recycled handles; others are new. */
  private static Mbuf handle(Storage storage, int start, int end, int reader, int writer) {
    return storage.pool != null
        ? storage.pool.handle(storage, start, end, reader, writer)
        : new Mbuf(storage, start, end, reader, writer);
  }

  /**
   * An unpooled buffer holding a copy of {@code bytes}, with no headroom. Meant for tests and
   * for tools that build a packet outside any pool; closing it is still required.
   */
  public static Mbuf copyOf(byte[] bytes) {
    byte[] copy = Arrays.copyOf(bytes, bytes.length);
    return new Mbuf(new Storage(copy, null, null), 0, copy.length, 0, copy.length);
  }

  /** An unpooled empty buffer with the given headroom and tailroom (for tests and tools). */
  public static Mbuf unpooled(int headroom, int tailroom) {
    if (headroom < 0 || tailroom < 0) {
      throw new IllegalArgumentException("negative room: " + headroom + ", " + tailroom);
    }
    byte[] bytes = new byte[headroom + tailroom];
    return new Mbuf(new Storage(bytes, null, null), 0, bytes.length, headroom, headroom);
  }

  // ---------------------------------------------------------------- indices

  /** Absolute index of the first packet byte. */
  public int readerIndex() {
    live();
    return reader;
  }

  /** Absolute index one past the last packet byte. */
  public int writerIndex() {
    live();
    return writer;
  }

  /** Bytes between start and end of this handle's window. */
  public int capacity() {
    live();
    return end - start;
  }

  /** Length of the packet: {@code writerIndex - readerIndex}. */
  public int readableBytes() {
    live();
    return writer - reader;
  }

  /** Bytes that {@link #prepend(int)} can still claim. */
  public int headroom() {
    live();
    return reader - start;
  }

  /** Bytes that {@link #append(int)} can still claim. */
  public int tailroom() {
    live();
    return end - writer;
  }

  /** Whether this handle may still be used (not closed, moved or split away). */
  public boolean isOpen() {
    return storage != null;
  }

  /** Whether this buffer came from a pool (false for {@link #copyOf} and {@link #unpooled}). */
  public boolean isPooled() {
    live();
    return storage.pool != null;
  }

  // ---------------------------------------------------------------- growing and shrinking

  /**
   * Claims {@code n} bytes of headroom in front of the packet, zeroed, and returns this buffer.
   * Index 0 now refers to the first new byte.
   *
   * @throws IndexOutOfBoundsException if {@code n} is negative or exceeds {@link #headroom()}
   */
  public Mbuf prepend(int n) {
    live();
    if (n < 0 || n > reader - start) {
      throw new IndexOutOfBoundsException("prepend " + n + " with headroom " + (reader - start));
    }
    reader -= n;
    // Zeroed so that stale bytes from the buffer's previous packet can never leak into a header
    // field an emitter forgot (determinism: same inputs, same bytes on the wire).
    Arrays.fill(storage.bytes, reader, reader + n, (byte) 0);
    return this;
  }

  /**
   * Claims {@code n} bytes of tailroom after the packet, zeroed, and returns the index (relative
   * to {@code readerIndex}) of the first new byte.
   *
   * @throws IndexOutOfBoundsException if {@code n} is negative or exceeds {@link #tailroom()}
   */
  public int append(int n) {
    live();
    if (n < 0 || n > end - writer) {
      throw new IndexOutOfBoundsException("append " + n + " with tailroom " + (end - writer));
    }
    int at = writer - reader;
    Arrays.fill(storage.bytes, writer, writer + n, (byte) 0);
    writer += n;
    return at;
  }

  /** Appends a copy of {@code src[off, off+len)} and returns this buffer. */
  public Mbuf appendBytes(byte[] src, int off, int len) {
    live();
    if (len < 0 || len > end - writer) {
      throw new IndexOutOfBoundsException("append " + len + " with tailroom " + (end - writer));
    }
    System.arraycopy(src, off, storage.bytes, writer, len);
    writer += len;
    return this;
  }

  /**
   * Appends a copy of {@code src[off, off+len)} and returns the one's-complement sum (RFC 1071
   * 4.1, before the complement, folded to 16 bits) of the appended bytes as big-endian 16-bit
   * words starting at the first of them (added for the TCP send path: the checksum's share of
   * the payload, summed while the bytes are in the L1 cache from the copy).
   *
   * <p>The copy is {@link System#arraycopy} (wide vector moves); a loop that loads, stores and
   * adds each long measured twice as slow. The sum reads eight bytes per step in native
   * (little-endian) order, so without a byte swap per word: the one's-complement sum is
   * independent of byte order up to one swap of the folded result (RFC 1071 section 2 (A)), made
   * once at the end. The 0..7 bytes after the last whole long start at an even distance from the
   * first byte, so they are added as big-endian words after the swap.
   */
  public int appendBytesSummed(byte[] src, int off, int len) {
    int at = writer;
    appendBytes(src, off, len);
    byte[] b = storage.bytes;
    long sum = 0;
    int longs = at + (len & ~7);
    int p = at;
    for (; p < longs; p += 8) {
      long w = (long) LE_LONG.get(b, p);
      sum += (w >>> 32) + (w & 0xFFFF_FFFFL);
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    sum = ((sum & 0xFF) << 8) | (sum >>> 8); // little- to big-endian words (RFC 1071 2 (A))
    int last = at + len;
    for (; p + 1 < last; p += 2) {
      sum += ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
    }
    if (p < last) {
      sum += (b[p] & 0xFF) << 8; // RFC 1071 4.1: an odd byte is padded with a zero byte
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xFFFF) + (sum >>> 16);
    }
    return (int) sum;
  }

  /** Appends a copy of all of {@code src} and returns this buffer. */
  public Mbuf appendBytes(byte[] src) {
    return appendBytes(src, 0, src.length);
  }

  /** Appends the readable bytes of {@code src} (which stays open and unchanged). */
  public Mbuf appendBytes(Mbuf src) {
    src.live();
    return appendBytes(src.storage.bytes, src.reader, src.writer - src.reader);
  }

  /**
   * Claims {@code len} bytes of headroom and fills them with a copy of {@code src[off,
   * off+len)}: {@link #prepend(int)} followed by {@link #setBytes}, without zeroing bytes that
   * are overwritten at once (a header from a template). Index 0 is the first copied byte.
   *
   * @throws IndexOutOfBoundsException if {@code len} is negative or exceeds {@link #headroom()}
   */
  public Mbuf prependBytes(byte[] src, int off, int len) {
    live();
    if (len < 0 || len > reader - start) {
      throw new IndexOutOfBoundsException("prepend " + len + " with headroom " + (reader - start));
    }
    System.arraycopy(src, off, storage.bytes, reader - len, len);
    reader -= len;
    return this;
  }

  /**
   * Strips {@code n} bytes from the front of the packet (they become headroom), e.g. a layer's
   * header after it has been parsed.
   */
  public Mbuf trimFront(int n) {
    live();
    if (n < 0 || n > writer - reader) {
      throw new IndexOutOfBoundsException("trimFront " + n + " of " + (writer - reader));
    }
    reader += n;
    return this;
  }

  /**
   * Undoes {@link #trimFront(int)}: moves {@code readerIndex} back by {@code n} bytes without
   * zeroing them, so that a header stripped on input is visible again (e.g. to quote the
   * offending IP header in an ICMP error, RFC 792). Unlike {@link #prepend(int)}, the bytes keep
   * whatever they held.
   */
  public Mbuf untrimFront(int n) {
    live();
    if (n < 0 || n > reader - start) {
      throw new IndexOutOfBoundsException("untrimFront " + n + " with headroom " + (reader - start));
    }
    reader -= n;
    return this;
  }

  /** Strips {@code n} bytes from the back of the packet (they become tailroom). */
  public Mbuf trimBack(int n) {
    live();
    if (n < 0 || n > writer - reader) {
      throw new IndexOutOfBoundsException("trimBack " + n + " of " + (writer - reader));
    }
    writer -= n;
    return this;
  }

  /**
   * Shortens the packet to {@code length} bytes if it is longer; a no-op otherwise. (BSD
   * {@code m_adj} with a negative count; used when a header's length field says the link layer
   * added padding.)
   */
  public Mbuf truncate(int length) {
    live();
    if (length < 0) {
      throw new IndexOutOfBoundsException("truncate to " + length);
    }
    if (length < writer - reader) {
      writer = reader + length;
    }
    return this;
  }

  // ---------------------------------------------------------------- ownership

  /**
   * Releases this handle. The storage returns to its pool when no other handle (slice or split
   * part) still refers to it.
   *
   * @throws IllegalStateException if this handle was already closed, moved or split away: a
   *     double free is a bug in the stack and must be loud
   */
  @Override
  public void close() {
    if (storage == null) {
      throw new IllegalStateException("Mbuf closed twice (double free)");
    }
    Storage s = storage;
    storage = null;
    int left = --s.handles;
    MbufPool p = s.pool;
    if (p != null) {
      if (left == 0) {
        p.release(s);
      }
      p.recycle(this);
    }
  }

  /**
   * Transfers ownership: returns a new handle with the same window and indices, and makes this
   * one unusable without releasing the storage.
   */
  public Mbuf move() {
    live();
    Storage s = storage;
    Mbuf moved = handle(s, start, end, reader, writer);
    s.handles--;
    storage = null;
    if (s.pool != null) {
      s.pool.recycle(this);
    }
    return moved;
  }

  /**
   * Divides the buffer at packet index {@code index}: returns a handle that owns everything up
   * to there (the headroom and the first {@code index} packet bytes), and this handle keeps the
   * rest (with no headroom and its tailroom). Both share the storage without copying and must
   * each be closed. Writes through one never touch the other's bytes.
   */
  public Mbuf split(int index) {
    live();
    if (index < 0 || index > writer - reader) {
      throw new IndexOutOfBoundsException("split at " + index + " of " + (writer - reader));
    }
    int cut = reader + index;
    Mbuf front = handle(storage, start, cut, reader, cut);
    start = cut;
    reader = cut;
    return front;
  }

  /**
   * A zero-copy view of packet bytes {@code [index, index+length)}: its own reader/writer
   * indices (no headroom, no tailroom) over the same memory. Writes through the slice are
   * visible through this buffer and vice versa. The slice is a handle of its own and must be
   * closed; the storage stays allocated until it is.
   */
  public Mbuf slice(int index, int length) {
    live();
    checkRange(index, length);
    int from = reader + index;
    return handle(storage, from, from + length, from, from + length);
  }

  // ---------------------------------------------------------------- field access

  /** Unsigned byte at packet index {@code i}. */
  public int getU8(int i) {
    checkRange(i, 1);
    return storage.bytes[reader + i] & 0xFF;
  }

  /** Big-endian (network order) unsigned 16-bit value at packet index {@code i}. */
  public int getU16(int i) {
    checkRange(i, 2);
    byte[] b = storage.bytes;
    int p = reader + i;
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }

  /** Big-endian 32-bit value at packet index {@code i}, as a (possibly negative) int. */
  public int getI32(int i) {
    checkRange(i, 4);
    byte[] b = storage.bytes;
    int p = reader + i;
    return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8)
        | (b[p + 3] & 0xFF);
  }

  /** Big-endian unsigned 32-bit value at packet index {@code i}. */
  public long getU32(int i) {
    return getI32(i) & 0xFFFF_FFFFL;
  }

  /** Sets the byte at packet index {@code i} to the low 8 bits of {@code v}. */
  public void setU8(int i, int v) {
    checkRange(i, 1);
    storage.bytes[reader + i] = (byte) v;
  }

  /** Sets the big-endian 16-bit value at packet index {@code i} to the low 16 bits of {@code v}. */
  public void setU16(int i, int v) {
    checkRange(i, 2);
    byte[] b = storage.bytes;
    int p = reader + i;
    b[p] = (byte) (v >>> 8);
    b[p + 1] = (byte) v;
  }

  /** Sets the big-endian 32-bit value at packet index {@code i}. */
  public void setI32(int i, int v) {
    checkRange(i, 4);
    byte[] b = storage.bytes;
    int p = reader + i;
    b[p] = (byte) (v >>> 24);
    b[p + 1] = (byte) (v >>> 16);
    b[p + 2] = (byte) (v >>> 8);
    b[p + 3] = (byte) v;
  }

  // ---------------------------------------------------------------- one check per header

  /**
   * Checks once that packet bytes {@code [i, i+len)} exist and returns the absolute index of
   * byte {@code i} in the backing storage, for the {@code *Abs} readers below. A parser checks a
   * whole header this way and then reads its fields without a check per field (the receive path
   * reads a dozen fields per packet).
   *
   * @throws IndexOutOfBoundsException outside the readable bytes; {@link IllegalStateException}
   *     on a closed handle
   */
  public int headerOffset(int i, int len) {
    checkRange(i, len);
    return reader + i;
  }

  /**
   * Unsigned byte at absolute index {@code abs}, which must come from {@link #headerOffset} on
   * this handle with no index-moving call since. Only the array's own bounds are checked: a
   * wrong index reads another byte of this buffer, never memory outside it.
   */
  public int getU8Abs(int abs) {
    return storage.bytes[abs] & 0xFF;
  }

  /** Big-endian unsigned 16 bits at absolute index {@code abs} (see {@link #getU8Abs}). */
  public int getU16Abs(int abs) {
    byte[] b = storage.bytes;
    return ((b[abs] & 0xFF) << 8) | (b[abs + 1] & 0xFF);
  }

  /** Big-endian 32 bits at absolute index {@code abs} (see {@link #getU8Abs}). */
  public int getI32Abs(int abs) {
    return (int) BE_INT.get(storage.bytes, abs);
  }

  /** Big-endian 64 bits at absolute index {@code abs} (see {@link #getU8Abs}). */
  public long getI64Abs(int abs) {
    return (long) BE_LONG.get(storage.bytes, abs);
  }

  /** Copies packet bytes {@code [i, i+len)} into {@code dst[off, off+len)}. */
  public void getBytes(int i, byte[] dst, int off, int len) {
    checkRange(i, len);
    System.arraycopy(storage.bytes, reader + i, dst, off, len);
  }

  /**
   * Packet bytes {@code [i, i+len)} in a new array. Through {@link Arrays#copyOfRange}, which the
   * JIT allocates without zeroing first (the copy fills it); cheaper than new + {@link #getBytes}.
   */
  public byte[] copyBytes(int i, int len) {
    checkRange(i, len);
    return Arrays.copyOfRange(storage.bytes, reader + i, reader + i + len);
  }

  /** Copies {@code src[off, off+len)} over packet bytes {@code [i, i+len)}. */
  public void setBytes(int i, byte[] src, int off, int len) {
    checkRange(i, len);
    System.arraycopy(src, off, storage.bytes, reader + i, len);
  }

  /** A fresh copy of the readable bytes. */
  public byte[] toByteArray() {
    live();
    return Arrays.copyOfRange(storage.bytes, reader, writer);
  }

  /** Big-endian int reads from a byte array at any offset (one bounds check per word). */
  private static final VarHandle BE_INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle BE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  /** Little-endian longs: native order on x86 and ARM, for {@link #appendBytesSummed}. */
  private static final VarHandle LE_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /**
   * The one's-complement sum (RFC 1071 section 4.1, before the final complement) of packet bytes
   * {@code [i, i+len)} folded to 16 bits, added to {@code initial}. Lives here because it reads the
   * backing array without per-byte bounds checks; {@code wire.Checksum} builds on it.
   *
   * <p>Reads 8 bytes at a time, adds them as two 32-bit big-endian words to a 64-bit accumulator,
   * and folds once at the end: the sum of 16-bit words modulo 0xFFFF does not change when pairs of
   * them are added as one 32-bit word, because 2^16 = 1 (mod 0xFFFF) (RFC 1071 section 2 (B)
   * deferred carries and (C) parallel summation). With at most 2^29 words of under 2^32 each,
   * the long cannot overflow.
   */
  public int onesComplementSum(int i, int len, int initial) {
    checkRange(i, len);
    byte[] b = storage.bytes;
    long sum = initial & 0xFFFF_FFFFL;
    int p = reader + i;
    // A header (20 to 60 bytes) is summed without a loop, by the binary digits of its length:
    // C2 compiles even a two-pass loop into pre-, main- and post-loops, which for a header cost
    // more than the additions. Longer runs go through sumBlocks' loop. This method stays small
    // enough (bytecode) for C2 to inline it into every parser.
    if (len >= 32) {
      int blocks = len & ~15;
      sum += sumBlocks(b, p, blocks);
      p += blocks;
    } else if ((len & 16) != 0) {
      sum += words(b, p) + words(b, p + 8);
      p += 16;
    }
    if ((len & 8) != 0) {
      sum += words(b, p);
      p += 8;
    }
    if ((len & 4) != 0) {
      sum += (int) BE_INT.get(b, p) & 0xFFFF_FFFFL;
      p += 4;
    }
    if ((len & 2) != 0) {
      sum += ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
      p += 2;
    }
    if ((len & 1) != 0) {
      sum += (b[p] & 0xFF) << 8; // RFC 1071 4.1: an odd byte is padded with a zero byte
    }
    // Fold to 16 bits without a data-dependent loop: four 16-bit parts (under 2^18), then two
    // end-around carries (RFC 1071 section 4.1's "fold 32-bit sum to 16 bits", done to a 64-bit
    // sum). Each step keeps the value mod 0xFFFF and never turns a non-zero sum into 0.
    sum = (sum & 0xFFFF) + ((sum >>> 16) & 0xFFFF) + ((sum >>> 32) & 0xFFFF) + (sum >>> 48);
    sum = (sum & 0xFFFF) + (sum >>> 16);
    sum = (sum & 0xFFFF) + (sum >>> 16);
    return (int) sum;
  }

  /**
   * The 8 bytes at {@code p} as two big-endian 32-bit words, added (RFC 1071 section 2 (B), (C):
   * the sum of 16-bit words modulo 0xFFFF does not change when pairs of them are added as one
   * 32-bit word, because 2^16 = 1 mod 0xFFFF). Under 2^33, so 2^29 of them fit a long.
   */
  private static long words(byte[] b, int p) {
    long w = (long) BE_LONG.get(b, p);
    return (w >>> 32) + (w & 0xFFFF_FFFFL);
  }

  /**
   * The one's-complement sum of {@code [p, p+n)} as big-endian 16-bit words, {@code n} a multiple
   * of 16, folded to 16 bits. The loop reads longs in the machine's native (little-endian) order,
   * which spares a byte swap per long: summing byte-swapped words gives the byte-swapped sum (RFC
   * 1071 section 2 (A), "byte order independence"), so one swap of the folded result at the end
   * turns it into the big-endian sum. Measured on the TCP receive check: 32 instead of 40 ns per
   * 1,460 bytes.
   */
  private static long sumBlocks(byte[] b, int p, int n) {
    long sum = 0;
    for (int end = p + n; p < end; p += 16) {
      long w = (long) LE_LONG.get(b, p);
      long v = (long) LE_LONG.get(b, p + 8);
      sum += (w >>> 32) + (w & 0xFFFF_FFFFL) + (v >>> 32) + (v & 0xFFFF_FFFFL);
    }
    sum = (sum & 0xFFFF) + ((sum >>> 16) & 0xFFFF) + ((sum >>> 32) & 0xFFFF) + (sum >>> 48);
    sum = (sum & 0xFFFF) + (sum >>> 16);
    sum = (sum & 0xFFFF) + (sum >>> 16);
    return ((sum & 0xFF) << 8) | (sum >>> 8);
  }

  @Override
  public String toString() {
    if (storage == null) {
      return "Mbuf[closed]";
    }
    return "Mbuf[headroom=" + headroom() + ", len=" + readableBytes() + ", tailroom=" + tailroom()
        + "]";
  }

  // ---------------------------------------------------------------- internals

  private void live() {
    if (storage == null) {
      throw new IllegalStateException("Mbuf used after close, move or split");
    }
  }

  private void checkRange(int i, int len) {
    live();
    if (i < 0 || len < 0 || i > writer - reader - len) {
      throw new IndexOutOfBoundsException(
          "bytes [" + i + ", " + ((long) i + len) + ") outside packet of " + (writer - reader));
    }
  }
}
