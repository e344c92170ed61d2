package dev.netspec.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.net.DropReason;
import dev.netspec.tcp.TcpConfig;
import dev.netspec.tcp.TcpDiagram;
import dev.netspec.tcp.TcpState;
import dev.netspec.wire.Ipv4Addr;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stream sockets API on two hosts over NetStack (ARP, IPv4, TCP checksums, timers). */
class TcpSocketsTest {
  static final long MS = 1_000_000L;
  static final long S = 1_000_000_000L;

  private final TcpNet net = new TcpNet(7, TcpNet.Faults.none(), TcpConfig.forTests());
  private final TcpSockets sa = net.a.sockets;
  private final TcpSockets sb = net.b.sockets;
  private final List<String> illegal = new ArrayList<>();

  TcpSocketsTest() {
    for (TcpNet.Host h : List.of(net.a, net.b)) {
      h.tcp.addObserver((t, from, to, cause, now) -> {
        if (!TcpDiagram.isEdge(from, to)) {
          illegal.add(from + "->" + to);
        }
      });
    }
  }

  @AfterEach
  void noLeaksAndOnlyLegalEdges() {
    net.closeAndCheck();
    assertEquals(List.of(), illegal);
  }

  private int listening(int port, int backlog) {
    int fd = sb.socket().orThrow();
    assertTrue(sb.bind(fd, Ipv4Addr.ANY, port).isOk());
    assertTrue(sb.listen(fd, backlog).isOk());
    return fd;
  }

  @Test
  void connectAcceptExchangeAndCloseBothWays() {
    int lfd = listening(80, 4);
    int c = sa.socket().orThrow();
    assertEquals(Errno.EINPROGRESS, sa.connect(c, TcpNet.IP_B, 80, net.now).errno());
    assertFalse(sa.poll(c).writable(), "not writable before the handshake");
    assertEquals(Errno.EAGAIN, sb.accept(lfd).errno());
    net.runFor(100 * MS);
    assertTrue(sa.poll(c).writable());
    assertTrue(sb.poll(lfd).readable(), "a connection to accept");
    int s = sb.accept(lfd).orThrow();

    byte[] msg = new byte[50_000];
    new java.util.Random(1).nextBytes(msg);
    int off = 0;
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (got.size() < msg.length) {
      if (off < msg.length) {
        SysResult<Integer> r = sa.send(c, msg, off, msg.length - off, net.now);
        if (r.isOk()) {
          off += r.orThrow();
        } else {
          assertEquals(Errno.EAGAIN, r.errno());
        }
      }
      net.runFor(10 * MS);
      SysResult<Integer> r;
      while ((r = sb.recv(s, buf, 0, buf.length, net.now)).isOk() && r.orThrow() > 0) {
        got.write(buf, 0, r.orThrow());
      }
    }
    assertArrayEquals(msg, got.toByteArray());
    assertEquals(Errno.EAGAIN, sb.recv(s, buf, 0, buf.length, net.now).errno());

    assertTrue(sa.shutdown(c, TcpSockets.How.WRITE, net.now).isOk());
    net.runFor(100 * MS);
    assertEquals(0, sb.recv(s, buf, 0, buf.length, net.now).orThrow(), "end of stream");
    assertEquals(Errno.EPIPE, sa.send(c, msg, 0, 1, net.now).errno());
    assertTrue(sb.send(s, "reply".getBytes(), 0, 5, net.now).isOk(), "half-close: B still sends");
    net.runFor(100 * MS);
    assertEquals(5, sa.recv(c, buf, 0, buf.length, net.now).orThrow());
    sb.close(s, net.now);
    sa.close(c, net.now);
    sb.close(lfd, net.now);
    net.runFor(5 * S);
    assertEquals(0, net.a.tcp.connectionCount());
    assertEquals(0, net.b.tcp.connectionCount());
  }

  @Test
  void connectToClosedPortIsRefused() {
    int c = sa.socket().orThrow();
    sa.connect(c, TcpNet.IP_B, 81, net.now);
    net.runFor(100 * MS);
    assertTrue(sa.poll(c).error());
    assertEquals(Errno.ECONNREFUSED, sa.error(c));
    assertNull(sa.error(c), "SO_ERROR is cleared by reading it");
    assertEquals(1, net.b.stack.stats().inputDrops(DropReason.TCP_NO_CONNECTION));
    sa.close(c, net.now);
  }

