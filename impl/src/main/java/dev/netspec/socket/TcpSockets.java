package dev.netspec.socket;

import dev.netspec.tcp.Tcb;
import dev.netspec.tcp.TcpConfig;
import dev.netspec.tcp.TcpError;
import dev.netspec.tcp.TcpLayer;
import dev.netspec.tcp.TcpResult;
import dev.netspec.tcp.TcpState;
import dev.netspec.wire.Ipv4Addr;
import java.util.ArrayList;
import java.util.List;

/**
 * One host's stream-socket descriptor table over its {@link TcpLayer}: {@code socket}, {@code
 * bind}, {@code listen}, {@code accept}, {@code connect}, {@code send}, {@code recv}, {@code
 * shutdown}, {@code close}, the options SO_LINGER, SO_RCVBUF, SO_SNDBUF and TCP_NODELAY, SO_ERROR,
 * and {@code poll} readiness. Every call is non-blocking (as with O_NONBLOCK): a call that would
 * block returns {@link Errno#EAGAIN} (or {@link Errno#EINPROGRESS} for connect), and the
 * application waits for readiness in virtual time. Errors are the POSIX names Linux returns.
 */
public final class TcpSockets {
  /** SHUT_RD, SHUT_WR, SHUT_RDWR. */
  public enum How { READ, WRITE, BOTH }

  private static final class Sock {
    Ipv4Addr address = Ipv4Addr.ANY;
    int port;
    TcpConfig config;
    TcpLayer.Listener listener;
    Tcb tcb;
    boolean shutRead;
    boolean shutWrite;
    int lingerSeconds = -1; // SO_LINGER off
    boolean errorCollected;

    Sock(TcpConfig config) {
      this.config = config;
    }
  }

  private final TcpLayer tcp;
  private final TcpConfig defaults;
  private final int maxSockets;
  private final List<Sock> table = new ArrayList<>();

  public TcpSockets(TcpLayer tcp, TcpConfig defaults, int maxSockets) {
    if (maxSockets < 1) {
      throw new IllegalArgumentException("descriptor table must hold at least one socket");
    }
    this.tcp = tcp;
    this.defaults = defaults;
    this.maxSockets = maxSockets;
  }

  /** {@code socket(AF_INET, SOCK_STREAM, 0)}. */
  public SysResult<Integer> socket() {
    return install(new Sock(defaults));
  }

  private SysResult<Integer> install(Sock s) {
    for (int fd = 0; fd < table.size(); fd++) {
      if (table.get(fd) == null) {
        table.set(fd, s);
        return SysResult.ok(fd);
      }
    }
    if (table.size() >= maxSockets) {
      return SysResult.err(Errno.EMFILE);
    }
    table.add(s);
    return SysResult.ok(table.size() - 1);
  }

  /** {@code bind(fd, address:port)}; port 0 picks an ephemeral port. */
  public SysResult<Integer> bind(int fd, Ipv4Addr address, int port) {
    Sock s = lookup(fd);
    if (s == null) {
      return SysResult.err(Errno.EBADF);
    }
    if (s.port != 0 || s.tcb != null || s.listener != null || port < 0 || port > 0xFFFF) {
      return SysResult.err(Errno.EINVAL);
    }
    if (!address.isUnspecified() && !tcp.stack().isLocalAddress(address)) {
      return SysResult.err(Errno.EADDRNOTAVAIL);
    }
    int p = port == 0 ? tcp.freeEphemeralPort() : port;
    if (p == 0 || tcp.portInUse(p) || boundElsewhere(p)) {
      return SysResult.err(Errno.EADDRINUSE);
    }
    s.address = address;
    s.port = p;
    return SysResult.ok(0);
  }

  private boolean boundElsewhere(int port) {
    for (Sock o : table) {
      if (o != null && o.port == port) {
        return true;
      }
    }
    return false;
  }

  /** {@code listen(fd, backlog)}: the accept queue holds at most {@code backlog} connections. */
  public SysResult<Integer> listen(int fd, int backlog) {
    Sock s = lookup(fd);
    if (s == null) {
      return SysResult.err(Errno.EBADF);
    }
    if (s.tcb != null) {
      return SysResult.err(Errno.EISCONN);
    }
    if (s.listener != null) {
      return SysResult.ok(0);
    }
    if (s.port == 0) {
      SysResult<Integer> b = bind(fd, Ipv4Addr.ANY, 0);
      if (!b.isOk()) {
        return b;
      }
    }
    TcpLayer.Listener l = tcp.listen(s.address, s.port, backlog, s.config);
    if (l == null) {
      return SysResult.err(Errno.EADDRINUSE);
    }
    s.listener = l;
    return SysResult.ok(0);
  }

