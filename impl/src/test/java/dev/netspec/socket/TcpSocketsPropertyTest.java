package dev.netspec.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.netspec.tcp.TcpConfig;
import dev.netspec.tcp.TcpDiagram;
import dev.netspec.wire.Ipv4Addr;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The whole stack (sockets, TCP, IPv4, ARP, Ethernet frames) over random faulty links that also
 * flip bits: the stream arrives exactly once and in order or an error is reported, every
 * connection is gone at the end, every state change is a diagram edge, the ledgers balance and
 * no buffer leaks. Fewer cases than the TCB-level property (each one runs two full stacks).
 */
class TcpSocketsPropertyTest {
  static final long MS = 1_000_000L;
  static final long S = 1_000_000_000L;

  record Case(long seed, int loss, int dup, int reorder, int corrupt, int sizeAb, int sizeBa) {}

  static Gen<Case> cases() {
    Gen<Integer> f = integers().between(0, 100);
    return longs().all().zip(f, f, f, f, (s, l, d, r, c) -> new long[] {s, l, d, r, c})
        .zip(integers().between(0, 12_000), integers().between(0, 4_000),
            (p, ab, ba) -> new Case(p[0], (int) p[1], (int) p[2] / 2, (int) p[3], (int) p[4],
                ab, ba));
  }

  @Test
  void streamOverFaultyFramesIsExactOrFailsAndNothingLeaks() {
    // make test: 200 cases (examples / 5); make check-deep passes -Dnetspec.tcp.examples=100000.
    qt().withExamples(
        Integer.getInteger("netspec.tcp.examples", 1000) / 5)
        .withShrinkCycles(20).forAll(cases()).checkAssert(this::run);
  }

  void run(Case k) {
    TcpNet net = new TcpNet(k.seed(), new TcpNet.Faults(k.loss() / 1000.0, k.dup() / 1000.0,
        k.reorder() / 1000.0, k.corrupt() / 1000.0, 2 * MS),
        TcpConfig.forTests().withMaxRetransmissions(10));
    List<String> illegal = new ArrayList<>();
    for (TcpNet.Host h : List.of(net.a, net.b)) {
      h.tcp.addObserver((t, from, to, cause, now) -> {
        if (!TcpDiagram.isEdge(from, to)) {
          illegal.add(from + "->" + to);
        }
      });
    }
    SplittableRandom rnd = new SplittableRandom(k.seed());
    byte[] ab = new byte[k.sizeAb()];
    byte[] ba = new byte[k.sizeBa()];
    rnd.nextBytes(ab);
    rnd.nextBytes(ba);
    TcpSockets sa = net.a.sockets;
    TcpSockets sb = net.b.sockets;
    int lfd = sb.socket().orThrow();
    sb.bind(lfd, Ipv4Addr.ANY, 80).orThrow();
    sb.listen(lfd, 1).orThrow();
    int c = sa.socket().orThrow();
    sa.connect(c, TcpNet.IP_B, 80, net.now);
    int s = -1;
    int[] sent = {0, 0};
    boolean[] closed = {false, false};
    ByteArrayOutputStream gotB = new ByteArrayOutputStream();
    ByteArrayOutputStream gotA = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    Errno errA = null;
    Errno errB = null;
    for (int round = 0; round < 20_000 && net.now < 3_000 * S; round++) {
      if (s < 0) {
        SysResult<Integer> acc = sb.accept(lfd);
        if (acc.isOk()) {
          s = acc.orThrow();
        }
      }
      errA = pump(sa, c, ab, sent, 0, closed, gotA, buf, net.now, errA);
      if (s >= 0) {
        errB = pump(sb, s, ba, sent, 1, closed, gotB, buf, net.now, errB);
      }
      boolean quiet = net.a.tcp.connectionCount() == 0 && net.b.tcp.connectionCount() == 0;
      if (quiet && (s >= 0 || errA != null)) {
        break;
      }
      net.runFor(20 * MS);
    }
    sa.close(c, net.now);
    if (s >= 0) {
      sb.close(s, net.now);
    }
    sb.close(lfd, net.now);
    String ctx = k + " errA=" + errA + " errB=" + errB;
    if (errA == null && errB == null) {
      assertArrayEquals(ab, gotB.toByteArray(), ctx);
      assertArrayEquals(ba, gotA.toByteArray(), ctx);
      assertEquals(0, net.a.tcp.connectionCount(), ctx);
      assertEquals(0, net.b.tcp.connectionCount(), ctx);
    } else {
      assertPrefix(ab, gotB.toByteArray(), ctx);
      assertPrefix(ba, gotA.toByteArray(), ctx);
    }
    net.runFor(3_000 * S); // let whatever is left finish or time out
    assertEquals(List.of(), illegal, ctx);
    net.closeAndCheck();
  }

  /** Sends what fits, reads what is there, shuts down writing when done; returns an error. */
  private static Errno pump(TcpSockets so, int fd, byte[] data, int[] sent, int i,
      boolean[] closed, ByteArrayOutputStream got, byte[] buf, long now, Errno err) {
    if (err != null) {
      return err;
    }
    if (so.poll(fd).writable() && sent[i] < data.length) {
      SysResult<Integer> r = so.send(fd, data, sent[i], data.length - sent[i], now);
      if (r.isOk()) {
        sent[i] += r.orThrow();
      } else if (r.errno() != Errno.EAGAIN) {
        return r.errno();
      }
    }
    if (sent[i] == data.length && !closed[i] && so.poll(fd).writable()) {
      closed[i] = true;
      so.shutdown(fd, TcpSockets.How.WRITE, now);
    }
    while (true) {
      SysResult<Integer> r = so.recv(fd, buf, 0, buf.length, now);
      if (!r.isOk()) {
        return r.errno() == Errno.EAGAIN ? null : r.errno();
      }
      if (r.orThrow() == 0) {
        return null;
      }
      got.write(buf, 0, r.orThrow());
    }
  }

  private static void assertPrefix(byte[] sent, byte[] got, String ctx) {
    assertTrue(got.length <= sent.length, ctx);
    assertArrayEquals(Arrays.copyOf(sent, got.length), got, "not a prefix: " + ctx);
  }
}
