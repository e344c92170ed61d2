package dev.netspec.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.netspec.buf.Mbuf;
import dev.netspec.buf.MbufPool;
import dev.netspec.net.NetInterface;
import dev.netspec.net.NetStack;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link TcpLayer}'s timer queue against the scan it replaced: the same seeded two-host world
 * (several connections, random opens, sends, receives, closes and aborts, a lossy delaying wire,
 * short MSL and keepalive so every timer kind fires) is run twice, once driven by {@link
 * TcpLayer#pollAt()} / {@link TcpLayer#poll(long)} and once by a naive scan over {@link
 * TcpLayer#connections()} kept here (the old implementation: the minimum of every connection's
 * pollAt; onTimer on each connection, oldest first, whose pollAt is due when its turn comes). The
 * two runs must emit the same frames and make the same state changes at the same virtual times,
 * and at every step the queue's pollAt must equal the scan's minimum.
 */
class TimerQueueTest {
  private static final Ipv4Addr IP_A = Ipv4Addr.parse("10.0.0.1");
  private static final Ipv4Addr IP_B = Ipv4Addr.parse("10.0.0.2");
  private static final long MS = 1_000_000L;

  private record Frame(long at, long order, int to, byte[] bytes) {}

  /** One world; {@code naive} picks the scheduler. */
  private static final class World {
    final boolean naive;
    final SplittableRandom wire;
    final NetStack[] stacks = new NetStack[2];
    final TcpLayer[] tcp = new TcpLayer[2];
    final PriorityQueue<Frame> frames = new PriorityQueue<>((x, y) -> x.at != y.at
        ? Long.compare(x.at, y.at) : Long.compare(x.order, y.order));
    final List<String> trace = new ArrayList<>();
    final double loss;
    long order;
    long now;
    int maxEntriesOverLive;

    World(boolean naive, long seed, double loss) {
      this.naive = naive;
      this.wire = new SplittableRandom(seed);
      this.loss = loss;
      String[] macs = {"52:54:00:00:00:0a", "52:54:00:00:00:0b"};
      Ipv4Addr[] ips = {IP_A, IP_B};
      for (int i = 0; i < 2; i++) {
        int me = i;
        stacks[i] = new NetStack(new MbufPool(256, 256), NetStack.Config.host());
        byte[] secret = new byte[16];
        new SplittableRandom(seed + i).nextBytes(secret);
        tcp[i] = new TcpLayer(stacks[i], secret);
        tcp[i].addObserver((t, from, to, cause, at) ->
            trace.add(at + " h" + me + " " + t.localPort() + ">" + t.remotePort() + " " + from
                + "->" + to));
        tcp[i].setProbe(new TcpProbe() {
          @Override
          public void timerExpired(Tcb t, TcpProbe.Timer timer, long at) {
            trace.add(at + " h" + me + " " + t.localPort() + ">" + t.remotePort() + " timer "
                + timer);
          }
        });
        stacks[i].addInterface(NetInterface.ethernet("eth0", MacAddr.parse(macs[i]), ips[i], 24),
            f -> {
              send(me, f);
              return true;
            });
      }
    }

    private void send(int from, Mbuf f) {
      byte[] bytes;
      try (f) {
        bytes = f.toByteArray();
      }
      trace.add(now + " h" + from + " tx " + HexFormat.of().formatHex(bytes));
      if (wire.nextDouble() < loss) {
        return;
      }
      long delay = (1 + wire.nextInt(3)) * MS; // coarse delays: many events at equal times
      frames.add(new Frame(now + delay, order++, 1 - from, bytes));
    }

    private static long scanPollAt(TcpLayer l) {
      long at = Long.MAX_VALUE;
      for (Tcb t : l.connections()) {
        at = Math.min(at, t.pollAt());
      }
      return at;
    }

    private static void scanPoll(TcpLayer l, long now) {
      for (Tcb t : l.connections()) {
        if (t.pollAt() <= now) {
          t.onTimer(now);
        }
      }
    }

    private long tcpAt(int i) {
      long scan = scanPollAt(tcp[i]);
      if (naive) {
        return scan;
      }
      long q = tcp[i].pollAt();
      assertEquals(scan, q, "pollAt at " + now);
      int live = tcp[i].connectionCount();
      maxEntriesOverLive = Math.max(maxEntriesOverLive, tcp[i].timerEntries() - 2 * live);
      return q;
    }

    private long due(long at) {
      return at == Long.MIN_VALUE ? now : at;
    }

