package dev.netspec.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.buf.Mbuf;
import dev.netspec.net.DropReason;
import dev.netspec.tcp.Tcb;
import dev.netspec.tcp.TcpConfig;
import dev.netspec.tcp.TcpState;
import dev.netspec.wire.EthernetHeader;
import dev.netspec.wire.EthernetView;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.Ipv4Header;
import dev.netspec.wire.Ipv4View;
import dev.netspec.wire.MacAddr;
import dev.netspec.wire.TcpHeader;
import dev.netspec.wire.TcpOptions;
import dev.netspec.wire.TcpView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SYN floods and blind injection from spoofed sources, as frames on the wire. */
class TcpAttackTest {
  static final long MS = 1_000_000L;
  static final long S = 1_000_000_000L;

  private final TcpNet net = new TcpNet(3, TcpNet.Faults.none(), TcpConfig.forTests());

  @AfterEach
  void noLeaks() {
    net.closeAndCheck();
  }

  /** Builds a frame to B from a spoofed {@code src}, as an attacker on the segment would. */
  private void inject(Ipv4Addr src, int srcPort, int dstPort, int seq, int ack, int flags,
      byte[] data) {
    inject(net, src, srcPort, dstPort, seq, ack, flags, data);
  }

  private static void inject(TcpNet net, Ipv4Addr src, int srcPort, int dstPort, int seq, int ack,
      int flags, byte[] data) {
    Mbuf m = net.b.pool.tryAllocate(64, 40 + data.length);
    m.appendBytes(data);
    new TcpHeader(srcPort, dstPort, seq, ack, flags, 1000, 0, TcpOptions.NONE)
        .prependTo(m, src, TcpNet.IP_B);
    Ipv4Header.of(src, TcpNet.IP_B, Ipv4View.PROTO_TCP, 1, m.readableBytes()).prependTo(m);
    new EthernetHeader(MacAddr.parse("52:54:00:00:00:0b"), MacAddr.parse("52:54:00:00:00:66"),
        null, EthernetView.TYPE_IPV4).prependTo(m);
    net.b.stack.receive(0, m, net.now);
  }

  @Test
  void withoutCookiesASynFloodIsBoundedAndClientsGetInOnceItEnds() {
    net.b.tcp.setSynCookies(false);
    TcpSockets sb = net.b.sockets;
    int lfd = sb.socket().orThrow();
    sb.bind(lfd, Ipv4Addr.ANY, 80).orThrow();
    sb.listen(lfd, 4).orThrow();
    for (int i = 0; i < 1000; i++) {
      // Spoofed sources off-link (TEST-NET-1): B has no route back, so its SYN,ACKs die at once.
      inject(Ipv4Addr.of(192, 0, 2, 1 + (i % 100)), 1024 + i, 80, i * 7919, 0, TcpView.SYN,
          new byte[0]);
    }
    assertEquals(6, net.b.tcp.connectionCount(), "3/2 * backlog half-open entries, no more");
    assertEquals(994, net.b.stack.stats().inputDrops(DropReason.TCP_LISTEN_QUEUE_FULL));
    // The half-open entries give up after their SYN,ACK retransmissions; then a client gets in.
    net.runFor(2_000 * S);
    assertEquals(0, net.b.tcp.connectionCount());
    TcpSockets sa = net.a.sockets;
    int c = sa.socket().orThrow();
    sa.connect(c, TcpNet.IP_B, 80, net.now);
    net.runFor(100 * MS);
    assertTrue(sb.accept(lfd).isOk());
    sa.close(c, net.now);
    for (int fd = 0; fd < 4; fd++) {
      sb.close(fd, net.now);
    }
    net.runFor(10 * S);
  }

