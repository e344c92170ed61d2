package dev.netspec.buf;


/**
 * A bounded allocator of packet buffers in two sizes, with counters.
 *
 * <p>Two size classes because packet sizes are bimodal (L41 lecture 5: "Bi-modal packet-size
 * distribution; e.g., TCP ACKs vs. data"): a {@link SizeClass#SMALL small} buffer of 256 bytes
 * holds an ARP frame, a ping or an ACK with its headers; a {@link SizeClass#CLUSTER cluster} of
 * 2048 bytes holds a full 1518-byte Ethernet frame (1522 with an 802.1Q tag) plus headroom. Each
 * class has a fixed limit, like the kernel's mbuf and cluster zones; when a class is exhausted
 * {@link #tryAllocate} returns {@code null} and counts an allocation failure, which a driver
 * turns into a counted drop (lecture 5: "Receive: allocate in NIC driver, free in socket layer").
 *
 * <p>No allocation in steady state: byte arrays are created lazily up to the limit and then
 * recycled through a per-class free list (LIFO, so the most recently freed, cache-warm buffer is
 * reused first). {@link Mbuf} handle objects are recycled too (see below), so allocating, moving,
 * slicing and closing buffers allocates nothing once the pool is warm.
 *
 * <p>Leaks and double frees: {@link #inUse()} counts storage not yet returned; tests call
 * {@link #checkNoLeaks()} after every run. Closing a handle twice throws in {@link Mbuf#close()};
 * returning storage that is already free throws here.
 *
 * <p>Handle recycling and its quarantine. A closed (or moved-from) handle on pooled
 * storage goes to a FIFO of spare handles, and {@link #tryAllocate}, {@link Mbuf#move()},
 * {@link Mbuf#slice} and {@link Mbuf#split} reissue the oldest spare instead of allocating. A
 * stale reference to a handle is therefore caught (use after close, double close: {@link
 * IllegalStateException}) only while the handle object is still spare. To keep that window wide,
 * a spare is reissued only when more than {@link #HANDLE_QUARANTINE} spares are waiting, so every
 * closed handle stays dead until at least that many other handles have been closed after it (the
 * quarantine idea of AddressSanitizer's allocator). A double close after reissue still does not
 * pass silently: it closes the new owner's handle, whose own close then throws. Counters and
 * {@link #checkNoLeaks()} count storage, not handles, and are unaffected.
 *
 * <p>Not thread-safe; the simulator is single-threaded.
 */
public final class MbufPool {

  /** The two buffer sizes. */
  public enum SizeClass {
    /** Header-only packets: ARP, ICMP echo of a few bytes, TCP ACKs. */
    SMALL(256),
    /** A full Ethernet frame plus headroom. */
    CLUSTER(2048);

    private final int bytes;

    SizeClass(int bytes) {
      this.bytes = bytes;
    }

    /** Size of one buffer of this class in bytes. */
    public int bytes() {
      return bytes;
    }
  }

  /** A snapshot of one size class's counters. */
  public record Stats(
      SizeClass sizeClass,
      int limit,
      long allocated,
      long freed,
      int inUse,
      int highWater,
      long allocationFailures) {}

  /** Largest single allocation (headroom + room) the pool can satisfy. */
  public static final int MAX_BYTES = SizeClass.CLUSTER.bytes();

  /**
   * Closed handles that must be waiting before the oldest is reissued: a closed handle stays
   * detectably dead for at least this many later closes.
   */
  public static final int HANDLE_QUARANTINE = 32;

  // Two fields rather than an EnumMap: tryAllocate and release run once per packet each.
  private final ClassState small;
  private final ClassState cluster;
  /** Spare handle objects, oldest first; at most {@link #spareLimit}. */
  private final SpareHandles spareHandles;
  /** Bound on the spares kept: quarantine plus one per buffer; beyond it, handles go to the GC. */
  private final int spareLimit;
  private long handlesCreated;

