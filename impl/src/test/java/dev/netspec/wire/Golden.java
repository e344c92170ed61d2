package dev.netspec.wire;

import dev.netspec.buf.Mbuf;
import java.util.HexFormat;

/**
 * Real packets written byte by byte, shared by the wire tests. Checksums were worked out by hand
 * from RFC 1071 and cross-checked with an independent script; the IPv4 header checksum example is
 * the well-known 0xb861 one (192.168.0.1 -> 192.168.0.199, UDP, total length 115).
 */
final class Golden {
  private Golden() {}

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("[\\s|]", ""));
  }

  static Mbuf buf(String s) {
    return Mbuf.copyOf(hex(s));
  }

  static final MacAddr MAC_A = MacAddr.parse("52:54:00:12:34:56");
  static final MacAddr MAC_B = MacAddr.parse("52:54:00:ab:cd:ef");
  static final Ipv4Addr IP_A = Ipv4Addr.parse("10.0.0.1");
  static final Ipv4Addr IP_B = Ipv4Addr.parse("10.0.0.2");

  /** "Who has 10.0.0.2? Tell 10.0.0.1", broadcast by 52:54:00:12:34:56 (Ethernet + ARP). */
  static final String ARP_REQUEST_FRAME =
      "ffffffffffff 525400123456 0806"
          + "| 0001 0800 06 04 0001 525400123456 0a000001 000000000000 0a000002";

  /** The ARP part of {@link #ARP_REQUEST_FRAME}. */
  static final String ARP_REQUEST = ARP_REQUEST_FRAME.substring(ARP_REQUEST_FRAME.indexOf('|') + 1);

  /** 10.0.0.2 is at 52:54:00:ab:cd:ef, answering the request above. */
  static final String ARP_REPLY =
      "0001 0800 06 04 0002 525400abcdef 0a000002 525400123456 0a000001";

  /** IPv4 header of a ping 10.0.0.1 -> 10.0.0.2: id 0xabcd, DF, TTL 64, ICMP, total 32. */
  static final String PING_IPV4 = "4500 0020 abcd 4000 4001 7b0d 0a000001 0a000002";

  /** Echo request id 0x1234 seq 1 with data "abcd". */
  static final String PING_ICMP = "08 00 2104 1234 0001 61626364";

  /** UDP 10.0.0.1:1234 -> 10.0.0.2:53 carrying "hi!" (length 11, checksum 0x5d65). */
  static final String UDP_HI = "04d2 0035 000b 5d65 686921";

  /** IPv4 header for {@link #UDP_HI}: id 1, no flags, TTL 64, UDP, total 31. */
  static final String UDP_HI_IPV4 = "4500 001f 0001 0000 4011 66cb 0a000001 0a000002";

  /**
   * SYN 10.0.0.1:49152 -> 10.0.0.2:80, seq 0x01020304, window 65535, options MSS 1460,
   * SACK-permitted, timestamps (1, 0), NOP, window scale 7 (checksum 0x6fa6).
   */
  static final String TCP_SYN = "c000 0050 01020304 00000000 a002 ffff 6fa6 0000"
      + " 020405b4 0402080a 00000001 00000000 01030307";

  /** 10.0.0.2:80 -> 10.0.0.1:49152 [PSH,ACK] seq 0x0a0b0c0d ack 0x01020305 win 8192 "hi!". */
  static final String TCP_DATA = "0050 c000 0a0b0c0d 01020305 5018 2000 17ee 0000 686921";
}
