package dev.netspec.net;

import dev.netspec.buf.Mbuf;
import dev.netspec.wire.ArpPacket;
import dev.netspec.wire.EthernetHeader;
import dev.netspec.wire.EthernetView;
import dev.netspec.wire.IcmpMessage;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.Ipv4Header;
import dev.netspec.wire.Ipv4Options;
import dev.netspec.wire.Ipv4View;
import dev.netspec.wire.MacAddr;
import dev.netspec.wire.UdpHeader;
import java.util.HexFormat;

/** Builds test frames with the (golden-tested) wire emitters. */
final class Frames {
  private Frames() {}

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("[\\s|]", ""));
  }

  static byte[] arp(MacAddr ethDst, ArpPacket p) {
    try (Mbuf m = Mbuf.unpooled(14, 28)) {
      m.append(28);
      p.emit(m);
      EthernetHeader.of(ethDst, p.senderHw(), EthernetView.TYPE_ARP).prependTo(m);
      return m.toByteArray();
    }
  }

  static byte[] ping(MacAddr ethDst, MacAddr ethSrc, Ipv4Addr src, Ipv4Addr dst, int ttl,
      int id, int seq, byte[] data) {
    try (Mbuf m = Mbuf.unpooled(64, 8 + data.length)) {
      m.appendBytes(data);
      new IcmpMessage.EchoRequest(id, seq).prependTo(m);
      ipv4(src, dst, Ipv4View.PROTO_ICMP, ttl, false, m);
      EthernetHeader.of(ethDst, ethSrc, EthernetView.TYPE_IPV4).prependTo(m);
      return m.toByteArray();
    }
  }

  static byte[] udp(MacAddr ethDst, MacAddr ethSrc, Ipv4Addr src, int sport, Ipv4Addr dst,
      int dport, byte[] data) {
    try (Mbuf m = Mbuf.unpooled(64, 8 + data.length)) {
      m.appendBytes(data);
      new UdpHeader(sport, dport, data.length).prependTo(m, src, dst);
      ipv4(src, dst, Ipv4View.PROTO_UDP, 64, false, m);
      EthernetHeader.of(ethDst, ethSrc, EthernetView.TYPE_IPV4).prependTo(m);
      return m.toByteArray();
    }
  }

  /** An IPv4 datagram with an arbitrary protocol and payload, optionally a first fragment. */
  static byte[] ip(MacAddr ethDst, MacAddr ethSrc, Ipv4Addr src, Ipv4Addr dst, int protocol,
      boolean moreFragments, byte[] payload) {
    try (Mbuf m = Mbuf.unpooled(64, payload.length)) {
      m.appendBytes(payload);
      new Ipv4Header(0, 7, false, moreFragments, 0, 64, protocol, src, dst, Ipv4Options.NONE,
          payload.length).prependTo(m);
      EthernetHeader.of(ethDst, ethSrc, EthernetView.TYPE_IPV4).prependTo(m);
      return m.toByteArray();
    }
  }

  private static void ipv4(Ipv4Addr src, Ipv4Addr dst, int proto, int ttl, boolean df, Mbuf m) {
    new Ipv4Header(0, 0x99, df, false, 0, ttl, proto, src, dst, Ipv4Options.NONE,
        m.readableBytes()).prependTo(m);
  }
}