  /** One size class's free stack and counters (package-private: {@link Mbuf.Storage#home}). */
  static final class ClassState {
    final SizeClass sizeClass;
    final int limit;
    /** Free storage, a stack (LIFO); {@code freeCount} entries from index 0. */
    final Mbuf.Storage[] free;
    int freeCount;
    int created;
    long allocated;
    long freed;
    int highWater;
    long failures;

    ClassState(SizeClass sizeClass, int limit) {
      this.sizeClass = sizeClass;
      this.limit = limit;
      // Sized once so that push/pop never grow the deque in steady state.
      this.free = new Mbuf.Storage[limit];
    }

    int inUse() {
      return (int) (allocated - freed);
    }
  }

  /**
   * A pool with at most {@code smallLimit} small buffers and {@code clusterLimit} clusters.
   */
  public MbufPool(int smallLimit, int clusterLimit) {
    if (smallLimit < 0 || clusterLimit < 0) {
      throw new IllegalArgumentException(
          "pool limits must be >= 0: small=" + smallLimit + ", clusters=" + clusterLimit);
    }
    small = new ClassState(SizeClass.SMALL, smallLimit);
    cluster = new ClassState(SizeClass.CLUSTER, clusterLimit);
    long limit = (long) HANDLE_QUARANTINE + 2L * ((long) smallLimit + clusterLimit);
    spareLimit = (int) Math.min(limit, 1 << 20);
    spareHandles = new SpareHandles(spareLimit);
  }

  /** The size class a request of {@code bytes} (headroom + room) is served from. */
  public static SizeClass classFor(int bytes) {
    if (bytes < 0 || bytes > MAX_BYTES) {
      throw new IllegalArgumentException(
          "buffer of " + bytes + " bytes requested; the pool serves 0.." + MAX_BYTES);
    }
    return bytes <= SizeClass.SMALL.bytes() ? SizeClass.SMALL : SizeClass.CLUSTER;
  }

  /**
   * An empty buffer with exactly {@code headroom} bytes of headroom and at least {@code room}
   * bytes of tailroom, or {@code null} (counted in {@link #allocationFailures()}) when that size
   * class is exhausted. A small request never falls back to a cluster: the two zones are
   * separate, as in the kernel, so exhaustion of one is visible in its own counter.
   *
   * @throws IllegalArgumentException if {@code headroom + room} exceeds {@link #MAX_BYTES} or
   *     either is negative (a caller bug, not a run-time condition)
   */
  public Mbuf tryAllocate(int headroom, int room) {
    int bytes = headroom + room;
    if ((headroom | room | bytes) < 0 || bytes > MAX_BYTES) { // bytes < 0: the sum overflowed
      if (headroom < 0 || room < 0) {
        throw new IllegalArgumentException("negative size: headroom=" + headroom + ", room=" + room);
      }
      classFor(bytes); // throws with the message for an oversized request
    }
    ClassState c = bytes <= SizeClass.SMALL.bytes ? small : cluster;
    int n = c.freeCount;
    Mbuf.Storage s;
    if (n != 0) {
      s = c.free[n - 1];
      c.freeCount = n - 1;
    } else {
      if (c.created == c.limit) {
        c.failures++;
        return null;
      }
      c.created++;
      s = new Mbuf.Storage(new byte[c.sizeClass.bytes()], this, c.sizeClass, c);
    }
    s.free = false;
    // In use = allocated - freed: one counter fewer to keep per allocation and per free.
    long inUse = ++c.allocated - c.freed;
    if (inUse > c.highWater) {
      c.highWater = (int) inUse;
    }
    return handle(s, 0, s.bytes.length, headroom, headroom);
  }

  /** A handle on {@code s}: the oldest spare if the quarantine is full, else a new object. */
  Mbuf handle(Mbuf.Storage s, int start, int end, int reader, int writer) {
    if (spareHandles.count > HANDLE_QUARANTINE) {
      Mbuf h = spareHandles.takeOldest();
      h.attach(s, start, end, reader, writer);
      return h;
    }
    handlesCreated++;
    return new Mbuf(s, start, end, reader, writer);
  }

  /** Takes back a handle that has just been closed, moved from or split away. */
  void recycle(Mbuf closed) {
    spareHandles.add(closed);
  }

