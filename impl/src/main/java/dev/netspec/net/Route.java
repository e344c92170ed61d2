package dev.netspec.net;

import dev.netspec.wire.Ipv4Addr;

/**
 * A route: datagrams to {@code network/prefixLength} leave through interface {@code ifIndex},
 * to {@code gateway}, or straight to the destination when {@code gateway} is null (a directly
 * connected network, RFC 1812 5.2.4.1).
 */
public record Route(Ipv4Addr network, int prefixLength, Ipv4Addr gateway, int ifIndex) {
  public Route {
    Ipv4Addr.mask(prefixLength); // validates 0..32
    network = new Ipv4Addr(network.bits() & Ipv4Addr.mask(prefixLength));
    if (ifIndex < 0) {
      throw new IllegalArgumentException("negative interface index: " + ifIndex);
    }
  }

  public boolean matches(Ipv4Addr destination) {
    return matches(destination.bits());
  }

  /** {@link #matches(Ipv4Addr)} by the destination's bits. */
  public boolean matches(int destination) {
    int mask = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    return (destination & mask) == (network.bits() & mask);
  }

  /** The address to resolve with ARP for {@code destination}. */
  public Ipv4Addr nextHop(Ipv4Addr destination) {
    return gateway == null ? destination : gateway;
  }

  @Override
  public String toString() {
    return network + "/" + prefixLength + (gateway == null ? " dev " : " via " + gateway + " dev ")
        + ifIndex;
  }
}
