package dev.netspec.net;

import static dev.netspec.net.InputHarness.IP_R0;
import static dev.netspec.net.InputHarness.IP_R1;
import static dev.netspec.net.InputHarness.PORT;
import static dev.netspec.net.InputHarness.R0;
import static dev.netspec.net.InputHarness.R1;

import dev.netspec.wire.ArpPacket;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;
import java.util.List;

/**
 * Valid frames for {@link InputHarness}'s router, one per path through the input code; the
 * property and fuzz tests mutate them. Each is paired with the interface it arrives on.
 */
final class Templates {
  private Templates() {}

  record Template(String name, int ifIndex, byte[] frame) {}

  static final MacAddr MAC_A = MacAddr.parse("52:54:00:00:00:0a");
  static final MacAddr MAC_C = MacAddr.parse("52:54:00:00:00:0c");
  static final Ipv4Addr IP_A = Ipv4Addr.parse("10.0.0.1");
  static final Ipv4Addr IP_C = Ipv4Addr.parse("10.0.1.3");
  private static final byte[] DATA = {1, 2, 3, 4, 5, 6, 7, 8};

  static final List<Template> ALL = List.of(
      new Template("arp-request", 0, Frames.arp(MacAddr.BROADCAST,
          ArpPacket.request(MAC_A, IP_A, IP_R0))),
      new Template("arp-reply", 0, Frames.arp(R0,
          new ArpPacket(ArpPacket.Operation.REPLY, MAC_A, IP_A, R0, IP_R0))),
      new Template("ping-router", 0, Frames.ping(R0, MAC_A, IP_A, IP_R0, 64, 1, 1, DATA)),
      new Template("ping-forward", 0, Frames.ping(R0, MAC_A, IP_A, IP_C, 64, 1, 2, DATA)),
      new Template("ping-ttl1", 0, Frames.ping(R0, MAC_A, IP_A, IP_C, 1, 1, 3, DATA)),
      new Template("ping-noroute", 0, Frames.ping(R0, MAC_A, IP_A,
          Ipv4Addr.parse("192.0.2.1"), 64, 1, 4, DATA)),
      new Template("udp-open", 0, Frames.udp(R0, MAC_A, IP_A, 5000, IP_R0, PORT, DATA)),
      new Template("udp-closed", 0, Frames.udp(R0, MAC_A, IP_A, 5000, IP_R0, 9, DATA)),
      new Template("fragment", 0, Frames.ip(R0, MAC_A, IP_A, IP_R0, 17, true, DATA)),
      new Template("vlan-arp-reply", 1, tag(Frames.arp(R1,
          new ArpPacket(ArpPacket.Operation.REPLY, MAC_C, IP_C, R1, IP_R1)))),
      new Template("vlan-udp", 1, tag(Frames.udp(R1, MAC_C, IP_C, 6000, IP_R1, PORT, DATA))));

  /** Inserts an 802.1Q tag for VLAN 5 after the MAC addresses. */
  static byte[] tag(byte[] untagged) {
    byte[] t = new byte[untagged.length + 4];
    System.arraycopy(untagged, 0, t, 0, 12);
    t[12] = (byte) 0x81;
    t[13] = 0x00;
    t[14] = 0x00;
    t[15] = 0x05;
    System.arraycopy(untagged, 12, t, 16, untagged.length - 12);
    return t;
  }
}
