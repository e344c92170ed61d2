package dev.netspec.wire;

import static dev.netspec.wire.Golden.PING_ICMP;
import static dev.netspec.wire.Golden.PING_IPV4;
import static dev.netspec.wire.Golden.buf;
import static dev.netspec.wire.Golden.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.buf.Mbuf;
import dev.netspec.wire.IcmpMessage.DestinationUnreachable;
import dev.netspec.wire.IcmpMessage.EchoReply;
import dev.netspec.wire.IcmpMessage.EchoRequest;
import dev.netspec.wire.IcmpMessage.TimeExceeded;
import org.junit.jupiter.api.Test;

class IcmpTest {

  @Test
  void deconstruct() {
    try (Mbuf m = buf(PING_ICMP)) {
      IcmpView v = IcmpView.wrapChecked(m).orThrow();
      assertEquals(IcmpView.TYPE_ECHO_REQUEST, v.type());
      assertEquals(0, v.code());
      assertEquals(0x2104, v.checksum());
      assertEquals(0x1234, v.identifier());
      assertEquals(1, v.sequence());
      assertTrue(v.checksumVerifies());
    }
  }

  @Test
  void construct() {
    try (Mbuf m = buf("08 00 0000 1234 0001 61626364")) {
      IcmpView.wrapUnchecked(m).fillChecksum();
      assertArrayEquals(hex(PING_ICMP), m.toByteArray());
    }
  }

  @Test
  void parse() {
    try (Mbuf m = buf(PING_ICMP)) {
      assertEquals(new EchoRequest(0x1234, 1), IcmpMessage.parse(m).orThrow());
    }
  }

  @Test
  void emitEchoReplyOverTheSameData() {
    // The reply to the golden ping: type 0, same id/seq/data; checksum differs by 0x0800.
    try (Mbuf m = buf(PING_ICMP)) {
      new EchoReply(0x1234, 1).emit(m);
      assertArrayEquals(hex("00 00 2904 1234 0001 61626364"), m.toByteArray());
    }
  }

  @Test
  void emitIntoExactlyHeaderLen() {
    try (Mbuf m = Mbuf.unpooled(0, 8)) {
      m.append(8);
      new EchoRequest(0, 0).emit(m);
      assertArrayEquals(hex("0800 f7ff 0000 0000"), m.toByteArray());
    }
  }

  @Test
  void timeExceededAndUnreachableCarryTheOffendingHeader() {
    byte[] offending = hex(PING_IPV4 + "08002104 12340001");
    for (IcmpMessage msg : new IcmpMessage[] {
        new TimeExceeded(TimeExceeded.TTL_EXCEEDED),
        new DestinationUnreachable(DestinationUnreachable.PORT, 0),
        new DestinationUnreachable(DestinationUnreachable.FRAGMENTATION_NEEDED, 1400)}) {
      try (Mbuf m = Mbuf.unpooled(8, offending.length)) {
        m.appendBytes(offending);
        msg.prependTo(m);
        assertEquals(36, m.readableBytes());
        assertEquals(msg, IcmpMessage.parse(m).orThrow());
      }
    }
  }

  @Test
  void emitTimeExceededGolden() {
    try (Mbuf m = Mbuf.unpooled(0, 8)) {
      m.append(8);
      new TimeExceeded(0).emit(m);
      assertArrayEquals(hex("0b00 f4ff 0000 0000"), m.toByteArray());
    }
  }

  @Test
  void rejectsTooShort() {
    assertRejected("08 00 2104 1234 00", Rejection.ICMP_TOO_SHORT);
  }

  @Test
  void rejectsBadChecksum() {
    assertRejected("08 00 2105 1234 0001 61626364", Rejection.ICMP_BAD_CHECKSUM);
  }

  @Test
  void rejectsUnsupportedType() {
    assertRejectedAfterChecksum("0d 00 0000 1234 0001", Rejection.ICMP_UNSUPPORTED_TYPE); // timestamp
  }

  @Test
  void rejectsEchoWithNonZeroCode() {
    assertRejectedAfterChecksum("08 01 0000 1234 0001", Rejection.ICMP_BAD_CODE);
  }

  private static void assertRejected(String bytes, Rejection why) {
    try (Mbuf m = buf(bytes)) {
      assertEquals(Parsed.rejected(why), IcmpMessage.parse(m));
    }
  }

  private static void assertRejectedAfterChecksum(String bytes, Rejection why) {
    try (Mbuf m = buf(bytes)) {
      IcmpView.wrapUnchecked(m).fillChecksum();
      assertEquals(Parsed.rejected(why), IcmpMessage.parse(m));
    }
  }
}
