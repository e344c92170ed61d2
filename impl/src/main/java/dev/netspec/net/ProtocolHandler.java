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
   * a header with these addresses; the ownership rules are the same.
   */
  interface ByAddress extends ProtocolHandler {
    Verdict input(int ifIndex, int source, int destination, Mbuf payload, long now);
  }
}
