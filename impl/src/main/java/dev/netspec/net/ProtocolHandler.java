package dev.netspec.net;

import dev.netspec.buf.Mbuf;
import dev.netspec.wire.Ipv4Header;

/** An upper-layer protocol (UDP now, TCP later) registered with {@link NetStack#register}. */
@FunctionalInterface
public interface ProtocolHandler {

  /**
   * Handles one datagram addressed to this host. {@code payload} starts at the transport header
   * and ends where the IP total length says. To keep the bytes, the handler takes the buffer with
   * {@link Mbuf#move()}; whatever handle is still open when this returns is closed by the stack.
   * A handler that returns {@link Verdict.Unreachable} must leave {@code payload} open and
   * starting at the transport header, because the stack quotes it in the ICMP error.
   */
  Verdict input(int ifIndex, Ipv4Header ip, Mbuf payload, long now);

  /**
   * A handler that needs only the datagram's addresses from the IPv4 header (UDP): the stack
   * calls this form for unfragmented datagrams, so that it need not build an {@link Ipv4Header}
   * per datagram. It must decide exactly as {@link #input(int, Ipv4Header, Mbuf, long)} does for
   * a header with these addresses. Ownership differs in one point: a handler that returns {@link
   * Verdict.Delivered} here owns {@code payload} itself, and the stack never touches it again (so
   * a socket queue can keep the caller's handle without a {@link Mbuf#move()}); on any other
   * verdict the stack keeps it, as in the other form.
   */
  interface ByAddress extends ProtocolHandler {
    Verdict input(int ifIndex, int source, int destination, Mbuf payload, long now);
  }
}
