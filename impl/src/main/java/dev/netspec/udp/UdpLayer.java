package dev.netspec.udp;

import dev.netspec.buf.Mbuf;
import dev.netspec.net.DropReason;
import dev.netspec.net.NetStack;
import dev.netspec.net.OutputResult;
import dev.netspec.net.ProtocolHandler;
import dev.netspec.net.Verdict;
import dev.netspec.wire.IcmpMessage.DestinationUnreachable;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.Ipv4Header;
import dev.netspec.wire.Ipv4View;
import dev.netspec.wire.Rejection;
import dev.netspec.wire.UdpHeader;
import dev.netspec.wire.UdpView;

/**
 * UDP over one {@link NetStack}: registers itself as protocol 17, demultiplexes by destination
 * port, queues datagrams on sockets, and sends them. One socket per port (no {@code
 * SO_REUSEADDR}); a socket bound to a specific address only receives datagrams sent to it.
 */
public final class UdpLayer implements ProtocolHandler.ByAddress {
  /** The dynamic/ephemeral port range of RFC 6335 section 6. */
  public static final int EPHEMERAL_FIRST = 49152;
  public static final int EPHEMERAL_LAST = 65535;
  /** Largest UDP payload in one IPv4 datagram: 65535 - 20 - 8. */
  public static final int MAX_PAYLOAD = 65507;

  private final NetStack stack;
  private final PortTable byPort = new PortTable();
  private int nextEphemeral = EPHEMERAL_FIRST;
  private long datagramsSent;
  private long datagramsDelivered;
  private long sendFailures;

  public UdpLayer(NetStack stack) {
    this.stack = stack;
    stack.register(Ipv4View.PROTO_UDP, this);
  }

  public NetStack stack() {
    return stack;
  }

  /** A new unbound socket. */
  public UdpSocket open() {
    return new UdpSocket();
  }

  public boolean portInUse(int port) {
    return byPort.contains(port);
  }

  /**
   * Binds {@code s} to {@code address:port}; {@code port} 0 picks the next free ephemeral port
   * (deterministically, in order). Returns false if the port is taken or no ephemeral port is
   * free. Address and state checks are the caller's (see {@code socket.Sockets}).
   */
  public boolean bind(UdpSocket s, Ipv4Addr address, int port) {
    if (s.closed || s.isBound() || port < 0 || port > 0xFFFF) {
      throw new IllegalStateException("bind on a closed or bound socket, or bad port " + port);
    }
    int p = port == 0 ? freeEphemeralPort() : port;
    if (p == 0 || byPort.contains(p)) {
      return false;
    }
    s.localAddress = address;
    s.localBits = address.bits();
    s.localPort = p;
    byPort.put(p, s);
    return true;
  }

  private int freeEphemeralPort() {
    int span = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1;
    for (int i = 0; i < span; i++) {
      int p = nextEphemeral;
      nextEphemeral = p == EPHEMERAL_LAST ? EPHEMERAL_FIRST : p + 1;
      if (!byPort.contains(p)) {
        return p;
      }
    }
    return 0;
  }

