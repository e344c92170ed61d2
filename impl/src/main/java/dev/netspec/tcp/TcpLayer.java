package dev.netspec.tcp;

import dev.netspec.buf.Mbuf;
import dev.netspec.net.DropReason;
import dev.netspec.net.NetStack;
import dev.netspec.net.OutputResult;
import dev.netspec.net.ProtocolHandler;
import dev.netspec.net.Verdict;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.Ipv4Header;
import dev.netspec.wire.Ipv4View;
import dev.netspec.wire.Parsed;
import dev.netspec.wire.TcpHeader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TCP over one {@link NetStack}: registers itself as IP protocol 6 (as {@code UdpLayer} does
 * for 17), demultiplexes segments to {@link Tcb}s by 4-tuple and to listeners by port, turns the
 * segments TCBs emit into packets, and runs their timers from {@link #poll}.
 *
 * <p>Listeners: a SYN for a listening port creates a child TCB that starts in LISTEN and
 * processes the SYN exactly as 3.10.7.2 says (so the child's path is CLOSED, LISTEN,
 * SYN-RECEIVED, ...). Half-open plus unaccepted children are bounded by 3/2 of the backlog (the
 * 4.4BSD rule); SYNs beyond it are dropped ({@link DropReason#TCP_LISTEN_QUEUE_FULL}), which
 * bounds the memory a SYN flood can take (RFC 4987 3.2). Beyond that, SYN cookies (RFC 4987 3.6,
 * {@link SynCookies}) answer statelessly while the accept queue has room, so a flood does not
 * deny service to new clients; off ({@link #setSynCookies}), excess SYNs are dropped and a flood
 * denies service until half-open entries time out. A child that returns to LISTEN (RST or
 * SYN in SYN-RECEIVED) is deleted: the listener itself never left LISTEN.
 *
 * <p>Segment payloads are copied into the TCB's byte buffers on input and out of them on output,
 * so no packet buffer is held by a connection: every {@link Mbuf} is closed by the end of the
 * call that received or built it.
 */
public final class TcpLayer implements ProtocolHandler {
  public static final int EPHEMERAL_FIRST = 49152;
  public static final int EPHEMERAL_LAST = 65535;

  /** A connection's 4-tuple. */
  public record Key(Ipv4Addr localAddress, int localPort, Ipv4Addr remoteAddress,
      int remotePort) {
    // Explicit (the record's generated methods go through an invokedynamic bootstrap): the key is
    // hashed and compared for every segment.
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.localPort == localPort && k.remotePort == remotePort
          && k.localAddress.bits() == localAddress.bits()
          && k.remoteAddress.bits() == remoteAddress.bits();
    }

    @Override
    public int hashCode() {
      int h = localAddress.bits() * 31 + localPort;
      h = h * 31 + remoteAddress.bits();
      return h * 31 + remotePort;
    }
  }

  /** A listening port with its SYN queue and accept queue. */
  public static final class Listener {
    final Ipv4Addr address;
    final int port;
    final int backlog;
    final TcpConfig config;
    final ArrayDeque<Tcb> acceptQueue = new ArrayDeque<>();
    final List<Tcb> halfOpen = new ArrayList<>();
    boolean closed;
    long queueOverflows;

    Listener(Ipv4Addr address, int port, int backlog, TcpConfig config) {
      this.address = address;
      this.port = port;
      this.backlog = backlog;
      this.config = config;
    }

    public int port() {
      return port;
    }

    /** Established connections waiting for accept. */
    public int acceptable() {
      return acceptQueue.size();
    }

    public int halfOpen() {
      return halfOpen.size();
    }

    /** SYNs dropped because a queue was full. */
    public long queueOverflows() {
      return queueOverflows;
    }
  }

  private final NetStack stack;
  private final IsnGenerator isn;
  private final SynCookies cookies;
  private boolean synCookiesEnabled = true;
  private long synCookiesSent;
  private long synCookiesAccepted;
  private final Map<Key, Tcb> connections = new LinkedHashMap<>();
  // The connection the last segment was for (null: none, or it closed): a bulk transfer's
  // segments all go to one connection, so most arrivals need no key and no map lookup.
  private Tcb lastHit;
  private final TimerQueue timers = new TimerQueue();
  private final Map<Integer, Listener> listeners = new HashMap<>();
  private final Map<Tcb, Listener> parentOf = new HashMap<>();
  private final List<Tcb.TransitionListener> observers = new ArrayList<>();
  private TcpProbe probe; // null: no probe
  private final List<Tcb> returnedToListen = new ArrayList<>();
  private int nextEphemeral = EPHEMERAL_FIRST;
  private long segmentsOut;
  private long segmentsLost;
  private long resetsSent;
  private long segmentsIn;
  private long resetsReceived;

  public TcpLayer(NetStack stack, byte[] isnSecret) {
    this.stack = stack;
    this.isn = new IsnGenerator(isnSecret);
    byte[] cookieSecret = isnSecret.clone();
    cookieSecret[0] ^= (byte) 0x5c; // a different key for a different purpose
    this.cookies = new SynCookies(cookieSecret);
    stack.register(Ipv4View.PROTO_TCP, this);
  }

  public NetStack stack() {
    return stack;
  }

  /**
   * Attaches {@code p} to this layer and to every connection it has or will make (null detaches).
   */
  public void setProbe(TcpProbe p) {
    probe = p;
    for (Tcb t : connections.values()) {
      t.setProbe(p);
    }
  }

  /** Live connections (every state but CLOSED), oldest first. */
  public List<Tcb> connections() {
    return List.copyOf(connections.values());
  }

  /** Observes every state change of every connection of this layer (probes, tests). */
  public void addObserver(Tcb.TransitionListener l) {
    observers.add(l);
  }

  // ---------------------------------------------------------------- ports

  public boolean portInUse(int port) {
    if (listeners.containsKey(port)) {
      return true;
    }
    for (Key k : connections.keySet()) {
      if (k.localPort() == port) {
        return true;
      }
    }
    return false;
  }

  /** The next free ephemeral port (RFC 6335 6), or 0 if none. */
  public int freeEphemeralPort() {
    int span = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1;
    for (int i = 0; i < span; i++) {
      int p = nextEphemeral;
      nextEphemeral = p == EPHEMERAL_LAST ? EPHEMERAL_FIRST : p + 1;
      if (!portInUse(p)) {
        return p;
      }
    }
    return 0;
  }

  // ---------------------------------------------------------------- user side

  /** Passive OPEN on {@code port}; null if the port is taken. */
  public Listener listen(Ipv4Addr address, int port, int backlog, TcpConfig config) {
    if (portInUse(port)) {
      return null;
    }
    Listener l = new Listener(address, port, Math.max(1, backlog), config);
    listeners.put(port, l);
    if (probe != null) {
      probe.listenerCall(this, port, TcpProbe.Call.PASSIVE_OPEN);
    }
    return l;
  }

  /** The oldest established connection of {@code l}, or null (accept would block). */
  public Tcb accept(Listener l) {
    Tcb t = l.acceptQueue.pollFirst();
    if (t != null) {
      parentOf.remove(t);
    }
    return t;
  }

  /** Closes a listener: half-open and unaccepted connections are reset (ABORT). */
  public void closeListener(Listener l, long now) {
    if (l.closed) {
      return;
    }
    l.closed = true;
    listeners.remove(l.port);
    for (Tcb t : new ArrayList<>(l.halfOpen)) {
      t.abort(now);
    }
    while (!l.acceptQueue.isEmpty()) {
      l.acceptQueue.pollFirst().abort(now);
    }
    if (probe != null) {
      probe.listenerCall(this, l.port, TcpProbe.Call.CLOSE);
    }
  }

  /**
   * Active OPEN from {@code localPort} (0: ephemeral) to {@code remote:remotePort}; null if the
   * 4-tuple is in use or no route exists.
   */
  public Tcb connect(Ipv4Addr local, int localPort, Ipv4Addr remote, int remotePort,
      TcpConfig config, long now) {
    Ipv4Addr src = local.isUnspecified() ? stack.sourceAddressFor(remote) : local;
    if (src == null) {
      return null;
    }
    int port = localPort == 0 ? freeEphemeralPort() : localPort;
    Key key = new Key(src, port, remote, remotePort);
    if (port == 0 || connections.containsKey(key)) {
      return null;
    }
    Tcb t = newTcb(key, config);
    t.openActive(now);
    return t;
  }

  private Tcb newTcb(Key key, TcpConfig config) {
    Tcb t = new Tcb(key.localAddress(), key.localPort(), key.remoteAddress(), key.remotePort(),
        config, isn, output);
    t.setProbe(probe);
    t.addListener(this::onTransition);
    for (Tcb.TransitionListener o : observers) {
      t.addListener(o);
    }
    connections.put(key, t);
    timers.register(t);
    return t;
  }

  private void onTransition(Tcb t, TcpState from, TcpState to, String cause, long now) {
    Listener parent = parentOf.get(t);
    if (to == TcpState.CLOSED) {
      connections.remove(keyOf(t));
      if (lastHit == t) {
        lastHit = null;
      }
      timers.unregister(t);
      if (parent != null) {
        parent.halfOpen.remove(t);
        parent.acceptQueue.remove(t);
        parentOf.remove(t);
      }
      return;
    }
    if (parent == null) {
      return;
    }
    if (from == TcpState.SYN_RECEIVED && to == TcpState.LISTEN) {
      // The child went back to LISTEN: delete it (LISTEN -> CLOSED) once this segment is done,
      // so that observers see the two changes in order.
      returnedToListen.add(t);
    } else if (from == TcpState.SYN_RECEIVED && parent.halfOpen.remove(t)) {
      parent.acceptQueue.addLast(t); // ESTABLISHED (or CLOSE-WAIT): ready for accept
    }
  }

  private static Key keyOf(Tcb t) {
    return new Key(t.localAddress(), t.localPort(), t.remoteAddress(), t.remotePort());
  }

  private void deleteReturnedChildren(long now) {
    while (!returnedToListen.isEmpty()) {
      returnedToListen.remove(returnedToListen.size() - 1).close(now);
    }
  }

  /** Live connections (every state but CLOSED). */
  public int connectionCount() {
    return connections.size();
  }

  // ---------------------------------------------------------------- timers

  /**
   * Runs the timers of every connection that are due at {@code now}: exactly what a scan of the
   * connections that exist when the call starts, oldest first, calling {@link Tcb#onTimer} on each
   * whose {@link Tcb#pollAt} is due when its turn comes, would do; but it touches only connections
   * whose queue entry is due, not all of them (a server holds thousands in TIME-WAIT).
   */
  public void poll(long now) {
    timers.poll(now);
  }

  /** The earliest timer of any connection, or {@link Long#MAX_VALUE}. O(1) amortized. */
  public long pollAt() {
    return timers.earliest();
  }

  /**
   * The connections' timer deadlines in a binary heap ordered by (deadline, creation order), with
   * lazy deletion: a {@link Tcb} reports only a deadline that moved earlier than its entry
   * ({@link Tcb#queuedAt}); an entry that turns out early (its timer was pushed back or cancelled)
   * is replaced by the real deadline when it reaches the top, and a superseded entry (its deadline
   * is no longer the connection's queuedAt) is dropped there. Invariant: every connection's entry
   * deadline is at most its pollAt(), so a valid, exact top is the earliest timer of all.
   */
  static final class TimerQueue {
    private static final long NEVER = Long.MAX_VALUE;
    private long[] at = new long[16];
    private Tcb[] tcb = new Tcb[16];
    private int size;
    private long nextSeq;
    private int live; // connections registered and not yet CLOSED
    // poll's batch: due connections in creation order
    private final java.util.PriorityQueue<Tcb> due =
        new java.util.PriorityQueue<>((x, y) -> Long.compare(x.timerSeq, y.timerSeq));
    private final ArrayList<Tcb> deferred = new ArrayList<>();

    void register(Tcb t) {
      t.timerQueue = this;
      t.timerSeq = nextSeq++;
      t.queuedAt = NEVER;
      live++;
      earlier(t, t.pollAt());
    }

    /** {@code t} left the layer (CLOSED): its entries become garbage. */
    void unregister(Tcb t) {
      t.timerQueue = null;
      t.queuedAt = NEVER;
      live--;
      if (size > 2 * live + 64) {
        compact();
      }
    }

    /** {@code t} has a deadline {@code d} earlier than its entry: push a new entry. */
    void earlier(Tcb t, long d) {
      if (d == NEVER || t.timerDue) {
        return; // nothing to wait for; or poll holds it and reschedules it after its turn
      }
      t.queuedAt = d;
      push(d, t);
      if (size > 2 * live + 64) {
        compact(); // many deadlines moved earlier: drop the superseded entries
      }
    }

    private boolean valid(int i) {
      return tcb[i].timerQueue == this && at[i] == tcb[i].queuedAt;
    }

    long earliest() {
      while (size > 0) {
        Tcb t = tcb[0];
        long d = at[0];
        if (!valid(0)) {
          pop();
          continue;
        }
        long real = t.pollAt();
        if (real == d) {
          return d;
        }
        pop(); // early entry: replace it by the real deadline
        t.queuedAt = NEVER;
        earlier(t, real);
      }
      return NEVER;
    }

    void poll(long now) {
      long lastSeq = nextSeq - 1; // the scan's snapshot: connections that exist now
      long cursor = -1;
      collect(now, cursor, lastSeq);
      Tcb t;
      while ((t = due.poll()) != null) {
        cursor = t.timerSeq;
        // The scan's test, made when its turn comes (earlier connections' timers may have run).
        if (t.pollAt() <= now) {
          t.onTimer(now);
        }
        t.timerDue = false;
        reschedule(t);
        collect(now, cursor, lastSeq);
      }
      for (Tcb d : deferred) {
        d.timerDue = false;
        reschedule(d);
      }
      deferred.clear();
    }

    /**
     * Moves entries due at {@code now} to the batch: those the scan has yet to reach ({@code
     * cursor < seq <= lastSeq}) to {@link #due}, the rest to {@link #deferred} (next poll).
     */
    private void collect(long now, long cursor, long lastSeq) {
      while (size > 0 && at[0] <= now) {
        boolean ok = valid(0);
        Tcb t = tcb[0];
        pop();
        if (!ok) {
          continue;
        }
        t.queuedAt = NEVER;
        t.timerDue = true;
        if (t.timerSeq > cursor && t.timerSeq <= lastSeq) {
          due.add(t);
        } else {
          deferred.add(t);
        }
      }
    }

    private void reschedule(Tcb t) {
      if (t.timerQueue == this && t.queuedAt == NEVER) {
        earlier(t, t.pollAt());
      }
    }

    private void compact() {
      int n = 0;
      for (int i = 0; i < size; i++) {
        if (valid(i)) {
          at[n] = at[i];
          tcb[n] = tcb[i];
          n++;
        }
      }
      java.util.Arrays.fill(tcb, n, size, null);
      size = n;
      for (int i = size / 2 - 1; i >= 0; i--) {
        down(i);
      }
    }

    private boolean less(int i, int j) {
      return at[i] < at[j] || (at[i] == at[j] && tcb[i].timerSeq < tcb[j].timerSeq);
    }

    private void swap(int i, int j) {
      long a = at[i];
      at[i] = at[j];
      at[j] = a;
      Tcb b = tcb[i];
      tcb[i] = tcb[j];
      tcb[j] = b;
    }

    private void push(long d, Tcb t) {
      if (size == at.length) {
        at = java.util.Arrays.copyOf(at, size * 2);
        tcb = java.util.Arrays.copyOf(tcb, size * 2);
      }
      at[size] = d;
      tcb[size] = t;
      int i = size++;
      while (i > 0) {
        int p = (i - 1) >>> 1;
        if (!less(i, p)) {
          break;
        }
        swap(i, p);
        i = p;
      }
    }

    private void pop() {
      size--;
      at[0] = at[size];
      tcb[0] = tcb[size];
      tcb[size] = null;
      if (size > 0) {
        down(0);
      }
    }

    private void down(int i) {
      while (true) {
        int l = 2 * i + 1;
        if (l >= size) {
          return;
        }
        int m = l + 1 < size && less(l + 1, l) ? l + 1 : l;
        if (!less(m, i)) {
          return;
        }
        swap(i, m);
        i = m;
      }
    }

    /** Heap entries, superseded ones included (tests: the heap stays bounded). */
    int entries() {
      return size;
    }
  }

  /** Heap entries of the timer queue, superseded ones included (tests). */
  int timerEntries() {
    return timers.entries();
  }

  // ---------------------------------------------------------------- input

  @Override
  public Verdict input(int ifIndex, Ipv4Header ip, Mbuf payload, long now) {
    TcpHeader h;
    switch (TcpHeader.parse(payload, ip.source(), ip.destination())) {
      case Parsed.Rejected<TcpHeader> r -> {
        return new Verdict.Malformed(r.reason());
      }
      case Parsed.Ok<TcpHeader> ok -> h = ok.value();
    }
    segmentsIn++;
    if ((h.flags() & dev.netspec.wire.TcpView.RST) != 0) {
      resetsReceived++;
    }
    Tcb t = lastHit;
    if (t == null || t.localPort() != h.destinationPort() || t.remotePort() != h.sourcePort()
        || t.localAddress().bits() != ip.destination().bits()
        || t.remoteAddress().bits() != ip.source().bits()) {
      t = connections.get(
          new Key(ip.destination(), h.destinationPort(), ip.source(), h.sourcePort()));
    }
    int dataLen = payload.readableBytes() - h.headerLen();
    // The payload stays in the packet (a view, copied once, into the receive buffer) unless a
    // probe is attached, to this layer or to the connection itself: probes keep segments beyond
    // this call, when the packet is gone.
    SeqNum seq = new SeqNum(h.sequence());
    SeqNum ack = new SeqNum(h.acknowledgment());
    Segment seg = probe == null && (t == null || t.probe() == null)
        ? Segment.inPacket(seq, ack, h.flags(), h.window(), h.options(), payload, h.headerLen(),
            dataLen)
        : new Segment(seq, ack, h.flags(), h.window(), h.options(),
            payload.copyBytes(h.headerLen(), dataLen));
    if (t != null) {
      lastHit = t;
      t.segmentArrives(seg, now);
      deleteReturnedChildren(now);
      return Verdict.DELIVERED;
    }
    Key key = new Key(ip.destination(), h.destinationPort(), ip.source(), h.sourcePort());
    Listener l = listeners.get(h.destinationPort());
    if (l != null && (l.address.isUnspecified() || l.address.equals(ip.destination()))) {
      return toListener(l, key, seg, now);
    }
    // 3.10.7.1: no TCB. "An incoming segment not containing a RST causes a RST to be sent."
    Segment rst = Tcb.resetFor(seg);
    if (rst != null) {
      sendReset(key, rst, now);
    }
    if (probe != null) {
      probe.segmentWithoutTcb(this, seg, false, rst, now);
    }
    return new Verdict.Dropped(DropReason.TCP_NO_CONNECTION);
  }

  private Verdict toListener(Listener l, Key key, Segment seg, long now) {
    if (synCookiesEnabled && seg.ackFlag() && !seg.syn() && !seg.rst() && !seg.fin()) {
      SeqNum irs = seg.seq().plus(-1);
      SeqNum iss = seg.ack().plus(-1);
      int mss = cookies.check(key.localAddress(), key.localPort(), key.remoteAddress(),
          key.remotePort(), irs, iss, now);
      if (mss > 0) {
        if (l.acceptQueue.size() >= l.backlog) {
          l.queueOverflows++;
          return new Verdict.Dropped(DropReason.TCP_LISTEN_QUEUE_FULL);
        }
        synCookiesAccepted++;
        Tcb child = newTcb(key, l.config);
        parentOf.put(child, l);
        l.halfOpen.add(child);
        child.openPassive(now);
        child.restoreFromCookie(irs, iss, mss, cookieWindow(l), seg, now);
        child.segmentArrives(seg, now);
        deleteReturnedChildren(now);
        return Verdict.DELIVERED;
      }
    }
    if (!seg.syn() || seg.ackFlag() || seg.rst()) {
      // 3.10.7.2 for the listener itself: RST ignored, ACK answered with a reset, rest dropped.
      Segment reply = null;
      if (seg.ackFlag() && !seg.rst()) {
        reply = Segment.control(seg.ack(), SeqNum.of(0), dev.netspec.wire.TcpView.RST, 0);
        sendReset(key, reply, now);
      }
      if (probe != null) {
        probe.segmentWithoutTcb(this, seg, true, reply, now);
      }
      return new Verdict.Dropped(DropReason.TCP_NOT_FOR_LISTENER);
    }
    // As 4.4BSD's sonewconn: at most 3/2 * backlog half-open plus unaccepted connections.
    if (l.halfOpen.size() + l.acceptQueue.size() >= Math.max(1, 3 * l.backlog / 2)) {
      if (synCookiesEnabled && l.acceptQueue.size() < l.backlog) {
        // RFC 4987 3.6: answer statelessly; the state comes back with the client's ACK.
        int peerMss = seg.options().mss() > 0 ? seg.options().mss() : 536;
        SeqNum iss = cookies.make(key.localAddress(), key.localPort(), key.remoteAddress(),
            key.remotePort(), seg.seq(), peerMss, now);
        synCookiesSent++;
        transmit(key.localAddress(), key.localPort(), key.remoteAddress(), key.remotePort(),
            new Segment(iss, seg.seq().plus(1), dev.netspec.wire.TcpView.SYN
                | dev.netspec.wire.TcpView.ACK, cookieWindow(l), cookieOptions(l.config, seg, iss, now),
                Segment.NO_DATA), now);
        return Verdict.DELIVERED;
      }
      l.queueOverflows++;
      return new Verdict.Dropped(DropReason.TCP_LISTEN_QUEUE_FULL);
    }
    Tcb child = newTcb(key, l.config);
    parentOf.put(child, l);
    l.halfOpen.add(child);
    child.openPassive(now);
    child.segmentArrives(seg, now);
    return Verdict.DELIVERED;
  }

  /**
   * Options of a cookie SYN,ACK: our MSS; and, if the SYN carried timestamps and we use them, a
   * timestamp whose TSval encodes the SYN's window shift and SACK-permitted, with our own window
   * shift and SACK-permitted answered as a normal SYN,ACK would (RFC 7323 2.2, 3.2; RFC 2018 2).
   */
  private static dev.netspec.wire.TcpOptions cookieOptions(TcpConfig cfg, Segment syn, SeqNum iss,
      long now) {
    dev.netspec.wire.TcpOptions o = dev.netspec.wire.TcpOptions.NONE.withMss(cfg.mss());
    dev.netspec.wire.TcpOptions.Timestamps ts = syn.options().timestamps();
    if (!cfg.timestamps() || ts == null) {
      return o; // nowhere to keep the options: the connection runs without them
    }
    // Scaling is used only if both SYNs carry the option (RFC 7323 2.2), so "none" when we do not offer it.
    int peerScale = syn.options().windowScale() < 0 || cfg.windowScale() < 0 ? -1
        : Math.min(14, syn.options().windowScale());
    boolean sack = cfg.sack() && syn.options().sackPermitted();
    int tsval = SynCookies.encodeTsval(Tcb.tsClock(now, iss), new SynCookies.Options(peerScale, sack));
    o = o.withTimestamps(new dev.netspec.wire.TcpOptions.Timestamps(tsval, ts.value()));
    if (peerScale >= 0) {
      o = o.withWindowScale(cfg.windowScale());
    }
    return sack ? o.withSackPermitted(true) : o;
  }

  /** The window a cookie SYN,ACK offers: the receive buffer, unscaled (no scaling on cookies). */
  private static int cookieWindow(Listener l) {
    return Math.min(l.config.receiveBuffer(), 0xFFFF);
  }

  /** SYN cookies on overflow (default on, as in Linux); off: excess SYNs are dropped. */
  public void setSynCookies(boolean on) {
    synCookiesEnabled = on;
  }

  public long synCookiesSent() {
    return synCookiesSent;
  }

  public long synCookiesAccepted() {
    return synCookiesAccepted;
  }

  // ---------------------------------------------------------------- output

  private void sendReset(Key key, Segment rst, long now) {
    resetsSent++;
    transmit(key.localAddress(), key.localPort(), key.remoteAddress(), key.remotePort(), rst,
        now);
  }

  /** The TCBs' output: builds the packet, the payload copied in before {@code send} returns. */
  private final Tcb.Output output = new Tcb.Output() {
    @Override
    public void send(Tcb t, Segment s, long now) {
      transmit(t.localAddress(), t.localPort(), t.remoteAddress(), t.remotePort(), s, now);
    }

    @Override
    public boolean copiesPayloadAtOnce() {
      return true;
    }
  };

  private void transmit(Ipv4Addr src, int srcPort, Ipv4Addr dst, int dstPort, Segment s,
      long now) {
    TcpHeader h = new TcpHeader(srcPort, dstPort, s.seq().value(), s.ack().value(), s.flags(),
        s.window(), 0, s.options());
    // A segment larger than a cluster exists only on a link whose MTU is beyond Ethernet's (a
    // loopback-like link, NetInterface.MAX_MTU): it gets a buffer of its own, as Linux's
    // loopback carries up to 64 KiB in one skb. The pool serves everything that fits Ethernet.
    // The headroom is IP's and Ethernet's (NetStack.HEADROOM) plus our own header's: with less,
    // IP would find too little room in front and copy the whole segment into a new buffer.
    int headroom = NetStack.HEADROOM + h.headerLen();
    Mbuf m = headroom + s.dataLength() > dev.netspec.buf.MbufPool.MAX_BYTES
        ? Mbuf.unpooled(headroom, s.dataLength())
        : stack.pool().tryAllocate(headroom, s.dataLength());
    if (m == null) {
      segmentsLost++; // like a loss on the wire: the retransmission timer recovers
      return;
    }
    // Straight from the send buffer when the segment is a view of it, summed for the checksum
    // during the copy, so that the checksum reads only the header afterwards.
    int payloadSum = s.appendDataTo(m);
    h.prependTo(m, src, dst, payloadSum);
    OutputResult r = stack.output(src, dst, Ipv4View.PROTO_TCP, m, now);
    if (r.accepted()) {
      segmentsOut++;
    } else {
      segmentsLost++;
    }
  }

  public long segmentsOut() {
    return segmentsOut;
  }

  /** Segments that never left: no buffer, no route, full queue (the timers recover). */
  public long segmentsLost() {
    return segmentsLost;
  }

  public long resetsSent() {
    return resetsSent;
  }

  /** Segments that passed the header checks (checksum included) and were processed. */
  public long segmentsIn() {
    return segmentsIn;
  }

  /** Of {@link #segmentsIn()}, those with RST set. */
  public long resetsReceived() {
    return resetsReceived;
  }
}
