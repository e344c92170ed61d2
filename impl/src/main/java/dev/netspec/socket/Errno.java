package dev.netspec.socket;

/** Error numbers of the sockets facade, named and described as in POSIX (IEEE Std 1003.1). */
public enum Errno {
  EBADF("bad file descriptor: not an open socket"),
  EINVAL("invalid argument (socket already bound, port out of range, ...)"),
  EADDRINUSE("address already in use"),
  EADDRNOTAVAIL("address not available: not an address of this host"),
  EAGAIN("resource temporarily unavailable: nothing to receive (non-blocking)"),
  EMSGSIZE("message too long for one datagram on the outgoing link"),
  ENOBUFS("no buffer space available (pool exhausted or transmit queue full)"),
  ENETUNREACH("network unreachable: no route"),
  EPROTONOSUPPORT("protocol not supported (stream sockets live in TcpSockets)"),
  EMFILE("too many open sockets for this host's descriptor table"),
  // ---- stream sockets (TCP)
  ECONNREFUSED("connection refused: the peer answered the SYN with a reset"),
  ECONNRESET("connection reset by peer"),
  ETIMEDOUT("connection timed out: retransmissions or keep-alive probes went unanswered"),
  ECONNABORTED("connection aborted locally"),
  EINPROGRESS("connection in progress (non-blocking connect)"),
  EALREADY("a connect is already in progress on this socket"),
  EISCONN("socket is already connected"),
  ENOTCONN("socket is not connected"),
  EPIPE("broken pipe: sending after shutdown for writing"),
  EOPNOTSUPP("operation not supported on this socket (e.g. accept on a non-listening socket)");

  private final String description;

  Errno(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
