package dev.netspec.net;

import dev.netspec.buf.Mbuf;
import dev.netspec.wire.IcmpMessage;
import dev.netspec.wire.Ipv4Header;

/**
 * Receives the ICMP messages the stack does not answer itself: echo replies (for a ping client)
 * and errors. {@code data} is what follows the ICMP header, valid only during the call.
 */
@FunctionalInterface
public interface IcmpListener {
  void onIcmp(int ifIndex, Ipv4Header ip, IcmpMessage message, Mbuf data, long now);
}
