package dev.netspec.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.buf.Mbuf;
import dev.netspec.buf.MbufPool;
import dev.netspec.net.DropReason;
import dev.netspec.net.NetInterface;
import dev.netspec.net.NetStack;
import dev.netspec.udp.UdpLayer;
import dev.netspec.wire.IcmpMessage;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sockets facade on two hosts joined by a test link that hands each frame to the other side
 * when {@link #pump} runs (no simulator needed).
 */
class SocketsTest {
  static final Ipv4Addr IP_A = Ipv4Addr.parse("10.0.0.1");
  static final Ipv4Addr IP_B = Ipv4Addr.parse("10.0.0.2");

  /** One host: pool, stack, UDP, sockets. */
  static final class Host {
    final MbufPool pool = new MbufPool(64, 64);
    final NetStack stack = new NetStack(pool, NetStack.Config.host());
    final UdpLayer udp = new UdpLayer(stack);
    final Sockets sockets = new Sockets(udp, 4);
    final ArrayDeque<Mbuf> tx = new ArrayDeque<>();
    final List<IcmpMessage> icmp = new ArrayList<>();

    Host(String mac, Ipv4Addr ip) {
      stack.addInterface(NetInterface.ethernet("eth0", MacAddr.parse(mac), ip, 24), f -> {
        tx.addLast(f);
        return true;
      });
      stack.setIcmpListener((i, hdr, msg, data, now) -> icmp.add(msg));
    }
  }

  private final Host a = new Host("52:54:00:00:00:0a", IP_A);
  private final Host b = new Host("52:54:00:00:00:0b", IP_B);

  /** Moves frames both ways until both sides are quiet. */
  private void pump(long now) {
    while (!a.tx.isEmpty() || !b.tx.isEmpty()) {
      move(a, b, now);
      move(b, a, now);
    }
  }

  private static void move(Host from, Host to, long now) {
    while (!from.tx.isEmpty()) {
      try (Mbuf f = from.tx.pollFirst()) {
        to.stack.receive(0, to.pool.tryCopyOf(f.toByteArray()), now);
      }
    }
  }

  @AfterEach
  void closeEverythingAndCheckForLeaks() {
    for (Host h : List.of(a, b)) {
      for (int fd = 0; fd < 4; fd++) {
        h.sockets.close(fd);
      }
      h.stack.close();
      h.tx.forEach(Mbuf::close);
      assertTrue(h.stack.stats().inputBalanced(), h.stack.stats().toString());
      assertTrue(h.stack.stats().outputBalanced(), h.stack.stats().toString());
      h.pool.checkNoLeaks();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void datagramRoundTripsBetweenTwoHosts() {
    int server = b.sockets.socket(SocketType.DGRAM).orThrow();
    assertEquals(0, b.sockets.bind(server, Ipv4Addr.ANY, 7).orThrow());
    int client = a.sockets.socket(SocketType.DGRAM).orThrow();
    assertEquals(5, a.sockets.sendto(client, bytes("hello"), IP_B, 7, 0).orThrow());
    assertEquals(UdpLayer.EPHEMERAL_FIRST, a.sockets.localPort(client).orThrow()); // implicit bind
    pump(0);
    assertTrue(b.sockets.readable(server));
    byte[] buf = new byte[100];
    RecvFrom r = b.sockets.recvfrom(server, buf).orThrow();
    assertEquals(new RecvFrom(5, IP_A, UdpLayer.EPHEMERAL_FIRST, false), r);
    assertArrayEquals(bytes("hello"), Arrays.copyOf(buf, 5));
    // Echo it back to the sender's address and port.
    b.sockets.sendto(server, bytes("olleh"), r.source(), r.sourcePort(), 1).orThrow();
    pump(1);
    RecvFrom back = a.sockets.recvfrom(client, buf).orThrow();
    assertEquals(new RecvFrom(5, IP_B, 7, false), back);
    assertEquals(Errno.EAGAIN, a.sockets.recvfrom(client, buf).errno());
  }

  @Test
  void sendingToOwnAddressLoopsBackOnTheNextPoll() {
    int server = a.sockets.socket(SocketType.DGRAM).orThrow();
    a.sockets.bind(server, Ipv4Addr.ANY, 7).orThrow();
    int client = a.sockets.socket(SocketType.DGRAM).orThrow();
    a.sockets.sendto(client, bytes("me"), IP_A, 7, 0).orThrow();
    assertTrue(a.tx.isEmpty()); // nothing on the wire, no ARP for ourselves
    assertFalse(a.sockets.readable(server)); // delivered by poll, not inside sendto
    assertEquals(Long.MIN_VALUE, a.stack.pollAt());
    a.stack.poll(1);
    assertEquals(new RecvFrom(2, IP_A, UdpLayer.EPHEMERAL_FIRST, false),
        a.sockets.recvfrom(server, new byte[8]).orThrow());
    assertEquals(1, a.stack.stats().loopedBack());
    assertEquals(Long.MAX_VALUE, a.stack.pollAt());
  }

  @Test
  void closedPortAnswersIcmpPortUnreachable() {
    int client = a.sockets.socket(SocketType.DGRAM).orThrow();
    a.sockets.sendto(client, bytes("anyone?"), IP_B, 9999, 0).orThrow();
    pump(0);
    assertEquals(1, b.stack.stats().inputDrops(DropReason.UDP_NO_PORT));
    assertEquals(List.of(new IcmpMessage.DestinationUnreachable(3, 0)), a.icmp);
  }

  @Test
  void receiveBufferLimitDropsAndCounts() {
    int server = b.sockets.socket(SocketType.DGRAM).orThrow();
    b.sockets.bind(server, IP_B, 7).orThrow();
    b.sockets.setReceiveBuffer(server, 2 * 256).orThrow(); // room for two small buffers
    int client = a.sockets.socket(SocketType.DGRAM).orThrow();
    for (int i = 0; i < 5; i++) {
      a.sockets.sendto(client, new byte[] {(byte) i}, IP_B, 7, 0).orThrow();
      pump(0);
    }
    assertEquals(3, b.stack.stats().inputDrops(DropReason.UDP_RECEIVE_BUFFER_FULL));
    assertEquals(3, b.sockets.socketOf(server).receiveBufferDrops());
    byte[] one = new byte[1];
    b.sockets.recvfrom(server, one).orThrow();
    assertEquals(0, one[0]); // FIFO: the first two arrived, the rest were dropped
    b.sockets.recvfrom(server, one).orThrow();
    assertEquals(1, one[0]);
    assertEquals(Errno.EAGAIN, b.sockets.recvfrom(server, one).errno());
  }

  @Test
  void longDatagramIsTruncatedToTheBuffer() {
    int server = b.sockets.socket(SocketType.DGRAM).orThrow();
    b.sockets.bind(server, Ipv4Addr.ANY, 7).orThrow();
    int client = a.sockets.socket(SocketType.DGRAM).orThrow();
    a.sockets.sendto(client, bytes("0123456789"), IP_B, 7, 0).orThrow();
    pump(0);
    byte[] small = new byte[4];
    assertEquals(new RecvFrom(4, IP_A, UdpLayer.EPHEMERAL_FIRST, true),
        b.sockets.recvfrom(server, small).orThrow());
    assertArrayEquals(bytes("0123"), small);
  }

  @Test
  void errnoForEveryMisuse() {
    Sockets s = a.sockets;
    assertEquals(Errno.EPROTONOSUPPORT, s.socket(SocketType.STREAM).errno());
    assertEquals(Errno.EBADF, s.bind(3, Ipv4Addr.ANY, 1).errno());
    assertEquals(Errno.EBADF, s.close(-1).errno());
    int fd = s.socket(SocketType.DGRAM).orThrow();
    assertEquals(0, fd);
    assertEquals(Errno.EINVAL, s.bind(fd, Ipv4Addr.ANY, 70000).errno());
    assertEquals(Errno.EADDRNOTAVAIL, s.bind(fd, IP_B, 53).errno());
    s.bind(fd, Ipv4Addr.ANY, 53).orThrow();
    assertEquals(Errno.EINVAL, s.bind(fd, Ipv4Addr.ANY, 54).errno()); // already bound
    int fd2 = s.socket(SocketType.DGRAM).orThrow();
    assertEquals(Errno.EADDRINUSE, s.bind(fd2, IP_A, 53).errno());
    assertEquals(Errno.EINVAL, s.sendto(fd2, new byte[1], IP_B, 0, 0).errno());
    assertEquals(Errno.ENETUNREACH, s.sendto(fd2, new byte[1], Ipv4Addr.parse("192.0.2.1"), 9,
        0).errno());
    assertEquals(Errno.EMSGSIZE, s.sendto(fd2, new byte[1600], IP_B, 9, 0).errno());
    assertEquals(Errno.EMSGSIZE, s.sendto(fd2, new byte[70000], IP_B, 9, 0).errno());
    s.socket(SocketType.DGRAM).orThrow();
    s.socket(SocketType.DGRAM).orThrow();
    assertEquals(Errno.EMFILE, s.socket(SocketType.DGRAM).errno());
    assertEquals(0, s.close(fd).orThrow());
    assertEquals(Errno.EBADF, s.close(fd).errno());
    assertEquals(fd, s.socket(SocketType.DGRAM).orThrow()); // lowest free descriptor reused
    assertFalse(s.readable(fd));
  }

  @Test
  void exhaustedPoolIsEnobufs() {
    MbufPool tiny = new MbufPool(0, 0);
    NetStack stack = new NetStack(tiny, NetStack.Config.host());
    stack.addInterface(NetInterface.ethernet("eth0", MacAddr.parse("02:00:00:00:00:01"), IP_A,
        24), f -> {
          f.close();
          return true;
        });
    Sockets s = new Sockets(new UdpLayer(stack));
    int fd = s.socket(SocketType.DGRAM).orThrow();
    assertEquals(Errno.ENOBUFS, s.sendto(fd, new byte[1], IP_B, 9, 0).errno());
    tiny.checkNoLeaks();
  }

  @Test
  void closingASocketFreesItsQueuedBuffers() {
    int server = b.sockets.socket(SocketType.DGRAM).orThrow();
    b.sockets.bind(server, Ipv4Addr.ANY, 7).orThrow();
    int client = a.sockets.socket(SocketType.DGRAM).orThrow();
    a.sockets.sendto(client, bytes("x"), IP_B, 7, 0).orThrow();
    a.sockets.sendto(client, bytes("y"), IP_B, 7, 0).orThrow();
    pump(0);
    assertEquals(2, b.sockets.socketOf(server).queuedDatagrams());
    assertTrue(b.pool.inUse() >= 2);
    b.sockets.close(server).orThrow();
    assertEquals(0, b.pool.inUse());
    assertFalse(b.udp.portInUse(7));
  }
}
