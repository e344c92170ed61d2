package dev.netspec.socket;

import dev.netspec.buf.Mbuf;
import dev.netspec.buf.MbufPool;
import dev.netspec.net.NetInterface;
import dev.netspec.net.NetStack;
import dev.netspec.tcp.TcpConfig;
import dev.netspec.tcp.TcpLayer;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Two hosts (pool, NetStack, TcpLayer, TcpSockets) on one simulated Ethernet segment with seeded
 * loss, duplication, reordering, bit-flip corruption and delay, driven in virtual time: {@link
 * #step} jumps to the next frame delivery or the next timer of either stack.
 */
final class TcpNet {
  static final Ipv4Addr IP_A = Ipv4Addr.parse("10.0.0.1");
  static final Ipv4Addr IP_B = Ipv4Addr.parse("10.0.0.2");

  record Faults(double loss, double duplicate, double reorder, double corrupt, long delayNs) {
    static Faults none() {
      return new Faults(0, 0, 0, 0, 100_000L);
    }
  }

  final class Host {
    final MbufPool pool = new MbufPool(256, 256);
    final NetStack stack = new NetStack(pool, NetStack.Config.host());
    final TcpLayer tcp;
    final TcpSockets sockets;

    Host(String mac, Ipv4Addr ip, long secretSeed, TcpConfig cfg) {
      byte[] secret = new byte[16];
      new SplittableRandom(secretSeed).nextBytes(secret);
      tcp = new TcpLayer(stack, secret);
      sockets = new TcpSockets(tcp, cfg, 16);
      stack.addInterface(NetInterface.ethernet("eth0", MacAddr.parse(mac), ip, 24), f -> {
        wire(this, f);
        return true;
      });
    }
  }

  private record Frame(long at, long order, Host to, byte[] bytes) {}

  final Host a;
  final Host b;
  private final PriorityQueue<Frame> frames = new PriorityQueue<>((x, y) -> x.at != y.at
      ? Long.compare(x.at, y.at) : Long.compare(x.order, y.order));
  private final SplittableRandom rnd;
  Faults faults;
  private long order;
  long now;
  long framesCorrupted;

  TcpNet(long seed, Faults faults, TcpConfig cfg) {
    this.rnd = new SplittableRandom(seed);
    this.faults = faults;
    a = new Host("52:54:00:00:00:0a", IP_A, seed ^ 0x5a5a, cfg);
    b = new Host("52:54:00:00:00:0b", IP_B, seed ^ 0xa5a5, cfg);
  }

  private void wire(Host from, Mbuf frame) {
    byte[] bytes;
    try (frame) {
      bytes = frame.toByteArray();
    }
    Host to = from == a ? b : a;
    int copies = rnd.nextDouble() < faults.duplicate() ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      if (rnd.nextDouble() < faults.loss()) {
        continue;
      }
      byte[] copy = bytes.clone();
      if (rnd.nextDouble() < faults.corrupt()) {
        // One flipped bit past the Ethernet header: the IPv4 or TCP checksum must catch it.
        int bit = 14 * 8 + rnd.nextInt((copy.length - 14) * 8);
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        framesCorrupted++;
      }
      long delay = faults.delayNs() + (rnd.nextDouble() < faults.reorder() ? 3 * faults.delayNs()
          : 0);
      frames.add(new Frame(now + delay, order++, to, copy));
    }
  }

  private static long due(long at, long now) {
    return at == Long.MIN_VALUE ? now : at;
  }

  /** One event: the next frame or timer. False when nothing is pending before {@code limit}. */
  boolean step(long limit) {
    long next = frames.isEmpty() ? Long.MAX_VALUE : frames.peek().at();
    for (Host h : List.of(a, b)) {
      next = Math.min(next, due(h.stack.pollAt(), now));
      next = Math.min(next, h.tcp.pollAt());
    }
    if (next == Long.MAX_VALUE || next > limit) {
      return false;
    }
    now = Math.max(now, next);
    while (!frames.isEmpty() && frames.peek().at() <= now) {
      Frame f = frames.poll();
      Mbuf m = f.to().pool.tryCopyOf(f.bytes());
      if (m != null) {
        f.to().stack.receive(0, m, now);
      }
    }
    for (Host h : List.of(a, b)) {
      if (due(h.stack.pollAt(), now) <= now) {
        h.stack.poll(now);
      }
      if (h.tcp.pollAt() <= now) {
        h.tcp.poll(now);
      }
    }
    return true;
  }

  void runFor(long ns) {
    long limit = now + ns;
    while (step(limit)) {
      // keep going
    }
    now = Math.max(now, limit);
  }

  /** Closes both stacks and checks for buffer leaks and balanced ledgers. */
  void closeAndCheck() {
    for (Host h : List.of(a, b)) {
      h.stack.close();
      if (!h.stack.stats().inputBalanced() || !h.stack.stats().outputBalanced()) {
        throw new AssertionError("ledger does not balance: " + h.stack.stats());
      }
      h.pool.checkNoLeaks();
    }
  }
}
