package dev.netspec.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.netspec.buf.Mbuf;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One whole frame per {@link Rejection}, each run through the full parser chain (Ethernet, then
 * ARP or IPv4, then ICMP or UDP). The test fails when a new rejection is added without a frame
 * here, so every reason stays reachable from the wire.
 */
class RejectionCatalogTest {
  private static final String ETH = "525400abcdef 525400123456 ";
  private static final String ARP_BODY = "06 04 0001 525400123456 0a000001 000000000000 0a000002";
  private static final String IP = "0a000001 0a000002";

  /** Frames whose IPv4 (and ICMP/UDP) checksums are filled in before parsing. */
  private static final Map<Rejection, String> FRAMES = Map.ofEntries(
      Map.entry(Rejection.ETH_TOO_SHORT, "525400abcdef 5254"),
      Map.entry(Rejection.ETH_LENGTH_FIELD, ETH + "0040 00"),
      Map.entry(Rejection.ETH_VLAN_TRUNCATED, ETH + "8100 00"),
      Map.entry(Rejection.ETH_NESTED_VLAN, ETH + "8100 0005 8100 0005 0800"),
      Map.entry(Rejection.ARP_TOO_SHORT, ETH + "0806 0001 0800 06 04"),
      Map.entry(Rejection.ARP_UNSUPPORTED_HARDWARE, ETH + "0806 0006 0800 " + ARP_BODY),
      Map.entry(Rejection.ARP_UNSUPPORTED_PROTOCOL, ETH + "0806 0001 0806 " + ARP_BODY),
      Map.entry(Rejection.ARP_BAD_ADDRESS_LENGTH,
          ETH + "0806 0001 0800 06 06 0001 525400123456 0a000001 000000000000 0a000002"),
      Map.entry(Rejection.ARP_UNKNOWN_OPERATION,
          ETH + "0806 0001 0800 06 04 0009 525400123456 0a000001 000000000000 0a000002"),
      Map.entry(Rejection.IPV4_TOO_SHORT, ETH + "0800 4500 0014"),
      Map.entry(Rejection.IPV4_BAD_VERSION, ETH + "0800 6500 0014 0000 0000 4011 0000 " + IP),
      Map.entry(Rejection.IPV4_BAD_IHL, ETH + "0800 4300 0014 0000 0000 4011 0000 " + IP),
      Map.entry(Rejection.IPV4_HEADER_TRUNCATED,
          ETH + "0800 4f00 0014 0000 0000 4011 0000 " + IP),
      Map.entry(Rejection.IPV4_BAD_TOTAL_LENGTH,
          ETH + "0800 4500 0010 0000 0000 4011 0000 " + IP),
      Map.entry(Rejection.IPV4_TRUNCATED, ETH + "0800 4500 0100 0000 0000 4011 0000 " + IP),
      Map.entry(Rejection.IPV4_BAD_CHECKSUM, "raw:" + ETH + "0800 4500 0014 0000 0000 4011 1234 "
          + IP),
      Map.entry(Rejection.IPV4_BAD_OPTION,
          ETH + "0800 4600 0018 0000 0000 4011 0000 " + IP + " 07 27 00 00"),
      Map.entry(Rejection.IPV4_BAD_FRAGMENT,
          ETH + "0800 4500 001c 0000 1fff 4011 0000 " + IP + " 0000000000000000"),
      Map.entry(Rejection.IPV4_BAD_SOURCE,
          ETH + "0800 4500 0014 0000 0000 4011 0000 e0000001 0a000002"),
      Map.entry(Rejection.ICMP_TOO_SHORT, ETH + "0800 4500 0018 0000 0000 4001 0000 " + IP
          + " 0800 0000"),
      Map.entry(Rejection.ICMP_BAD_CHECKSUM, "raw-l4:" + ETH + "0800 4500 001c 0000 0000 4001"
          + " 0000 " + IP + " 0800 0001 0000 0000"),
      Map.entry(Rejection.ICMP_UNSUPPORTED_TYPE, ETH + "0800 4500 001c 0000 0000 4001 0000 " + IP
          + " 0500 0000 0a0000fe"),
      Map.entry(Rejection.ICMP_BAD_CODE, ETH + "0800 4500 001c 0000 0000 4001 0000 " + IP
          + " 0007 0000 0000 0000"),
      Map.entry(Rejection.UDP_TOO_SHORT, ETH + "0800 4500 0018 0000 0000 4011 0000 " + IP
          + " 0035 0035"),
      Map.entry(Rejection.UDP_BAD_LENGTH, ETH + "0800 4500 001c 0000 0000 4011 0000 " + IP
          + " 0035 0035 0010 0000"),
      Map.entry(Rejection.TCP_TOO_SHORT, ETH + "0800 4500 0026 0000 0000 4006 0000 " + IP + " c000 0050 00000001 00000000 5002 1000 0000"),
      Map.entry(Rejection.TCP_BAD_DATA_OFFSET, ETH + "0800 4500 0028 0000 0000 4006 0000 " + IP + " c000 0050 00000001 00000000 4002 1000 0000 0000"),
      Map.entry(Rejection.TCP_HEADER_TRUNCATED, ETH + "0800 4500 0028 0000 0000 4006 0000 " + IP + " c000 0050 00000001 00000000 6002 1000 0000 0000"),
      Map.entry(Rejection.TCP_BAD_OPTION_LENGTH, ETH + "0800 4500 002c 0000 0000 4006 0000 " + IP + " c000 0050 00000001 00000000 6002 1000 0000 0000 02000000"),
      Map.entry(Rejection.TCP_BAD_MSS_OPTION, ETH + "0800 4500 002c 0000 0000 4006 0000 " + IP + " c000 0050 00000001 00000000 6002 1000 0000 0000 02030501"),
      Map.entry(Rejection.TCP_BAD_WINDOW_SCALE_OPTION, ETH + "0800 4500 002c 0000 0000 4006 0000 " + IP + " c000 0050 00000001 00000000 6002 1000 0000 0000 03020101"),
      Map.entry(Rejection.TCP_BAD_SACK_OPTION, ETH + "0800 4500 002c 0000 0000 4006 0000 " + IP + " c000 0050 00000001 00000000 6002 1000 0000 0000 04030101"),
      Map.entry(Rejection.TCP_BAD_TIMESTAMPS_OPTION, ETH + "0800 4500 0034 0000 0000 4006 0000 " + IP + " c000 0050 00000001 00000000 8002 1000 0000 0000 0101 0806 00000000 00000000"),
      Map.entry(Rejection.TCP_BAD_CHECKSUM, "raw-l4:" + ETH + "0800 4500 0028 0000 0000 4006"
          + " 0000 " + IP + " c000 0050 00000001 00000000 5002 1000 0001 0000"),
      Map.entry(Rejection.TCP_NOT_UNICAST, ETH + "0800 4500 0028 0000 0000 4006 0000 0a000001"
          + " ffffffff c000 0050 00000001 00000000 5002 1000 0000 0000"),
      Map.entry(Rejection.UDP_BAD_CHECKSUM, "raw-l4:" + ETH + "0800 4500 001c 0000 0000 4011"
          + " 0000 " + IP + " 0035 0035 0008 0001"));

