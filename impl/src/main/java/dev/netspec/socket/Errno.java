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
  EPROTONOSUPPORT("protocol not supported (stream sockets arrive with TCP)"),
  EMFILE("too many open sockets for this host's descriptor table");

  private final String description;

  Errno(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }
}