  @Test
  void withCookiesAClientGetsInDuringTheFloodWithoutNewState() {
    TcpSockets sb = net.b.sockets;
    int lfd = sb.socket().orThrow();
    sb.bind(lfd, Ipv4Addr.ANY, 80).orThrow();
    sb.listen(lfd, 4).orThrow();
    for (int i = 0; i < 1000; i++) {
      inject(Ipv4Addr.of(192, 0, 2, 1 + (i % 100)), 1024 + i, 80, i * 7919, 0, TcpView.SYN,
          new byte[0]);
    }
    assertEquals(6, net.b.tcp.connectionCount(), "half-open state stays bounded");
    assertEquals(994, net.b.tcp.synCookiesSent(), "RFC 4987 3.6: the rest got cookies");
    TcpSockets sa = net.a.sockets;
    int c = sa.socket().orThrow();
    sa.connect(c, TcpNet.IP_B, 80, net.now);
    net.runFor(100 * MS);
    assertEquals(1, net.b.tcp.synCookiesAccepted());
    int s = sb.accept(lfd).orThrow();
    assertEquals(TcpState.ESTABLISHED, sb.tcbOf(s).state());
    // The SYN's options survived the cookie, kept in the SYN,ACK's timestamp (SynCookies).
    Tcb server = sb.tcbOf(s);
    Tcb client = sa.tcbOf(c);
    assertTrue(server.timestampsOn() && client.timestampsOn(), "timestamps on both ends");
    assertTrue(server.sackOn() && client.sackOn(), "SACK on both ends");
    assertEquals(client.receiveScale(), server.sendScale(), "server scales by the client's shift");
    assertEquals(server.receiveScale(), client.sendScale(), "client scales by the server's shift");
    sa.send(c, "through".getBytes(), 0, 7, net.now);
    net.runFor(300 * MS);
    byte[] buf = new byte[16];
    assertEquals(7, sb.recv(s, buf, 0, 16, net.now).orThrow());
    // A forged ACK (wrong cookie) creates nothing and is answered like any stray ACK.
    int before = net.b.tcp.connectionCount();
    inject(Ipv4Addr.of(10, 0, 0, 77), 5555, 80, 1000, 123456, TcpView.ACK, new byte[0]);
    assertEquals(before, net.b.tcp.connectionCount());
    sa.close(c, net.now);
    sb.close(s, net.now);
    sb.close(lfd, net.now);
    net.runFor(2_000 * S);
  }

  @Test
  void aCookieConnectionWithoutTimestampsRunsWithoutTheOtherOptions() {
    TcpNet plain = new TcpNet(5, TcpNet.Faults.none(), TcpConfig.forTests().withTimestamps(false));
    TcpSockets sb = plain.b.sockets;
    int lfd = sb.socket().orThrow();
    sb.bind(lfd, Ipv4Addr.ANY, 80).orThrow();
    sb.listen(lfd, 4).orThrow();
    for (int i = 0; i < 10; i++) {
      inject(plain, Ipv4Addr.of(192, 0, 2, 1 + i), 1024 + i, 80, i * 7919, 0, TcpView.SYN, new byte[0]);
    }
    TcpSockets sa = plain.a.sockets;
    int c = sa.socket().orThrow();
    sa.connect(c, TcpNet.IP_B, 80, plain.now);
    plain.runFor(100 * MS);
    assertEquals(1, plain.b.tcp.synCookiesAccepted(), "the client came in on a cookie");
    int s = sb.accept(lfd).orThrow();
    Tcb server = sb.tcbOf(s);
    assertEquals(TcpState.ESTABLISHED, server.state());
    assertTrue(!server.timestampsOn() && !server.sackOn(), "no timestamp to keep the options in");
    assertEquals(0, server.sendScale());
    sa.close(c, plain.now);
    sb.close(s, plain.now);
    sb.close(lfd, plain.now);
    plain.runFor(2_000 * S);
    plain.closeAndCheck();
  }

  @Test
  void blindResetAndSynAndDataFromASpoofedPeerDoNotBreakTheConnection() {
    TcpSockets sa = net.a.sockets;
    TcpSockets sb = net.b.sockets;
    int lfd = sb.socket().orThrow();
    sb.bind(lfd, Ipv4Addr.ANY, 80).orThrow();
    sb.listen(lfd, 1).orThrow();
    int c = sa.socket().orThrow();
    sa.connect(c, TcpNet.IP_B, 80, net.now);
    net.runFor(100 * MS);
    int s = sb.accept(lfd).orThrow();
    Tcb victim = sb.tcbOf(s);
    int clientPort = sa.localPort(c).orThrow();
    int rcvNxt = victim.rcvNxt().value();
    // An attacker who guesses the 4-tuple but not the exact sequence numbers:
    inject(TcpNet.IP_A, clientPort, 80, rcvNxt + 100, 0, TcpView.RST, new byte[0]);
    inject(TcpNet.IP_A, clientPort, 80, rcvNxt + 200, 0, TcpView.SYN, new byte[0]);
    inject(TcpNet.IP_A, clientPort, 80, rcvNxt, victim.sndUna().value() - (1 << 30),
        TcpView.ACK | TcpView.PSH, "evil".getBytes());
    assertEquals(TcpState.ESTABLISHED, victim.state());
    assertEquals(3, victim.challengeAcks(), "RFC 5961: three challenge ACKs");
    assertEquals(0, victim.readable(), "the injected data was not accepted");
    net.runFor(100 * MS); // the challenge ACKs reach the real client, which ignores them
    assertEquals(TcpState.ESTABLISHED, net.a.sockets.tcbOf(c).state());
    sa.send(c, "real".getBytes(), 0, 4, net.now);
    net.runFor(300 * MS);
    byte[] buf = new byte[16];
    assertEquals(4, sb.recv(s, buf, 0, 16, net.now).orThrow());
    assertEquals("real", new String(buf, 0, 4));
    sa.close(c, net.now);
    sb.close(s, net.now);
    sb.close(lfd, net.now);
    net.runFor(10 * S);
  }
}