  /** {@code accept(fd)}: a new descriptor for the oldest established connection, or EAGAIN. */
  public SysResult<Integer> accept(int fd) {
    Sock s = lookup(fd);
    if (s == null) {
      return SysResult.err(Errno.EBADF);
    }
    if (s.listener == null) {
      return SysResult.err(Errno.EINVAL);
    }
    if (table.stream().filter(x -> x != null).count() >= maxSockets) {
      return SysResult.err(Errno.EMFILE);
    }
    Tcb t = tcp.accept(s.listener);
    if (t == null) {
      return SysResult.err(Errno.EAGAIN);
    }
    Sock c = new Sock(s.config);
    c.address = t.localAddress();
    c.tcb = t;
    return install(c);
  }

  /**
   * {@code connect(fd, address:port)}: sends the SYN and returns {@link Errno#EINPROGRESS}; the
   * socket becomes writable when the connection is established, or reports its error
   * ({@code ECONNREFUSED}, {@code ETIMEDOUT}) through {@link #poll} and {@link #error}.
   */
  public SysResult<Integer> connect(int fd, Ipv4Addr address, int port, long now) {
    Sock s = lookup(fd);
    if (s == null) {
      return SysResult.err(Errno.EBADF);
    }
    if (s.listener != null) {
      return SysResult.err(Errno.EOPNOTSUPP);
    }
    if (s.tcb != null) {
      return SysResult.err(s.tcb.state() == TcpState.SYN_SENT ? Errno.EALREADY : Errno.EISCONN);
    }
    if (port <= 0 || port > 0xFFFF || address.isUnspecified()) {
      return SysResult.err(Errno.EINVAL);
    }
    int localPort = s.port;
    Tcb t = tcp.connect(s.address, localPort, address, port, s.config, now);
    if (t == null) {
      return SysResult.err(tcp.stack().sourceAddressFor(address) == null ? Errno.ENETUNREACH
          : Errno.EADDRINUSE);
    }
    s.port = t.localPort();
    s.tcb = t;
    return SysResult.err(Errno.EINPROGRESS);
  }

  /** {@code send(fd, data)}: bytes accepted into the send buffer, or EAGAIN when it is full. */
  public SysResult<Integer> send(int fd, byte[] data, int off, int len, long now) {
    Sock s = lookup(fd);
    if (s == null) {
      return SysResult.err(Errno.EBADF);
    }
    if (s.tcb == null) {
      return SysResult.err(Errno.ENOTCONN);
    }
    if (s.shutWrite) {
      return SysResult.err(Errno.EPIPE);
    }
    Errno e = pendingError(s);
    if (e != null) {
      return SysResult.err(e);
    }
    if (s.tcb.state() == TcpState.SYN_SENT) {
      return SysResult.err(Errno.EAGAIN); // like Linux: not writable until established
    }
    Tcb.Sent r = s.tcb.send(data, off, len, now);
    if (r.result() == TcpResult.CLOSING || r.result() == TcpResult.NOT_CONNECTED) {
      return SysResult.err(Errno.EPIPE);
    }
    if (r.bytes() == 0 && len > 0) {
      return SysResult.err(Errno.EAGAIN);
    }
    return SysResult.ok(r.bytes());
  }

  /** {@code recv(fd, buffer)}: bytes read, 0 at end of stream, or EAGAIN when none are there. */
  public SysResult<Integer> recv(int fd, byte[] buffer, int off, int len, long now) {
    Sock s = lookup(fd);
    if (s == null) {
      return SysResult.err(Errno.EBADF);
    }
    if (s.tcb == null) {
      return SysResult.err(Errno.ENOTCONN);
    }
    if (s.shutRead) {
      return SysResult.ok(0);
    }
    int n = s.tcb.receive(buffer, off, len, now);
    if (n > 0) {
      return SysResult.ok(n);
    }
    if (n < 0) {
      return SysResult.ok(0);
    }
    Errno e = pendingError(s);
    if (e != null) {
      return SysResult.err(e);
    }
    if (s.tcb.state() == TcpState.CLOSED) {
      return SysResult.ok(0);
    }
    return SysResult.err(Errno.EAGAIN);
  }

  /** {@code shutdown(fd, how)}: SHUT_WR sends the FIN (RFC 9293 CLOSE: a half-close). */
  public SysResult<Integer> shutdown(int fd, How how, long now) {
    Sock s = lookup(fd);
    if (s == null) {
      return SysResult.err(Errno.EBADF);
    }
    if (s.tcb == null) {
      return SysResult.err(Errno.ENOTCONN);
    }
    if (how != How.WRITE) {
      s.shutRead = true;
    }
    if (how != How.READ && !s.shutWrite) {
      s.shutWrite = true;
      s.tcb.close(now);
    }
    return SysResult.ok(0);
  }

