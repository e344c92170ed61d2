package dev.netspec.wire;

import static dev.netspec.wire.Golden.IP_A;
import static dev.netspec.wire.Golden.IP_B;
import static dev.netspec.wire.Golden.UDP_HI;
import static dev.netspec.wire.Golden.UDP_HI_IPV4;
import static dev.netspec.wire.Golden.buf;
import static dev.netspec.wire.Golden.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.buf.Mbuf;
import org.junit.jupiter.api.Test;

class UdpTest {

  @Test
  void deconstruct() {
    try (Mbuf m = buf(UDP_HI)) {
      UdpView v = UdpView.wrapChecked(m).orThrow();
      assertEquals(1234, v.sourcePort());
      assertEquals(53, v.destinationPort());
      assertEquals(11, v.length());
      assertEquals(0x5d65, v.checksum());
      assertTrue(v.checksumVerifies(IP_A, IP_B));
    }
  }

  @Test
  void construct() {
    try (Mbuf m = buf("04d2 0035 000b 0000 686921")) {
      UdpView.wrapUnchecked(m).fillChecksum(IP_A, IP_B);
      assertArrayEquals(hex(UDP_HI), m.toByteArray());
    }
  }

  @Test
  void parse() {
    try (Mbuf m = buf(UDP_HI)) {
      assertEquals(new UdpHeader(1234, 53, 3), UdpHeader.parse(m, IP_A, IP_B).orThrow());
    }
  }

  @Test
  void emitWholeDatagramInsideIpv4() {
    try (Mbuf m = Mbuf.unpooled(28, 3)) {
      m.appendBytes("hi!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      new UdpHeader(1234, 53, 3).prependTo(m, IP_A, IP_B);
      Ipv4Header.of(IP_A, IP_B, Ipv4View.PROTO_UDP, 1, 11).prependTo(m);
      assertArrayEquals(hex(UDP_HI_IPV4 + UDP_HI), m.toByteArray());
    }
  }

  @Test
  void emitIntoExactlyHeaderLen() {
    try (Mbuf m = Mbuf.unpooled(0, 8)) {
      m.append(8);
      new UdpHeader(1234, 53, 0).emit(m, IP_A, IP_B);
      assertEquals(new UdpHeader(1234, 53, 0), UdpHeader.parse(m, IP_A, IP_B).orThrow());
    }
  }

  @Test
  void zeroChecksumMeansNoneAndIsAccepted() {
    try (Mbuf m = buf("04d2 0035 000b 0000 686921")) {
      assertEquals(new UdpHeader(1234, 53, 3), UdpHeader.parse(m, IP_A, IP_B).orThrow());
    }
  }

  @Test
  void computedZeroIsSentAsAllOnes() {
    // Choose the payload word so that the sum is 0xffff and the checksum would be 0 (RFC 768).
    try (Mbuf m = buf("04d2 0035 000a 0000 0000")) {
      UdpView v = UdpView.wrapUnchecked(m);
      v.fillChecksum(IP_A, IP_B);
      int c = v.checksum();
      m.setU16(8, c); // the sum now includes ~sum in the data: total all ones, checksum 0
      v.fillChecksum(IP_A, IP_B);
      assertEquals(0xffff, v.checksum());
      assertTrue(v.checksumVerifies(IP_A, IP_B));
    }
  }

  @Test
  void rejectsTooShort() {
    assertRejected("04d2 0035 0008 00", Rejection.UDP_TOO_SHORT);
  }

  @Test
  void rejectsLengthBelowHeader() {
    assertRejected("04d2 0035 0007 0000", Rejection.UDP_BAD_LENGTH);
  }

  @Test
  void rejectsLengthBeyondPayload() {
    assertRejected("04d2 0035 000c 0000 686921", Rejection.UDP_BAD_LENGTH);
  }

  @Test
  void rejectsBadChecksum() {
    assertRejected("04d2 0035 000b 5d66 686921", Rejection.UDP_BAD_CHECKSUM);
  }

  private static void assertRejected(String bytes, Rejection why) {
    try (Mbuf m = buf(bytes)) {
      assertEquals(Parsed.rejected(why), UdpHeader.parse(m, IP_A, IP_B));
    }
  }
}
