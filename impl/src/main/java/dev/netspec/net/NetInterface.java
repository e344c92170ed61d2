package dev.netspec.net;

import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;

/**
 * An interface's configuration: its name, MAC, IPv4 address with prefix length, MTU, and the
 * 802.1Q VLAN it is on ({@code -1} for untagged).
 */
public record NetInterface(
    String name, MacAddr mac, Ipv4Addr address, int prefixLength, int mtu, int vlanId) {

  /** Ethernet's MTU (RFC 894). */
  public static final int ETHERNET_MTU = 1500;

  public NetInterface {
    Ipv4Addr.mask(prefixLength);
    if (mtu < 68 || mtu > 1500) {
      // RFC 791 3.2: every internet module must handle 68 octets; 1500 is Ethernet's payload,
      // and a full frame must fit in one 2048-byte cluster.
      throw new IllegalArgumentException("MTU out of 68..1500: " + mtu);
    }
    if (vlanId < -1 || vlanId == 0 || vlanId > 4094) {
      throw new IllegalArgumentException("VLAN id out of 1..4094 (or -1 for untagged): " + vlanId);
    }
  }

  /** An untagged Ethernet interface with MTU 1500. */
  public static NetInterface ethernet(String name, MacAddr mac, Ipv4Addr address, int prefix) {
    return new NetInterface(name, mac, address, prefix, ETHERNET_MTU, -1);
  }

  /** The subnet-directed broadcast address (RFC 919), or null for /31 and /32. */
  public Ipv4Addr directedBroadcast() {
    if (prefixLength >= 31) {
      return null;
    }
    return new Ipv4Addr(address.bits() | ~Ipv4Addr.mask(prefixLength));
  }

  /** Length of the Ethernet header this interface writes. */
  public int linkHeaderLen() {
    return vlanId < 0 ? 14 : 18;
  }
}