    boolean step(long limit) {
      long next = frames.isEmpty() ? Long.MAX_VALUE : frames.peek().at();
      for (int i = 0; i < 2; i++) {
        next = Math.min(next, due(stacks[i].pollAt()));
        next = Math.min(next, tcpAt(i));
      }
      if (next == Long.MAX_VALUE || next > limit) {
        return false;
      }
      now = Math.max(now, next);
      while (!frames.isEmpty() && frames.peek().at() <= now) {
        Frame f = frames.poll();
        Mbuf m = stacks[f.to()].pool().tryCopyOf(f.bytes());
        if (m != null) {
          stacks[f.to()].receive(0, m, now);
        }
      }
      for (int i = 0; i < 2; i++) {
        if (due(stacks[i].pollAt()) <= now) {
          stacks[i].poll(now);
        }
        if (tcpAt(i) <= now) {
          if (naive) {
            scanPoll(tcp[i], now);
          } else {
            tcp[i].poll(now);
          }
        }
      }
      return true;
    }

    void runUntil(long until) {
      while (step(until)) {
        // keep going
      }
      now = Math.max(now, until);
    }
  }

  /** Runs one seeded script in a world; returns its trace. */
  private static World run(boolean naive, long seed) {
    SplittableRandom script = new SplittableRandom(seed);
    double loss = script.nextInt(4) * 0.1;
    TcpConfig cfg = TcpConfig.forTests().withMsl((20 + script.nextInt(200)) * MS)
        .withMaxRetransmissions(3 + script.nextInt(4));
    if (script.nextBoolean()) {
      cfg = cfg.withKeepalive((100 + script.nextInt(400)) * MS);
    }
    if (script.nextBoolean()) {
      cfg = cfg.withBuffers(4096, 4096); // small windows: persist timer, partial sends
    }
    World w = new World(naive, seed ^ 0x9e3779b97f4a7c15L, loss);
    TcpLayer.Listener listener = w.tcp[1].listen(IP_B, 80, 4, cfg);
    List<Tcb> conns = new ArrayList<>();
    byte[] data = new byte[6000];
    byte[] into = new byte[6000];
    int ops = 20 + script.nextInt(60);
    for (int k = 0; k < ops; k++) {
      // Opens at the same virtual time make equal deadlines: the order among them matters.
      w.runUntil(w.now + script.nextInt(4) * 50 * MS);
      int op = script.nextInt(10);
      if (op < 2 || conns.isEmpty()) {
        Tcb t = w.tcp[0].connect(IP_A, 0, IP_B, 80, cfg, w.now);
        if (t != null) {
          conns.add(t);
        }
      } else if (op == 2) {
        Tcb t = w.tcp[1].accept(listener);
        if (t != null) {
          conns.add(t);
        }
      } else {
        Tcb t = conns.get(script.nextInt(conns.size()));
        switch (op) {
          case 3, 4, 5 -> t.send(data, 0, 1 + script.nextInt(data.length), w.now);
          case 6, 7 -> t.receive(into, 0, 1 + script.nextInt(into.length), w.now);
          case 8 -> t.close(w.now);
          default -> {
            if (script.nextInt(4) == 0) {
              t.abort(w.now);
            } else {
              t.close(w.now);
            }
          }
        }
        w.trace.add(w.now + " op " + op + " " + t.state());
      }
    }
    w.runUntil(w.now + 120_000 * MS); // every timer runs out: retransmissions give up, TIME-WAIT ends
    return w;
  }

  @Test
  void timersFireAtTheSameVirtualTimesAsAScan() {
    qt().withExamples(60).withShrinkCycles(10).forAll(longs().all()).checkAssert(seed -> {
      World scan = run(true, seed);
      World queue = run(false, seed);
      assertEquals(scan.trace.size(), queue.trace.size(), "trace length, seed " + seed);
      for (int i = 0; i < scan.trace.size(); i++) {
        assertEquals(scan.trace.get(i), queue.trace.get(i), "event " + i + ", seed " + seed);
      }
      // Connections never closed stay ESTABLISHED (no timer): both worlds keep the same ones.
      assertEquals(scan.tcp[0].connectionCount(), queue.tcp[0].connectionCount());
      assertEquals(scan.tcp[1].connectionCount(), queue.tcp[1].connectionCount());
      // Superseded entries are compacted away: at most 2 per live connection plus 64.
      assertTrue(queue.maxEntriesOverLive <= 64, "heap entries " + queue.maxEntriesOverLive);
    });
  }

  /** The scripts reach every timer kind (else the comparison could miss a kind's bug). */
  @Test
  void scriptsFireEveryTimerKind() {
    List<String> all = new ArrayList<>();
    for (long seed = 1; seed <= 30; seed++) {
      all.addAll(run(false, seed).trace);
    }
    for (TcpProbe.Timer kind : TcpProbe.Timer.values()) {
      assertTrue(all.stream().anyMatch(s -> s.endsWith(" timer " + kind)), kind + " fired");
    }
  }
}
