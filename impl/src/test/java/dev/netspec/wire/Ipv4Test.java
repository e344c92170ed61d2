package dev.netspec.wire;

import static dev.netspec.wire.Golden.IP_A;
import static dev.netspec.wire.Golden.IP_B;
import static dev.netspec.wire.Golden.PING_ICMP;
import static dev.netspec.wire.Golden.PING_IPV4;
import static dev.netspec.wire.Golden.buf;
import static dev.netspec.wire.Golden.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.buf.Mbuf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ipv4Test {
  private static final String PING = PING_IPV4 + PING_ICMP;
  /** The textbook header: 192.168.0.1 -> 192.168.0.199, UDP, total 115, checksum b861. */
  private static final String TEXTBOOK = "4500 0073 0000 4000 4011 b861 c0a80001 c0a800c7";

  private static final Ipv4Header PING_HEADER = new Ipv4Header(0, 0xabcd, true, false, 0, 64,
      Ipv4View.PROTO_ICMP, IP_A, IP_B, Ipv4Options.NONE, 12);

  @Test
  void deconstruct() {
    try (Mbuf m = buf(PING)) {
      Ipv4View v = Ipv4View.wrapChecked(m).orThrow();
      assertEquals(4, v.version());
      assertEquals(5, v.ihl());
      assertEquals(32, v.totalLength());
      assertEquals(0xabcd, v.identification());
      assertTrue(v.dontFragment());
      assertFalse(v.moreFragments());
      assertEquals(0, v.fragmentOffset());
      assertEquals(64, v.ttl());
      assertEquals(Ipv4View.PROTO_ICMP, v.protocol());
      assertEquals(0x7b0d, v.checksum());
      assertEquals(IP_A, v.source());
      assertEquals(IP_B, v.destination());
      assertTrue(v.checksumVerifies());
    }
  }

  @Test
  void constructComputesTheTextbookChecksum() {
    try (Mbuf m = buf("4500 0073 0000 4000 4011 0000 c0a80001 c0a800c7")) {
      Ipv4View.wrapUnchecked(m).fillChecksum();
      assertArrayEquals(hex(TEXTBOOK), m.toByteArray());
    }
  }

  @Test
  void parse() {
    try (Mbuf m = buf(PING)) {
      assertEquals(PING_HEADER, Ipv4Header.parse(m).orThrow());
    }
  }

  @Test
  void parseAllowsLinkLayerPaddingAfterTotalLength() {
    try (Mbuf m = buf(PING + "000000000000")) {
      assertEquals(PING_HEADER, Ipv4Header.parse(m).orThrow());
    }
  }

  @Test
  void parseKeepsWellFormedOptions() {
    // IHL 6: one NOP, then a 3-byte router-alert-like option (type 0x94, len 3)... padded by END.
    try (Mbuf m = buf("4600 0018 0000 0000 4001 0000 0a000001 0a000002 01 94 02 00")) {
      Ipv4View.wrapUnchecked(m).fillChecksum();
      Ipv4Header h = Ipv4Header.parse(m).orThrow();
      assertEquals(Ipv4Options.of(hex("01940200")), h.options());
      assertEquals(24, h.headerLen());
      assertEquals(0, h.payloadLength());
    }
  }

  @Test
  void emitIntoExactlyHeaderLen() {
    try (Mbuf m = Mbuf.unpooled(0, 20)) {
      m.append(PING_HEADER.headerLen());
      PING_HEADER.emit(m);
      assertArrayEquals(hex(PING_IPV4), m.toByteArray());
    }
  }

  @Test
  void decrementTtlPatchesTheChecksumIncrementally() {
    try (Mbuf m = buf(PING)) {
      Ipv4View v = Ipv4View.wrapChecked(m).orThrow();
      v.decrementTtl();
      assertEquals(63, v.ttl());
      assertTrue(v.checksumVerifies());
      assertEquals(0x7c0d, v.checksum()); // 0x7b0d + 0x0100: one's complement of a smaller sum
    }
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    "4500 0020 abcd 4000 4001 7b0d 0a000001 0a, IPV4_TOO_SHORT",
    "6500 0020 abcd 4000 4001 7b0d 0a000001 0a000002, IPV4_BAD_VERSION",
    "4400 0020 abcd 4000 4001 7b0d 0a000001 0a000002, IPV4_BAD_IHL",
    "4600 0020 abcd 4000 4001 7b0d 0a000001 0a000002, IPV4_HEADER_TRUNCATED",
    "4500 0013 abcd 4000 4001 7b0d 0a000001 0a000002, IPV4_BAD_TOTAL_LENGTH",
    "4500 0030 abcd 4000 4001 7b0d 0a000001 0a000002, IPV4_TRUNCATED",
    "4500 0014 abcd 4000 4001 7b0d 0a000001 0a000002, IPV4_BAD_CHECKSUM",
  })
  void rejects(String header, Rejection why) {
    try (Mbuf m = buf(header)) {
      assertEquals(Parsed.rejected(why), Ipv4Header.parse(m));
    }
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    // option type 0x83 (loose source route) claiming 9 bytes in a 4-byte option area
    "4600 0018 0000 0000 4001 0000 0a000001 0a000002 83 09 00 00, IPV4_BAD_OPTION",
    // option with length 1 (below the minimum 2)
    "4600 0018 0000 0000 4001 0000 0a000001 0a000002 83 01 00 00, IPV4_BAD_OPTION",
    // offset 8191*8 = 65528 plus 8 payload bytes ends at 65536, past the 65535 maximum
    "4500 001c 0000 1fff 4001 0000 0a000001 0a000002 0000000000000000, IPV4_BAD_FRAGMENT",
    "4500 0014 0000 0000 4001 0000 ffffffff 0a000002, IPV4_BAD_SOURCE",
    "4500 0014 0000 0000 4001 0000 e0000001 0a000002, IPV4_BAD_SOURCE",
  })
  void rejectsWithAValidChecksum(String header, Rejection why) {
    try (Mbuf m = buf(header)) {
      Ipv4View.wrapUnchecked(m).fillChecksum();
      assertEquals(Parsed.rejected(why), Ipv4Header.parse(m));
    }
  }

  @Test
  void addressTextAndPrefixes() {
    Ipv4Addr a = Ipv4Addr.parse("192.168.1.77");
    assertEquals("192.168.1.77", a.toString());
    assertTrue(a.inSubnet(Ipv4Addr.parse("192.168.0.0"), 16));
    assertFalse(a.inSubnet(Ipv4Addr.parse("192.168.0.0"), 24));
    assertTrue(a.inSubnet(Ipv4Addr.ANY, 0));
    assertThrows(IllegalArgumentException.class, () -> Ipv4Addr.parse("1.2.3"));
    assertThrows(IllegalArgumentException.class, () -> Ipv4Addr.parse("1.2.3.256"));
    assertThrows(IllegalArgumentException.class, () -> Ipv4Addr.parse("1.2.3.-1"));
  }
}
