package dev.netspec.net;

import dev.netspec.buf.Mbuf;
import dev.netspec.buf.MbufPool;
import dev.netspec.socket.Errno;
import dev.netspec.socket.SocketType;
import dev.netspec.socket.Sockets;
import dev.netspec.udp.UdpLayer;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;

/**
 * A router with a UDP socket, for feeding it arbitrary frames and checking after every one that
 * nothing threw, both ledgers balance and the socket layer agrees with the counters; {@link
 * #close()} then checks that every buffer came back to the pool. Shared by the QuickTheories
 * property test and the Jazzer fuzz test.
 *
 * <p>Interface 0: 10.0.0.254/24, untagged, MAC 02:00:00:00:00:fe. Interface 1: 10.0.1.254/24 on
 * VLAN 5, MAC 02:00:00:00:01:fe. A UDP socket listens on port 7 with room for three small
 * buffers. The pool is small (8 + 8) so that exhaustion paths run too.
 */
final class InputHarness implements AutoCloseable {
  static final MacAddr R0 = MacAddr.parse("02:00:00:00:00:fe");
  static final MacAddr R1 = MacAddr.parse("02:00:00:00:01:fe");
  static final Ipv4Addr IP_R0 = Ipv4Addr.parse("10.0.0.254");
  static final Ipv4Addr IP_R1 = Ipv4Addr.parse("10.0.1.254");
  static final int PORT = 7;

  final MbufPool pool = new MbufPool(8, 8);
  final NetStack stack = new NetStack(pool, NetStack.Config.router());
  final Sockets sockets = new Sockets(new UdpLayer(stack));
  final int fd;
  final dev.netspec.udp.UdpSocket socket;
  boolean txAccepting = true;
  long framesFed;
  long framesNotBuffered; // the NIC found no buffer: never reached the stack
  long transmitted;
  long datagramsRead;

  InputHarness() {
    FrameSink sink = frame -> {
      if (!txAccepting) {
        return false;
      }
      transmitted++;
      frame.close(); // transmitted at once
      return true;
    };
    stack.addInterface(new NetInterface("r0", R0, IP_R0, 24, 1500, -1), sink);
    stack.addInterface(new NetInterface("r1", R1, IP_R1, 24, 1500, 5), sink);
    fd = sockets.socket(SocketType.DGRAM).orThrow();
    sockets.bind(fd, Ipv4Addr.ANY, PORT).orThrow();
    sockets.setReceiveBuffer(fd, 3 * 256).orThrow();
    socket = sockets.socketOf(fd);
  }

  /**
   * Delivers {@code frame} on {@code ifIndex} at {@code now}, as a NIC would: copied into a pool
   * buffer (frames longer than a cluster are cut, as a NIC's receive buffer would), or not at all
   * if the pool is empty. Then checks the invariants.
   */
  void feed(int ifIndex, byte[] frame, long now) {
    int len = Math.min(frame.length, MbufPool.MAX_BYTES);
    Mbuf m = pool.tryCopyOf(frame, 0, len);
    if (m == null) {
      framesNotBuffered++;
    } else {
      framesFed++;
      stack.receive(ifIndex, m, now);
    }
    stack.poll(now);
    check();
  }

  /** Reads every queued datagram (the application runs). */
  void drainSocket() {
    byte[] buf = new byte[2048];
    while (sockets.recvfrom(fd, buf).isOk()) {
      datagramsRead++;
    }
    if (sockets.recvfrom(fd, buf).errno() != Errno.EAGAIN) {
      throw new AssertionError("an empty socket must answer EAGAIN");
    }
  }

  void check() {
    NetStats s = stack.stats();
    if (!s.inputBalanced() || !s.outputBalanced()) {
      throw new AssertionError("ledger out of balance: " + s);
    }
    if (s.packetsSent() + s.framesForwarded() != transmitted + s.loopedBack()) {
      throw new AssertionError("sent+forwarded " + (s.packetsSent() + s.framesForwarded())
          + " but the device saw " + transmitted + " and loopback " + s.loopedBack());
    }
    // Every frame fed and every datagram looped back is received, still queued, or discarded.
    if (s.framesReceived() + stack.loopbackQueued() + s.loopbackDiscarded()
        != framesFed + s.loopedBack()) {
      throw new AssertionError("received " + s.framesReceived() + " but fed " + framesFed
          + " and looped back " + s.loopedBack());
    }
    if (!socket.isClosed()
        && socket.queuedDatagrams() + datagramsRead != socket.datagramsReceived()) {
      throw new AssertionError("socket lost a datagram");
    }
  }

  /** Closes the socket and the stack and checks that the pool has every buffer back. */
  @Override
  public void close() {
    sockets.close(fd).orThrow();
    stack.close();
    check();
    pool.checkNoLeaks();
  }

  /**
   * Recomputes the IPv4 header checksum and the ICMP or UDP checksum of an Ethernet frame in
   * place, where the lengths allow, so that mutated frames get past checksum validation and reach
   * deeper code. Written with plain byte arithmetic, independently of the code under test.
   */
  static void fixChecksums(byte[] f) {
    int off = 14;
    if (f.length >= 18 && u16(f, 12) == 0x8100) {
      off = 18;
    }
    if (f.length < off + 20 || u16(f, off - 2) != 0x0800) {
      return;
    }
    int ihl = (f[off] & 0xF) * 4;
    if (ihl < 20 || f.length < off + ihl) {
      return;
    }
    put16(f, off + 10, 0);
    put16(f, off + 10, ~sum(f, off, ihl, 0) & 0xFFFF);
    int total = Math.min(u16(f, off + 2), f.length - off);
    int p = off + ihl;
    int plen = total - ihl;
    int proto = f[off + 9] & 0xFF;
    if (plen < 8) {
      return;
    }
    if (proto == 1) {
      put16(f, p + 2, 0);
      put16(f, p + 2, ~sum(f, p, plen, 0) & 0xFFFF);
    } else if (proto == 17) {
      int ulen = u16(f, p + 4);
      if (ulen < 8 || ulen > plen) {
        return;
      }
      put16(f, p + 6, 0);
      int pseudo = sum(f, off + 12, 8, 0) + 17 + ulen;
      int c = ~sum(f, p, ulen, pseudo) & 0xFFFF;
      put16(f, p + 6, c == 0 ? 0xFFFF : c);
    }
  }

  private static int sum(byte[] f, int from, int len, int initial) {
    long s = initial;
    for (int i = 0; i < len; i += 2) {
      int hi = f[from + i] & 0xFF;
      int lo = i + 1 < len ? f[from + i + 1] & 0xFF : 0;
      s += (hi << 8) | lo;
    }
    while ((s >>> 16) != 0) {
      s = (s & 0xFFFF) + (s >>> 16);
    }
    return (int) s;
  }

  private static int u16(byte[] f, int i) {
    return ((f[i] & 0xFF) << 8) | (f[i + 1] & 0xFF);
  }

  private static void put16(byte[] f, int i, int v) {
    f[i] = (byte) (v >>> 8);
    f[i + 1] = (byte) v;
  }
}