  /**
   * {@code close(fd)}. A listener stops and resets its unaccepted connections. A connection is
   * closed gracefully (the FIN follows the queued data; TCP finishes in the background), except
   * that it is reset when SO_LINGER is on with a zero timeout, or when received data was never
   * read (RFC 2525 2.17, as Linux does).
   */
  public SysResult<Integer> close(int fd, long now) {
    Sock s = lookup(fd);
    if (s == null) {
      return SysResult.err(Errno.EBADF);
    }
    if (s.listener != null) {
      tcp.closeListener(s.listener, now);
    } else if (s.tcb != null && s.tcb.state() != TcpState.CLOSED) {
      if (s.lingerSeconds == 0 || s.tcb.readable() > 0) {
        s.tcb.abort(now);
      } else if (!s.shutWrite) {
        s.tcb.close(now);
      }
    }
    table.set(fd, null);
    return SysResult.ok(0);
  }

  /** {@code setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, on)}. */
  public SysResult<Integer> setNoDelay(int fd, boolean on, long now) {
    Sock s = lookup(fd);
    if (s == null) {
      return SysResult.err(Errno.EBADF);
    }
    s.config = s.config.withNoDelay(on);
    if (s.tcb != null) {
      s.tcb.setNoDelay(on, now);
    }
    return SysResult.ok(0);
  }

  /** {@code setsockopt(fd, SOL_SOCKET, SO_LINGER, {on, seconds})}; only 0 changes close(). */
  public SysResult<Integer> setLinger(int fd, boolean on, int seconds) {
    Sock s = lookup(fd);
    if (s == null) {
      return SysResult.err(Errno.EBADF);
    }
    if (seconds < 0) {
      return SysResult.err(Errno.EINVAL);
    }
    s.lingerSeconds = on ? seconds : -1;
    return SysResult.ok(0);
  }

  /** SO_SNDBUF and SO_RCVBUF: take effect for connections created after the call. */
  public SysResult<Integer> setBuffers(int fd, int sendBytes, int receiveBytes) {
    Sock s = lookup(fd);
    if (s == null) {
      return SysResult.err(Errno.EBADF);
    }
    if (sendBytes < 1 || receiveBytes < 1) {
      return SysResult.err(Errno.EINVAL);
    }
    if (s.tcb != null || s.listener != null) {
      return SysResult.err(Errno.EISCONN);
    }
    s.config = s.config.withBuffers(sendBytes, receiveBytes);
    return SysResult.ok(0);
  }

  /** {@code getsockopt(SO_ERROR)}: the pending error, cleared by reading it; null if none. */
  public Errno error(int fd) {
    Sock s = lookup(fd);
    if (s == null) {
      return Errno.EBADF;
    }
    Errno e = pendingError(s);
    if (e != null) {
      s.errorCollected = true;
    }
    return e;
  }

  private static Errno pendingError(Sock s) {
    if (s.tcb == null || s.tcb.error() == null || s.errorCollected) {
      return null;
    }
    return errnoOf(s.tcb.error());
  }

  /** The POSIX error for a connection failure (RFC 9293's user signals). */
  public static Errno errnoOf(TcpError e) {
    return switch (e) {
      case REFUSED -> Errno.ECONNREFUSED;
      case RESET -> Errno.ECONNRESET;
      case TIMED_OUT -> Errno.ETIMEDOUT;
      case ABORTED -> Errno.ECONNABORTED;
    };
  }

  /** {@code poll(fd)} readiness. */
  public Readiness poll(int fd) {
    Sock s = lookup(fd);
    if (s == null) {
      return new Readiness(false, false, true, false);
    }
    if (s.listener != null) {
      return new Readiness(s.listener.acceptable() > 0, false, false, false);
    }
    if (s.tcb == null) {
      return new Readiness(false, false, false, true);
    }
    Tcb t = s.tcb;
    boolean err = pendingError(s) != null;
    boolean closed = t.state() == TcpState.CLOSED;
    boolean readable = t.readable() > 0 || t.finReceived() || err || closed;
    boolean connected = t.state() != TcpState.SYN_SENT && t.state() != TcpState.SYN_RECEIVED;
    boolean writable = !closed && connected && !s.shutWrite && t.sendSpace() > 0;
    boolean hangup = closed || (t.finReceived() && s.shutWrite);
    return new Readiness(readable, writable || err, err, hangup);
  }

  /** The connection behind {@code fd} (for probes and tests), or null. */
  public Tcb tcbOf(int fd) {
    Sock s = lookup(fd);
    return s == null ? null : s.tcb;
  }

  /** The listener behind {@code fd} (for probes and tests), or null if it is not listening. */
  public TcpLayer.Listener listenerOf(int fd) {
    Sock s = lookup(fd);
    return s == null ? null : s.listener;
  }

  /** True if {@code fd} is a listening socket. */
  public boolean isListening(int fd) {
    Sock s = lookup(fd);
    return s != null && s.listener != null;
  }

  /** The bound port ({@code getsockname}), 0 if unbound. */
  public SysResult<Integer> localPort(int fd) {
    Sock s = lookup(fd);
    return s == null ? SysResult.err(Errno.EBADF) : SysResult.ok(s.port);
  }

  private Sock lookup(int fd) {
    return fd >= 0 && fd < table.size() ? table.get(fd) : null;
  }
}
