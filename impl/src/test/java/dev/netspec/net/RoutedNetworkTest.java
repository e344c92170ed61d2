package dev.netspec.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.buf.MbufPool;
import dev.netspec.socket.RecvFrom;
import dev.netspec.socket.SocketType;
import dev.netspec.socket.Sockets;
import dev.netspec.udp.UdpLayer;
import dev.netspec.wire.IcmpMessage;
import dev.netspec.wire.Ipv4Addr;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every layer together: host A (10.0.0.1) and host C (10.0.1.3) on two Ethernet segments joined
 * by router R, each host with a default route via R. Frames move only when a hub is pumped.
 */
class RoutedNetworkTest {
  private final Hub lan0 = new Hub();
  private final Hub lan1 = new Hub();
  private final List<NetStack> stacks = new ArrayList<>();

  private final NetStack a = node(NetStack.Config.host());
  private final NetStack r = node(NetStack.Config.router());
  private final NetStack c = node(NetStack.Config.host());
  private final Sockets sa;
  private final Sockets sc;
  private final List<IcmpMessage> heardByA = new ArrayList<>();

  RoutedNetworkTest() {
    lan0.attach(a, Hub.iface("a0", "52:54:00:00:00:0a", "10.0.0.1", 24));
    lan0.attach(r, Hub.iface("r0", "02:00:00:00:00:fe", "10.0.0.254", 24));
    lan1.attach(r, Hub.iface("r1", "02:00:00:00:01:fe", "10.0.1.254", 24));
    lan1.attach(c, Hub.iface("c0", "52:54:00:00:00:0c", "10.0.1.3", 24));
    a.addRoute(new Route(Ipv4Addr.ANY, 0, Ipv4Addr.parse("10.0.0.254"), 0));
    c.addRoute(new Route(Ipv4Addr.ANY, 0, Ipv4Addr.parse("10.0.1.254"), 0));
    sa = new Sockets(new UdpLayer(a));
    sc = new Sockets(new UdpLayer(c));
    a.setIcmpListener((i, ip, msg, data, now) -> heardByA.add(msg));
  }

  private NetStack node(NetStack.Config cfg) {
    NetStack s = new NetStack(new MbufPool(32, 32), cfg);
    stacks.add(s);
    return s;
  }

  private void settle(long now) {
    while (lan0.queued() + lan1.queued() > 0) {
      lan0.pump(now);
      lan1.pump(now);
    }
  }

  @AfterEach
  void ledgersBalanceAndNothingLeaks() {
    for (NetStack s : stacks) {
      s.close();
      assertTrue(s.stats().inputBalanced() && s.stats().outputBalanced(), s.stats().toString());
    }
    for (Sockets s : List.of(sa, sc)) {
      for (int fd = 0; fd < 4; fd++) {
        s.close(fd);
      }
    }
    lan0.capture();
    lan1.capture();
    stacks.forEach(s -> s.pool().checkNoLeaks());
  }

  @Test
  void udpEchoAcrossTheRouter() {
    int server = sc.socket(SocketType.DGRAM).orThrow();
    sc.bind(server, Ipv4Addr.ANY, 7).orThrow();
    int client = sa.socket(SocketType.DGRAM).orThrow();
    sa.sendto(client, new byte[] {1, 2, 3}, Ipv4Addr.parse("10.0.1.3"), 7, 0).orThrow();
    settle(0);
    byte[] buf = new byte[16];
    RecvFrom got = sc.recvfrom(server, buf).orThrow();
    assertEquals(Ipv4Addr.parse("10.0.0.1"), got.source());
    sc.sendto(server, new byte[] {3, 2, 1}, got.source(), got.sourcePort(), 1).orThrow();
    settle(1);
    assertEquals(3, sa.recvfrom(client, buf).orThrow().length());
    // Two datagrams forwarded and two ARP requests in all: A asks for R, R asks for C; R and C
    // learned the askers from the requests themselves (RFC 826), so the replies need none.
    assertEquals(2, r.stats().framesForwarded());
    assertEquals(List.of(1L, 1L, 0L), List.of(a.stats().arpRequestsSent(),
        r.stats().arpRequestsSent(), c.stats().arpRequestsSent()));
  }

  @Test
  void closedPortOnTheFarSideComesBackAsPortUnreachable() {
    int client = sa.socket(SocketType.DGRAM).orThrow();
    sa.sendto(client, new byte[] {9}, Ipv4Addr.parse("10.0.1.3"), 4242, 0).orThrow();
    settle(0);
    assertEquals(List.of(new IcmpMessage.DestinationUnreachable(3, 0)), heardByA);
    assertEquals(1, c.stats().inputDrops(DropReason.UDP_NO_PORT));
  }

  @Test
  void unknownNetworkComesBackAsNetUnreachableFromTheRouter() {
    int client = sa.socket(SocketType.DGRAM).orThrow();
    sa.sendto(client, new byte[] {9}, Ipv4Addr.parse("192.0.2.7"), 53, 0).orThrow();
    settle(0);
    assertEquals(List.of(new IcmpMessage.DestinationUnreachable(0, 0)), heardByA);
    assertEquals(1, r.stats().inputDrops(DropReason.NO_ROUTE));
  }

  @Test
  void silentHostExhaustsArpAndTheDatagramIsCountedUnresolved() {
    int client = sa.socket(SocketType.DGRAM).orThrow();
    sa.sendto(client, new byte[] {9}, Ipv4Addr.parse("10.0.1.99"), 53, 0).orThrow();
    settle(0);
    assertEquals(1, r.stats().inputHeld());
    long now = 0;
    while (r.pollAt() != Long.MAX_VALUE) {
      now = Math.max(now, r.pollAt());
      r.poll(now);
      settle(now);
    }
    assertEquals(3 * ArpCache.Config.SECOND, now);
    assertEquals(1, r.stats().inputDrops(DropReason.ARP_UNRESOLVED));
    assertEquals(0, r.stats().inputHeld());
  }
}