  /** Sets the receive limit (SO_RCVBUF) in bytes. */
  public void setReceiveLimit(UdpSocket s, int bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("negative receive limit " + bytes);
    }
    s.receiveLimit = bytes;
  }

  /**
   * Sends {@code data[off, off+len)} from {@code s} (which must be bound) to {@code dst:dstPort}.
   * The payload is copied once into a pool buffer with headroom for every header below.
   */
  public OutputResult send(UdpSocket s, Ipv4Addr dst, int dstPort, byte[] data, int off, int len,
      long now) {
    if (!s.isBound() || s.closed) {
      throw new IllegalStateException("send on an unbound or closed socket");
    }
    if (len > MAX_PAYLOAD || NetStack.HEADROOM + UdpView.HEADER_LEN + len > 2048) {
      // One datagram, one cluster: anything larger would exceed every Ethernet MTU anyway.
      sendFailures++;
      return OutputResult.MTU_EXCEEDED;
    }
    Mbuf m = stack.pool().tryAllocate(NetStack.HEADROOM, UdpView.HEADER_LEN + len);
    if (m == null) {
      sendFailures++;
      return OutputResult.NO_BUFFER;
    }
    m.appendBytes(data, off, len);
    Ipv4Addr src = s.localAddress.isUnspecified() ? stack.sourceAddressFor(dst) : s.localAddress;
    if (src == null) {
      m.close();
      sendFailures++;
      return OutputResult.NO_ROUTE;
    }
    // The checksum covers the pseudo-header, so the source must be known before output.
    new UdpHeader(s.localPort, dstPort, len).prependTo(m, src, dst);
    OutputResult r = stack.output(src, dst, Ipv4View.PROTO_UDP, m, now);
    if (r.accepted()) {
      datagramsSent++;
    } else {
      sendFailures++;
    }
    return r;
  }

  /** One received datagram as the socket API reports it. */
  public record Datagram(Ipv4Addr source, int sourcePort, int length, boolean truncated) {}

  /**
   * Copies the oldest queued datagram into {@code into} (truncating, as recvfrom does with
   * MSG_TRUNC) and frees its buffer; null if the queue is empty.
   */
  public Datagram receive(UdpSocket s, byte[] into) {
    if (s.queue.isEmpty()) {
      return null;
    }
    Ipv4Addr source = new Ipv4Addr(s.queue.headSource());
    int sourcePort = s.queue.headPort();
    try (Mbuf m = s.queue.removeHead()) {
      s.queuedBytes -= m.capacity();
      int len = m.readableBytes();
      int n = Math.min(len, into.length);
      m.getBytes(0, into, 0, n);
      return new Datagram(source, sourcePort, n, n < len);
    }
  }

  /** Unbinds {@code s} and frees every queued datagram. Idempotent. */
  public void close(UdpSocket s) {
    if (s.closed) {
      return;
    }
    s.closed = true;
    if (s.isBound() && byPort.get(s.localPort) == s) {
      byPort.remove(s.localPort);
    }
    while (!s.queue.isEmpty()) {
      s.queue.removeHead().close();
    }
    s.queuedBytes = 0;
  }

  public long datagramsSent() {
    return datagramsSent;
  }

  /** Datagrams queued on a socket (all sockets, closed ones included). */
  public long datagramsDelivered() {
    return datagramsDelivered;
  }

  /** sends refused before or by the network layer (no buffer, no route, too large, ...). */
  public long sendFailures() {
    return sendFailures;
  }

  // ---------------------------------------------------------------- input

  @Override
  public Verdict input(int ifIndex, Ipv4Header ip, Mbuf payload, long now) {
    // This form's contract: the stack closes the caller's handle after Delivered, so a queued
    // datagram must be moved to a handle of the queue's own.
    return input(ip.source().bits(), ip.destination().bits(), payload, true);
  }

  /**
   * UDP input (RFC 768, RFC 1122 4.1.3) of the datagram from {@code source} to {@code
   * destination} (address bits): validated and checksummed without building a header object,
   * then queued on the socket bound to its port.
   */
  @Override
  public Verdict input(int ifIndex, int source, int destination, Mbuf payload, long now) {
    // ByAddress contract: on Delivered the queue keeps the caller's handle itself.
    return input(source, destination, payload, false);
  }

  private Verdict input(int source, int destination, Mbuf payload, boolean move) {
    int length = UdpHeader.validate(payload, source, destination);
    if (length < 0) {
      return new Verdict.Malformed(Rejection.fromCode(length));
    }
    // The ports as one read: validate has checked that the 8-byte header is there.
    int ports = payload.getI32Abs(payload.headerOffset(0, UdpView.HEADER_LEN));
    UdpSocket s = byPort.get(ports & 0xFFFF);
    if (s == null || !(s.localBits == 0 || s.localBits == destination)) {
      // RFC 1122 4.1.3.1: "If a datagram arrives addressed to a UDP port for which there is no
      // pending LISTEN call, UDP SHOULD send an ICMP Port Unreachable message." The stack
      // suppresses it for broadcasts (RFC 1122 3.2.2).
      return new Verdict.Unreachable(DropReason.UDP_NO_PORT, DestinationUnreachable.PORT);
    }
    if (s.queuedBytes + payload.capacity() > s.receiveLimit) {
      s.receiveBufferDrops++;
      return new Verdict.Dropped(DropReason.UDP_RECEIVE_BUFFER_FULL);
    }
    int sourcePort = ports >>> 16;
    payload.truncate(length); // bytes past UDP length are not data
    payload.trimFront(UdpView.HEADER_LEN);
    s.queuedBytes += payload.capacity();
    s.datagramsReceived++;
    datagramsDelivered++;
    s.queue.add(source, sourcePort, move ? payload.move() : payload);
    return Verdict.DELIVERED;
  }
}
