package dev.netspec.tcp;

import dev.netspec.wire.Ipv4Addr;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Two {@link Tcb}s joined by a direct segment channel with seeded faults: loss, duplication,
 * reordering (extra delay) and delay. Corruption is modelled as loss, because a corrupted segment
 * fails the checksum in {@code TcpHeader.parse} and never reaches a TCB. Runs in virtual time:
 * {@link #step} jumps to the next delivery or timer. Every state change of either end is recorded
 * (and {@link Tcb} itself refuses changes that are not diagram edges).
 */
final class SegmentChannel {
  static final Ipv4Addr IP_A = Ipv4Addr.parse("10.0.0.1");
  static final Ipv4Addr IP_B = Ipv4Addr.parse("10.0.0.2");
  static final int PORT_A = 49152;
  static final int PORT_B = 80;

  record Faults(double loss, double duplicate, double reorder, long delayNs, long jitterNs) {
    static Faults none() {
      return new Faults(0, 0, 0, 1_000_000L, 0);
    }
  }

  record Sent(long at, Tcb from, Segment segment) {}

  record Change(Tcb tcb, TcpState from, TcpState to, String cause, long at) {}

  private record InFlight(long at, long order, Tcb to, Segment segment) {}

  final Tcb a;
  final Tcb b;
  final List<Sent> log = new ArrayList<>();
  final List<Change> changes = new ArrayList<>();
  private final PriorityQueue<InFlight> queue = new PriorityQueue<>((x, y) -> x.at != y.at
      ? Long.compare(x.at, y.at) : Long.compare(x.order, y.order));
  private final SplittableRandom rnd;
  private Faults faults;
  private long order;
  long now;
  /** When false, segments are recorded but not delivered (scenario tests inspect them). */
  boolean deliver = true;
  /** Segments this returns true for are lost (targeted loss in scenario tests). */
  java.util.function.BiPredicate<Tcb, Segment> dropIf = (t, s) -> false;

  SegmentChannel(long seed, Faults faults, TcpConfig ca, TcpConfig cb) {
    this.rnd = new SplittableRandom(seed);
    this.faults = faults;
    byte[] secretA = new byte[16];
    byte[] secretB = new byte[16];
    rnd.nextBytes(secretA);
    rnd.nextBytes(secretB);
    a = new Tcb(IP_A, PORT_A, IP_B, PORT_B, ca, new IsnGenerator(secretA), this::send);
    b = new Tcb(IP_B, PORT_B, IP_A, PORT_A, cb, new IsnGenerator(secretB), this::send);
    for (Tcb t : List.of(a, b)) {
      t.addListener((tcb, from, to, cause, at) -> changes.add(new Change(tcb, from, to, cause, at)));
    }
  }

  void setFaults(Faults f) {
    faults = f;
  }

  Tcb peer(Tcb t) {
    return t == a ? b : a;
  }

  private void send(Tcb from, Segment s, long at) {
    log.add(new Sent(at, from, s));
    if (!deliver || dropIf.test(from, s)) {
      return;
    }
    int copies = rnd.nextDouble() < faults.duplicate() ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      if (rnd.nextDouble() < faults.loss()) {
        continue;
      }
      long delay = faults.delayNs() + (faults.jitterNs() > 0 ? rnd.nextLong(faults.jitterNs()) : 0);
      if (rnd.nextDouble() < faults.reorder()) {
        delay += faults.delayNs() * 3;
      }
      queue.add(new InFlight(at + delay, order++, peer(from), s));
    }
  }

  /** Segments in flight. */
  int inFlight() {
    return queue.size();
  }

  /** Delivers everything due next (or fires timers); false when nothing is left to happen. */
  boolean step(long limit) {
    long next = Math.min(queue.isEmpty() ? Long.MAX_VALUE : queue.peek().at(),
        Math.min(a.pollAt(), b.pollAt()));
    if (next == Long.MAX_VALUE || next > limit) {
      return false;
    }
    now = Math.max(now, next);
    while (!queue.isEmpty() && queue.peek().at() <= now) {
      InFlight f = queue.poll();
      f.to().segmentArrives(f.segment(), now);
    }
    for (Tcb t : List.of(a, b)) {
      if (t.pollAt() <= now) {
        t.onTimer(now);
      }
    }
    return true;
  }

  /** Runs until nothing is pending or {@code limit}. */
  void runUntil(long limit) {
    while (step(limit)) {
      // keep going
    }
    now = Math.max(now, Math.min(limit, now));
  }

  /** Delivers queued segments only, no timers beyond {@code now + window}. */
  void settle() {
    runUntil(now + 50_000_000L);
  }

  /** Hands {@code s} to {@code to} at once, as if it came from the wire (injection). */
  void inject(Tcb to, Segment s) {
    to.segmentArrives(s, now);
  }

  /** Segments sent by {@code t} since index {@code from} of the log. */
  List<Segment> sentBy(Tcb t, int from) {
    List<Segment> r = new ArrayList<>();
    for (int i = from; i < log.size(); i++) {
      if (log.get(i).from() == t) {
        r.add(log.get(i).segment());
      }
    }
    return r;
  }
}
