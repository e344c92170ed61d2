package dev.netspec.net;

import dev.netspec.buf.Mbuf;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ARP cache of one interface (RFC 826, with the timing rules of RFC 1122 2.3.2), holding for
 * each unresolved address a bounded queue of datagrams that wait for the reply.
 *
 * <p>Time is virtual and passed in as {@code now} (nanoseconds); the cache never reads a clock.
 * Entries are kept in insertion order, so iteration (and so every retransmission and drop) is
 * deterministic. What the cache decides to do is done through a {@link Listener}: send a
 * request, release a held datagram to a resolved MAC, or drop one with a reason.
 */
public final class ArpCache {

  /**
   * Timing and sizes. {@code entryLifetime}: how long a resolved entry is trusted (RFC 1122
   * 2.3.2.1 suggests a timeout "on the order of a minute"); {@code retryInterval}: at most one
   * request per destination per interval (RFC 1122 2.3.2.1: "no more than one ... per second");
   * {@code maxRequests}: requests before giving up; {@code holdLimit}: datagrams held per address
   * (RFC 1122 2.3.2.2: "SHOULD save at least one (the latest) packet"); {@code maxEntries}: cache
   * size.
   */
  public record Config(
      long entryLifetime, long retryInterval, int maxRequests, int holdLimit, int maxEntries) {
    public static final long SECOND = 1_000_000_000L;

    public Config {
      if (entryLifetime <= 0 || retryInterval <= 0 || maxRequests < 1 || holdLimit < 1
          || maxEntries < 1) {
        throw new IllegalArgumentException("ARP config values must be positive");
      }
    }

    /** 60 s lifetime, 1 s between requests, 3 requests, 3 held datagrams, 64 entries. */
    public static Config defaults() {
      return new Config(60 * SECOND, SECOND, 3, 3, 64);
    }
  }

  /** A datagram (at its IPv4 header) waiting for resolution, and which ledger it belongs to. */
  public record Held(Mbuf datagram, boolean forwarded) {}

  /** What the cache asks its owner to do. */
  public interface Listener {
    void sendRequest(Ipv4Addr target);

    void release(Held held, MacAddr mac);

    void drop(Held held, DropReason reason);
  }

  private static final class Entry {
    final int ip; // the key's bits, for the int index
    MacAddr mac; // null while pending
    long expiresAt;
    long nextRequestAt;
    int requestsSent;
    final ArrayDeque<Held> held = new ArrayDeque<>();

    Entry(int ip) {
      this.ip = ip;
    }
  }

  /**
   * The same entries keyed by the address's int bits (open addressing, linear probing), so that
   * the per-packet {@link #lookup(int, long)} needs no {@link Ipv4Addr} object and no boxing. The
   * {@code LinkedHashMap} stays the source of insertion order for timers and eviction; both
   * change only through {@link #put} and {@link #forget}.
   */
  private static final class IntIndex {
    private int[] keys = new int[16];
    private Entry[] values = new Entry[16];
    private int size;

    Entry get(int key) {
      int mask = keys.length - 1;
      int first = mix(key) & mask;
      Entry hit = values[first];
      if (hit == null || keys[first] == key) { // the usual case, without the probe loop
        return hit;
      }
      for (int i = (first + 1) & mask; ; i = (i + 1) & mask) {
        Entry e = values[i];
        if (e == null || keys[i] == key) {
          return e;
        }
      }
    }

    void put(int key, Entry e) {
      if (2 * (size + 1) > keys.length) {
        grow();
      }
      int mask = keys.length - 1;
      int i = mix(key) & mask;
      while (values[i] != null && keys[i] != key) {
        i = (i + 1) & mask;
      }
      if (values[i] == null) {
        size++;
      }
      keys[i] = key;
      values[i] = e;
    }

    void remove(int key) {
      int mask = keys.length - 1;
      int i = mix(key) & mask;
      while (values[i] != null && keys[i] != key) {
        i = (i + 1) & mask;
      }
      if (values[i] == null) {
        return;
      }
      values[i] = null;
      size--;
      // Backward-shift deletion (Knuth 6.4, Algorithm R): move later members of the probe run
      // into the hole when their home slot does not lie cyclically between the hole and them.
      for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
        int home = mix(keys[j]) & mask;
        if (((j - home) & mask) >= ((j - i) & mask)) {
          keys[i] = keys[j];
          values[i] = values[j];
          values[j] = null;
          i = j;
        }
      }
    }

    void clear() {
      java.util.Arrays.fill(values, null);
      size = 0;
    }

    private void grow() {
      int[] oldKeys = keys;
      Entry[] oldValues = values;
      keys = new int[2 * oldKeys.length];
      values = new Entry[2 * oldKeys.length];
      size = 0;
      for (int i = 0; i < oldKeys.length; i++) {
        if (oldValues[i] != null) {
          put(oldKeys[i], oldValues[i]);
        }
      }
    }

