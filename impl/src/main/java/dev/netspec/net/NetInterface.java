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

  /** The largest MTU: the largest IPv4 datagram (RFC 791 3.1, total length is 16 bits). */
  public static final int MAX_MTU = 65535;

  public NetInterface {
    Ipv4Addr.mask(prefixLength);
    if (mtu < 68 || mtu > MAX_MTU) {
      // RFC 791 3.2: every internet module must handle 68 octets; an IPv4 datagram is at most
      // 65535 octets (the total length field). Ethernet carries 1500 (RFC 894), and a full
      // Ethernet frame fits one 2048-byte cluster; a larger MTU models a link like Linux's
      // loopback device (MTU 65536), whose senders supply their own larger buffers (the TCP
      // layer does, see TcpLayer.transmit): NIC drivers receive into clusters, so their
      // interfaces keep 1500.
      throw new IllegalArgumentException("MTU out of 68.." + MAX_MTU + ": " + mtu);
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