  @Test
  void everyRejectionHasAFrameThatTriggersIt() {
    Set<Rejection> missing = EnumSet.allOf(Rejection.class);
    missing.removeAll(FRAMES.keySet());
    assertEquals(Set.of(), missing, "add a frame for each new Rejection");
    FRAMES.forEach((why, text) -> assertEquals(why, firstRejection(text), text));
  }

  @Test
  void everyRejectionNamesItsRule() {
    for (Rejection r : Rejection.values()) {
      assertFalse(r.rfc().isBlank(), r.name());
      assertFalse(r.description().isBlank(), r.name());
    }
  }

  /**
   * Parses down the layers and returns the first rejection. Unless prefixed with {@code raw:},
   * the IPv4 checksum is filled in first; unless prefixed with {@code raw-l4:} (or raw), so is the
   * ICMP or UDP checksum.
   */
  private static Rejection firstRejection(String text) {
    boolean fixIp = !text.startsWith("raw:");
    boolean fixL4 = !text.startsWith("raw");
    try (Mbuf m = Golden.buf(text.replaceFirst("^raw(-l4)?:", ""))) {
      if (!(EthernetHeader.parse(m) instanceof Parsed.Ok<EthernetHeader>(EthernetHeader eth))) {
        return ((Parsed.Rejected<EthernetHeader>) EthernetHeader.parse(m)).reason();
      }
      m.trimFront(eth.headerLen());
      if (eth.etherType() == EthernetView.TYPE_ARP) {
        return reason(ArpPacket.parse(m));
      }
      if (fixIp && m.readableBytes() >= 20 && (m.getU8(0) & 0xF) >= 5
          && m.readableBytes() >= (m.getU8(0) & 0xF) * 4) {
        Ipv4View.wrapUnchecked(m).fillChecksum();
      }
      Parsed<Ipv4Header> ip = Ipv4Header.parse(m);
      if (!(ip instanceof Parsed.Ok<Ipv4Header>(Ipv4Header h))) {
        return reason(ip);
      }
      m.truncate(h.totalLength());
      m.trimFront(h.headerLen());
      if (h.protocol() == Ipv4View.PROTO_ICMP) {
        if (fixL4 && m.readableBytes() >= 8) {
          IcmpView.wrapUnchecked(m).fillChecksum();
        }
        return reason(IcmpMessage.parse(m));
      }
      if (h.protocol() == Ipv4View.PROTO_TCP) {
        if (fixL4 && m.readableBytes() >= 20 && (m.getU8(12) >>> 4) * 4 <= m.readableBytes()) {
          TcpView.wrapUnchecked(m).fillChecksum(h.source(), h.destination());
        }
        return reason(TcpHeader.parse(m, h.source(), h.destination()));
      }
      if (fixL4 && m.readableBytes() >= 8 && m.getU16(4) >= 8 && m.getU16(4) <= m.readableBytes()) {
        UdpView.wrapUnchecked(m).fillChecksum(h.source(), h.destination());
      }
      return reason(UdpHeader.parse(m, h.source(), h.destination()));
    }
  }

  private static Rejection reason(Parsed<?> p) {
    return p instanceof Parsed.Rejected<?> r ? r.reason() : null;
  }
}