    private static int mix(int key) {
      int h = key * 0x9E3779B9; // Fibonacci hashing: addresses in one subnet differ in low bits
      return h ^ (h >>> 16);
    }
  }

  private final Config config;
  private final Listener listener;
  private final Map<Ipv4Addr, Entry> entries = new LinkedHashMap<>();
  private final IntIndex index = new IntIndex();

  public ArpCache(Config config, Listener listener) {
    this.config = config;
    this.listener = listener;
  }

  /** The MAC for {@code ip} if resolved and not expired at {@code now}; otherwise null. */
  public MacAddr lookup(Ipv4Addr ip, long now) {
    return lookup(ip.bits(), now);
  }

  /** {@link #lookup(Ipv4Addr, long)} by the address's bits: the forwarding path's form. */
  public MacAddr lookup(int ip, long now) {
    Entry e = index.get(ip);
    if (e == null || e.mac == null) {
      return null;
    }
    if (now >= e.expiresAt) {
      forget(e);
      return null;
    }
    return e.mac;
  }

  private void put(Ipv4Addr ip, Entry e) {
    entries.put(ip, e);
    index.put(ip.bits(), e);
  }

  /** Removes {@code e} from both maps (not for use while iterating {@code entries}). */
  private void forget(Entry e) {
    entries.remove(new Ipv4Addr(e.ip));
    index.remove(e.ip);
  }

  /**
   * Holds {@code held} until {@code ip} resolves. The first datagram for an address creates a
   * pending entry and sends a request at once; later ones wait for that request. When the queue is
   * over its limit the oldest is dropped, keeping the latest as RFC 1122 2.3.2.2 asks.
   *
   * @return false if {@code held} itself was dropped at once (cache full); true if it is held
   *     (or was released because the address is already resolved)
   */
  public boolean hold(Ipv4Addr ip, Held held, long now) {
    Entry e = index.get(ip.bits());
    if (e != null && e.mac != null) {
      // Resolved but the caller saw it expired a moment ago (lookup removes expired entries, so
      // this happens only if lookup was skipped): release at once.
      listener.release(held, e.mac);
      return true;
    }
    if (e == null) {
      if (entries.size() >= config.maxEntries() && !evictOneResolved()) {
        listener.drop(held, DropReason.ARP_CACHE_FULL);
        return false;
      }
      e = new Entry(ip.bits());
      put(ip, e);
      e.requestsSent = 1;
      e.nextRequestAt = now + config.retryInterval();
      listener.sendRequest(ip);
    }
    e.held.addLast(held);
    if (e.held.size() > config.holdLimit()) {
      listener.drop(e.held.pollFirst(), DropReason.ARP_HOLD_QUEUE_FULL);
    }
    return true;
  }

  /**
   * Records that {@code ip} is at {@code mac} (RFC 826 Packet Reception). An existing entry is
   * always updated (the "merge" step) and a pending one releases its held datagrams in arrival
   * order; a new entry is created only when {@code create} (the ARP packet was addressed to us).
   *
   * @return whether an entry existed (RFC 826's merge flag)
   */
  public boolean update(Ipv4Addr ip, MacAddr mac, long now, boolean create) {
    Entry e = index.get(ip.bits());
    if (e == null) {
      if (create && (entries.size() < config.maxEntries() || evictOneResolved())) {
        e = new Entry(ip.bits());
        e.mac = mac;
        e.expiresAt = now + config.entryLifetime();
        put(ip, e);
      }
      return false;
    }
    e.mac = mac;
    e.expiresAt = now + config.entryLifetime();
    while (!e.held.isEmpty()) {
      listener.release(e.held.pollFirst(), mac);
    }
    return true;
  }

  /**
   * Runs the timers due at {@code now}: retransmits requests for pending entries, gives up after
   * {@code maxRequests} (dropping their datagrams as {@link DropReason#ARP_UNRESOLVED}), and
   * forgets expired entries.
   */
  public void poll(long now) {
    Iterator<Map.Entry<Ipv4Addr, Entry>> it = entries.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Ipv4Addr, Entry> me = it.next();
      Entry e = me.getValue();
      if (e.mac != null) {
        if (now >= e.expiresAt) {
          it.remove();
          index.remove(e.ip);
        }
        continue;
      }
      if (now < e.nextRequestAt) {
        continue;
      }
      if (e.requestsSent >= config.maxRequests()) {
        it.remove();
        index.remove(e.ip);
        while (!e.held.isEmpty()) {
          listener.drop(e.held.pollFirst(), DropReason.ARP_UNRESOLVED);
        }
      } else {
        e.requestsSent++;
        e.nextRequestAt = now + config.retryInterval();
        listener.sendRequest(me.getKey());
      }
    }
  }

  /** The earliest time {@link #poll} has work, or {@link Long#MAX_VALUE} if none is pending. */
  public long pollAt() {
    long at = Long.MAX_VALUE;
    for (Entry e : entries.values()) {
      if (e.mac == null) {
        at = Math.min(at, e.nextRequestAt);
      }
    }
    return at;
  }

  /** Drops every held datagram with {@code reason} and forgets every entry. */
  public void clear(DropReason reason) {
    for (Entry e : entries.values()) {
      while (!e.held.isEmpty()) {
        listener.drop(e.held.pollFirst(), reason);
      }
    }
    entries.clear();
    index.clear();
  }

  /** Number of entries, pending or resolved. */
  public int size() {
    return entries.size();
  }

  /** Whether {@code ip} has a pending (unresolved) entry. */
  public boolean isPending(Ipv4Addr ip) {
    Entry e = index.get(ip.bits());
    return e != null && e.mac == null;
  }

  /** Datagrams held for {@code ip}. */
  public int heldFor(Ipv4Addr ip) {
    Entry e = index.get(ip.bits());
    return e == null ? 0 : e.held.size();
  }

  /** Test hook: the int index holds exactly the entries of the ordered map. */
  void checkIndex() {
    if (index.size != entries.size()) {
      throw new IllegalStateException("ARP index has " + index.size + " entries, map " + entries.size());
    }
    for (Map.Entry<Ipv4Addr, Entry> me : entries.entrySet()) {
      if (index.get(me.getKey().bits()) != me.getValue()) {
        throw new IllegalStateException("ARP index disagrees at " + me.getKey());
      }
    }
  }

  private boolean evictOneResolved() {
    Iterator<Entry> it = entries.values().iterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (e.mac != null) {
        it.remove(); // the oldest resolved entry: it will be re-learned if still needed
        index.remove(e.ip);
        return true;
      }
    }
    return false;
  }
}