  /**
   * A buffer holding a copy of {@code frame} with no headroom (the receive path: a NIC copies
   * a frame off the wire), or {@code null} if the size class is exhausted.
   */
  public Mbuf tryCopyOf(byte[] frame, int off, int len) {
    Mbuf m = tryAllocate(0, len);
    if (m != null) {
      m.appendBytes(frame, off, len);
    }
    return m;
  }

  /** {@link #tryCopyOf(byte[], int, int)} of the whole array. */
  public Mbuf tryCopyOf(byte[] frame) {
    return tryCopyOf(frame, 0, frame.length);
  }

  void release(Mbuf.Storage s) {
    if (s.pool != this) {
      throw new IllegalStateException("Mbuf storage returned to a pool it did not come from");
    }
    if (s.free) {
      throw new IllegalStateException("Mbuf storage freed twice");
    }
    ClassState c = s.home;
    s.free = true;
    c.freed++;
    c.free[c.freeCount++] = s; // never more than limit: every storage was created here
  }

  private ClassState state(SizeClass sizeClass) {
    return sizeClass == SizeClass.SMALL ? small : cluster;
  }

  // ---------------------------------------------------------------- counters

  /**
   * The spare handles: a FIFO in a power-of-two ring that grows (during warm-up) up to a bound;
   * beyond the bound a closed handle is left to the garbage collector.
   */
  private static final class SpareHandles {
    private final int limit;
    private Mbuf[] ring = new Mbuf[64];
    private int head;
    int count;

    SpareHandles(int limit) {
      this.limit = limit;
    }

    void add(Mbuf h) {
      if (count == ring.length) {
        if (count >= limit) {
          return;
        }
        Mbuf[] bigger = new Mbuf[2 * ring.length];
        for (int i = 0; i < count; i++) {
          bigger[i] = ring[(head + i) & (ring.length - 1)];
        }
        ring = bigger;
        head = 0;
      }
      ring[(head + count) & (ring.length - 1)] = h;
      count++;
    }

    Mbuf takeOldest() {
      // The slot keeps its reference: the handle is in use now and reachable anyway, and
      // add() overwrites the slot before it is read again.
      Mbuf h = ring[head];
      head = (head + 1) & (ring.length - 1);
      count--;
      return h;
    }
  }

  /** Counters of one size class. */
  public Stats stats(SizeClass sizeClass) {
    ClassState c = state(sizeClass);
    return new Stats(
        c.sizeClass, c.limit, c.allocated, c.freed, c.inUse(), c.highWater, c.failures);
  }

  /** Successful allocations so far, both classes. */
  public long allocated() {
    return small.allocated + cluster.allocated;
  }

  /** Buffers returned so far, both classes. */
  public long freed() {
    return small.freed + cluster.freed;
  }

  /** Buffers allocated and not yet returned, both classes. */
  public int inUse() {
    return small.inUse() + cluster.inUse();
  }

  /** Sum of the per-class high-water marks of {@link #inUse()}. */
  public int highWater() {
    return small.highWater + cluster.highWater;
  }

  /** Allocations refused because a class was exhausted, both classes. */
  public long allocationFailures() {
    return small.failures + cluster.failures;
  }

  /** Byte arrays created so far (never more than the limits; constant in steady state). */
  public int arraysCreated() {
    return small.created + cluster.created;
  }

  /**
   * Handle objects this pool has created; constant in steady state, because closed handles are
   * reissued (a test and the benchmarks check that nothing is allocated per packet).
   */
  public long handlesCreated() {
    return handlesCreated;
  }

  /**
   * Throws {@link IllegalStateException} naming the counts if any buffer is still in use. Tests
   * call this at the end of every run; a leak is a bug, like a double free.
   */
  public void checkNoLeaks() {
    if (inUse() != 0) {
      throw new IllegalStateException("Mbuf leak: " + stats(SizeClass.SMALL) + ", "
          + stats(SizeClass.CLUSTER));
    }
  }

  @Override
  public String toString() {
    return "MbufPool[" + stats(SizeClass.SMALL) + ", " + stats(SizeClass.CLUSTER) + "]";
  }
}
