package dev.netspec.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The byte stream over random faulty networks: for 1,000 generated cases (loss, duplication,
 * reordering, delay, jitter, sizes, buffers, MSS, Nagle, window scaling, timestamps, SACK, how eagerly each
 * application reads), both directions either arrive exactly once and in order and both ends
 * reach CLOSED after close (through TIME-WAIT), or a connection reports an error and what
 * arrived is a prefix of what was sent. Every state change is an edge of the RFC 9293 diagram,
 * and each end's changes form one contiguous path from CLOSED.
 */
class StreamPropertyTest {
  static final long S = 1_000_000_000L;

  record Net(long seed, int lossPermille, int dupPermille, int reorderPermille, int delayMs,
      int sizeAb, int sizeBa, int mss, int rcvBuf, boolean noDelay, int windowScale,
      int readPercent) {}

  static Gen<Net> nets() {
    Gen<Integer> faults = integers().between(0, 120);
    return longs().all().zip(faults, faults.map(x -> x / 2), faults, integers().between(1, 20),
        (seed, loss, dup, reorder, delay) -> new long[] {seed, loss, dup, reorder, delay})
        .zip(integers().between(0, 20_000), integers().between(0, 6_000),
            integers().between(100, 1460), integers().between(1_000, 40_000),
            (p, ab, ba, mss, rcv) -> new long[] {p[0], p[1], p[2], p[3], p[4], ab, ba, mss, rcv})
        .zip(booleans().all(), integers().between(-1, 4), integers().between(20, 100),
            (p, nd, ws, rd) -> new Net(p[0], (int) p[1], (int) p[2], (int) p[3], (int) p[4],
                (int) p[5], (int) p[6], (int) p[7], (int) p[8], nd, ws, rd));
  }

  @Test
  void streamArrivesExactlyOnceInOrderOrAnErrorIsReported() {
    // make test: 1,000 networks; make check-deep passes -Dnetspec.tcp.examples=100000.
    qt().withExamples(
        Integer.getInteger("netspec.tcp.examples", 1000))
        .withShrinkCycles(50).forAll(nets()).checkAssert(this::run);
  }

  /** One application per end: writes its data, reads everything, closes when done writing. */
  private static final class App {
    final Tcb tcb;
    final byte[] out;
    int written;
    boolean closed;
    final ByteArrayOutputStream in = new ByteArrayOutputStream();
    boolean eof;

    App(Tcb tcb, byte[] out) {
      this.tcb = tcb;
      this.out = out;
    }

    void act(long now, SplittableRandom rnd, int readPercent) {
      TcpState st = tcb.state();
      if (st == TcpState.ESTABLISHED || st == TcpState.CLOSE_WAIT) {
        if (written < out.length) {
          written += tcb.send(out, written, out.length - written, now).bytes();
        }
        if (written == out.length && !closed) {
          closed = true;
          tcb.close(now);
        }
      }
      if (!eof && rnd.nextInt(100) < readPercent) {
        byte[] buf = new byte[1 + rnd.nextInt(4000)];
        int n = tcb.receive(buf, 0, buf.length, now);
        if (n > 0) {
          in.write(buf, 0, n);
        } else if (n < 0) {
          eof = true;
        }
      }
    }
  }

  void run(Net n) {
    SplittableRandom rnd = new SplittableRandom(n.seed());
    TcpConfig base = TcpConfig.forTests().withMss(n.mss()).withNoDelay(n.noDelay())
        .withWindowScale(n.windowScale()).withMaxRetransmissions(10)
        .withTimestamps((n.seed() & 1) == 0) // half the cases with RFC 7323 timestamps
        .withSack((n.seed() & 2) == 0); // half with SACK
    TcpConfig ca = base.withBuffers(16_384, n.rcvBuf());
    TcpConfig cb = base.withBuffers(8_192, Math.max(1_000, n.rcvBuf() / 2));
    SegmentChannel ch = new SegmentChannel(n.seed(), new SegmentChannel.Faults(
        n.lossPermille() / 1000.0, n.dupPermille() / 1000.0, n.reorderPermille() / 1000.0,
        n.delayMs() * 1_000_000L, n.delayMs() * 500_000L), ca, cb);
    byte[] ab = new byte[n.sizeAb()];
    byte[] ba = new byte[n.sizeBa()];
    rnd.nextBytes(ab);
    rnd.nextBytes(ba);
    App a = new App(ch.a, ab);
    App b = new App(ch.b, ba);
    ch.b.openPassive(0);
    ch.a.openActive(0);
    long limit = 4_000 * S;
    int steps = 0;
    while (steps++ < 500_000) {
      a.act(ch.now, rnd, n.readPercent());
      b.act(ch.now, rnd, n.readPercent());
      boolean done = ch.a.state() == TcpState.CLOSED && ch.b.state() == TcpState.CLOSED;
      if (done || !ch.step(limit)) {
        // Readers drain what is left once the network is quiet.
        if (!done && (ch.a.readable() > 0 || ch.b.readable() > 0)) {
          continue;
        }
        break;
      }
    }
    drain(a);
    drain(b);
    boolean failed = ch.a.error() != null || ch.b.error() != null;
    String ctx = n + " a=" + ch.a + " err=" + ch.a.error() + " b=" + ch.b + " err="
        + ch.b.error();
    if (!failed) {
      assertEquals(TcpState.CLOSED, ch.a.state(), ctx);
      assertEquals(TcpState.CLOSED, ch.b.state(), ctx);
      assertArrayEquals(ab, b.in.toByteArray(), ctx);
      assertArrayEquals(ba, a.in.toByteArray(), ctx);
    } else {
      assertPrefix(ab, b.in.toByteArray(), ctx);
      assertPrefix(ba, a.in.toByteArray(), ctx);
    }
    // Every change is an edge, and each end's changes chain from CLOSED.
    TcpState[] last = {TcpState.CLOSED, TcpState.CLOSED};
    for (SegmentChannel.Change c : ch.changes) {
      assertTrue(TcpDiagram.isEdge(c.from(), c.to()), c.toString());
      int i = c.tcb() == ch.a ? 0 : 1;
      assertEquals(last[i], c.from(), ctx);
      last[i] = c.to();
    }
  }

  private static void drain(App app) {
    byte[] buf = new byte[4096];
    int k;
    while ((k = app.tcb.receive(buf, 0, buf.length, 0)) > 0) {
      app.in.write(buf, 0, k);
    }
  }

  private static void assertPrefix(byte[] sent, byte[] got, String ctx) {
    assertTrue(got.length <= sent.length, ctx);
    assertArrayEquals(Arrays.copyOf(sent, got.length), got, "not a prefix: " + ctx);
  }
}