  @Test
  void connectToSilentHostTimesOut() {
    net.faults = new TcpNet.Faults(1.0, 0, 0, 0, 100_000L);
    int c = sa.socket().orThrow();
    sa.connect(c, TcpNet.IP_B, 80, net.now);
    net.runFor(2_000 * S);
    assertEquals(Errno.ETIMEDOUT, sa.error(c));
    sa.close(c, net.now);
  }

  @Test
  void bindErrors() {
    int l = listening(80, 1);
    int x = sb.socket().orThrow();
    assertEquals(Errno.EADDRINUSE, sb.bind(x, Ipv4Addr.ANY, 80).errno());
    assertEquals(Errno.EADDRNOTAVAIL, sb.bind(x, Ipv4Addr.parse("10.9.9.9"), 90).errno());
    assertTrue(sb.bind(x, Ipv4Addr.ANY, 0).isOk());
    assertEquals(Errno.EINVAL, sb.bind(x, Ipv4Addr.ANY, 91).errno());
    assertEquals(Errno.EBADF, sb.bind(99, Ipv4Addr.ANY, 92).errno());
    assertEquals(Errno.EINVAL, sb.accept(x).errno());
    assertEquals(Errno.ENOTCONN, sb.send(x, new byte[1], 0, 1, 0).errno());
    sb.close(x, 0);
    sb.close(l, 0);
  }

  @Test
  void backlogBoundsTheAcceptQueueAndExtraSynsAreDropped() {
    net.b.tcp.setSynCookies(false);
    int lfd = listening(80, 2);
    int[] c = new int[4];
    for (int i = 0; i < c.length; i++) {
      c[i] = sa.socket().orThrow();
      sa.connect(c[i], TcpNet.IP_B, 80, net.now);
      if (i == 0) {
        net.runFor(100 * MS); // ARP resolved: the next SYNs are not held for it
      }
    }
    net.runFor(200 * MS);
    assertTrue(net.b.stack.stats().inputDrops(DropReason.TCP_LISTEN_QUEUE_FULL) > 0);
    for (int i = 0; i < 3; i++) {
      assertTrue(sb.accept(lfd).isOk(), "3/2 * backlog admitted (4.4BSD)");
    }
    assertEquals(Errno.EAGAIN, sb.accept(lfd).errno());
    net.runFor(5 * S); // the refused SYNs are retransmitted and now find room
    assertTrue(sb.accept(lfd).isOk());
    for (int fd : c) {
      sa.close(fd, net.now);
    }
    for (int fd = 0; fd < 16; fd++) {
      sb.close(fd, net.now);
    }
    net.runFor(10 * S);
  }

  @Test
  void lingerZeroResetsAndPeerSeesEconnreset() {
    int lfd = listening(80, 1);
    int c = sa.socket().orThrow();
    sa.connect(c, TcpNet.IP_B, 80, net.now);
    net.runFor(100 * MS);
    int s = sb.accept(lfd).orThrow();
    sa.setLinger(c, true, 0);
    sa.close(c, net.now);
    net.runFor(100 * MS);
    byte[] buf = new byte[10];
    assertEquals(Errno.ECONNRESET, sb.recv(s, buf, 0, 10, net.now).errno());
    assertEquals(TcpState.CLOSED, sb.tcbOf(s).state());
    sb.close(s, net.now);
    sb.close(lfd, net.now);
  }

  @Test
  void noDelayOptionReachesTheConnection() {
    int lfd = listening(80, 1);
    int c = sa.socket().orThrow();
    sa.connect(c, TcpNet.IP_B, 80, net.now);
    net.runFor(100 * MS);
    assertTrue(sa.setNoDelay(c, true, net.now).isOk());
    long before = net.a.tcp.segmentsOut();
    for (int i = 0; i < 3; i++) {
      sa.send(c, new byte[10], 0, 10, net.now);
    }
    assertEquals(before + 3, net.a.tcp.segmentsOut());
    sa.close(c, net.now);
    sb.close(lfd, net.now);
    net.runFor(5 * S);
  }
}
