package dev.netspec.socket;

import dev.netspec.net.OutputResult;
import dev.netspec.udp.UdpLayer;
import dev.netspec.udp.UdpSocket;
import dev.netspec.wire.Ipv4Addr;
import java.util.ArrayList;
import java.util.List;

/**
 * One host's socket descriptor table over its {@link UdpLayer}. Descriptors are small integers,
 * lowest free first (POSIX {@code socket()}: "the lowest numbered unused file descriptor").
 */
public final class Sockets {
  /** Default descriptor table size. */
  public static final int DEFAULT_MAX_SOCKETS = 64;

  private final UdpLayer udp;
  private final int maxSockets;
  private final List<UdpSocket> table = new ArrayList<>();

  public Sockets(UdpLayer udp) {
    this(udp, DEFAULT_MAX_SOCKETS);
  }

  public Sockets(UdpLayer udp, int maxSockets) {
    if (maxSockets < 1) {
      throw new IllegalArgumentException("descriptor table must hold at least one socket");
    }
    this.udp = udp;
    this.maxSockets = maxSockets;
  }

  /** {@code socket(AF_INET, type, 0)}: a new descriptor. */
  public SysResult<Integer> socket(SocketType type) {
    if (type != SocketType.DGRAM) {
      return SysResult.err(Errno.EPROTONOSUPPORT);
    }
    for (int fd = 0; fd < table.size(); fd++) {
      if (table.get(fd) == null) {
        table.set(fd, udp.open());
        return SysResult.ok(fd);
      }
    }
    if (table.size() >= maxSockets) {
      return SysResult.err(Errno.EMFILE);
    }
    table.add(udp.open());
    return SysResult.ok(table.size() - 1);
  }

  /**
   * {@code bind(fd, address:port)}. Port 0 picks an ephemeral port; {@link Ipv4Addr#ANY}
   * receives on every local address.
   */
  public SysResult<Integer> bind(int fd, Ipv4Addr address, int port) {
    UdpSocket s = lookup(fd);
    if (s == null) {
      return SysResult.err(Errno.EBADF);
    }
    if (s.isBound() || port < 0 || port > 0xFFFF) {
      return SysResult.err(Errno.EINVAL);
    }
    if (!address.isUnspecified() && !udp.stack().isLocalAddress(address)) {
      return SysResult.err(Errno.EADDRNOTAVAIL);
    }
    if (!udp.bind(s, address, port)) {
      return SysResult.err(Errno.EADDRINUSE);
    }
    return SysResult.ok(0);
  }

  /** The port {@code fd} is bound to ({@code getsockname}), 0 if unbound. */
  public SysResult<Integer> localPort(int fd) {
    UdpSocket s = lookup(fd);
    return s == null ? SysResult.err(Errno.EBADF) : SysResult.ok(s.localPort());
  }

  /**
   * {@code sendto(fd, data, 0, dst:port)}: one datagram. An unbound socket is first bound to an
   * ephemeral port, as POSIX implementations do. Success means the datagram was handed to the
   * network layer (it may still wait for ARP, and like any UDP datagram may be lost later).
   */
  public SysResult<Integer> sendto(int fd, byte[] data, Ipv4Addr dst, int port, long now) {
    UdpSocket s = lookup(fd);
    if (s == null) {
      return SysResult.err(Errno.EBADF);
    }
    if (port <= 0 || port > 0xFFFF || dst.isUnspecified()) {
      return SysResult.err(Errno.EINVAL);
    }
    if (data.length > UdpLayer.MAX_PAYLOAD) {
      return SysResult.err(Errno.EMSGSIZE);
    }
    if (!s.isBound() && !udp.bind(s, Ipv4Addr.ANY, 0)) {
      return SysResult.err(Errno.EADDRINUSE); // every ephemeral port taken
    }
    OutputResult r = udp.send(s, dst, port, data, 0, data.length, now);
    return switch (r) {
      case SENT, QUEUED_FOR_ARP -> SysResult.ok(data.length);
      case NO_ROUTE -> SysResult.err(Errno.ENETUNREACH);
      case MTU_EXCEEDED -> SysResult.err(Errno.EMSGSIZE);
      case NO_BUFFER, TX_QUEUE_FULL, ARP_CACHE_FULL -> SysResult.err(Errno.ENOBUFS);
    };
  }

  /**
   * {@code recvfrom(fd, buffer, MSG_DONTWAIT)}: the oldest queued datagram, copied into
   * {@code buffer}; {@link Errno#EAGAIN} if none is queued.
   */
  public SysResult<RecvFrom> recvfrom(int fd, byte[] buffer) {
    UdpSocket s = lookup(fd);
    if (s == null) {
      return SysResult.err(Errno.EBADF);
    }
    UdpLayer.Datagram d = udp.receive(s, buffer);
    if (d == null) {
      return SysResult.err(Errno.EAGAIN);
    }
    return SysResult.ok(new RecvFrom(d.length(), d.source(), d.sourcePort(), d.truncated()));
  }

  /** Whether {@code recvfrom} would return a datagram now (readiness, as poll's POLLIN). */
  public boolean readable(int fd) {
    UdpSocket s = lookup(fd);
    return s != null && s.queuedDatagrams() > 0;
  }

  /** {@code setsockopt(fd, SOL_SOCKET, SO_RCVBUF, bytes)}. */
  public SysResult<Integer> setReceiveBuffer(int fd, int bytes) {
    UdpSocket s = lookup(fd);
    if (s == null) {
      return SysResult.err(Errno.EBADF);
    }
    if (bytes < 0) {
      return SysResult.err(Errno.EINVAL);
    }
    udp.setReceiveLimit(s, bytes);
    return SysResult.ok(0);
  }

  /** {@code close(fd)}: frees the descriptor, the port and every queued datagram. */
  public SysResult<Integer> close(int fd) {
    UdpSocket s = lookup(fd);
    if (s == null) {
      return SysResult.err(Errno.EBADF);
    }
    udp.close(s);
    table.set(fd, null);
    return SysResult.ok(0);
  }

  /** The socket behind {@code fd} (for probes and tests), or null. */
  public UdpSocket socketOf(int fd) {
    return lookup(fd);
  }

  private UdpSocket lookup(int fd) {
    return fd >= 0 && fd < table.size() ? table.get(fd) : null;
  }
}
