package dev.netspec.wire;

import static dev.netspec.wire.Golden.IP_A;
import static dev.netspec.wire.Golden.IP_B;
import static dev.netspec.wire.Golden.TCP_DATA;
import static dev.netspec.wire.Golden.TCP_SYN;
import static dev.netspec.wire.Golden.buf;
import static dev.netspec.wire.Golden.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.buf.Mbuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpTest {
  static final TcpOptions SYN_OPTIONS = new TcpOptions(1460, 7, true,
      new TcpOptions.Timestamps(1, 0), List.of());
  static final TcpHeader SYN = new TcpHeader(49152, 80, 0x01020304, 0, TcpView.SYN, 65535, 0,
      SYN_OPTIONS);
  static final TcpHeader DATA = new TcpHeader(80, 49152, 0x0a0b0c0d, 0x01020305,
      TcpView.PSH | TcpView.ACK, 8192, 0, TcpOptions.NONE);

  @Test
  void deconstruct() {
    try (Mbuf m = buf(TCP_DATA)) {
      TcpView v = TcpView.wrapChecked(m).orThrow();
      assertEquals(80, v.sourcePort());
      assertEquals(49152, v.destinationPort());
      assertEquals(0x0a0b0c0d, v.sequence());
      assertEquals(0x01020305, v.acknowledgment());
      assertEquals(20, v.headerLen());
      assertEquals(TcpView.PSH | TcpView.ACK, v.flags());
      assertEquals(8192, v.window());
      assertEquals(0x17ee, v.checksum());
      assertEquals(3, v.payloadLength());
      assertTrue(v.checksumVerifies(IP_B, IP_A));
      assertFalse(v.checksumVerifies(IP_B, Ipv4Addr.parse("10.0.0.3")), "pseudo-header covers dst");
    }
  }

  @Test
  void construct() {
    try (Mbuf m = buf("0050 c000 0a0b0c0d 01020305 5018 2000 0000 0000 686921")) {
      TcpView.wrapUnchecked(m).fillChecksum(IP_B, IP_A);
      assertArrayEquals(hex(TCP_DATA), m.toByteArray());
    }
  }

  @Test
  void parseSynWithEveryHandshakeOption() {
    try (Mbuf m = buf(TCP_SYN)) {
      assertEquals(SYN, TcpHeader.parse(m, IP_A, IP_B).orThrow());
    }
  }

  @Test
  void parseData() {
    try (Mbuf m = buf(TCP_DATA)) {
      assertEquals(DATA, TcpHeader.parse(m, IP_B, IP_A).orThrow());
    }
  }

  @Test
  void emitSynMatchesGoldenBytes() {
    try (Mbuf m = Mbuf.unpooled(0, 40)) {
      m.append(SYN.headerLen());
      SYN.emit(m, IP_A, IP_B);
      assertArrayEquals(hex(TCP_SYN), m.toByteArray());
    }
  }

  @Test
  void prependDataMatchesGoldenBytes() {
    try (Mbuf m = Mbuf.unpooled(20, 3)) {
      m.appendBytes("hi!".getBytes(StandardCharsets.US_ASCII));
      DATA.prependTo(m, IP_B, IP_A);
      assertArrayEquals(hex(TCP_DATA), m.toByteArray());
    }
  }

  @Test
  void sackBlocksRoundTrip() {
    TcpOptions o = new TcpOptions(-1, -1, false, new TcpOptions.Timestamps(7, 9),
        List.of(new TcpOptions.SackBlock(100, 200), new TcpOptions.SackBlock(-10, 5)));
    TcpHeader h = new TcpHeader(1, 2, 3, 4, TcpView.ACK, 5, 0, o);
    assertEquals(20 + 12 + 4 + 16, h.headerLen());
    try (Mbuf m = Mbuf.unpooled(0, 60)) {
      m.append(h.headerLen());
      h.emit(m, IP_A, IP_B);
      assertEquals(h, TcpHeader.parse(m, IP_A, IP_B).orThrow());
    }
  }

  @Test
  void eolEndsTheListAndUnknownOptionsAreSkipped() {
    // MSS 536, unknown kind 30 length 4, EOL, then garbage that must be ignored as padding.
    String seg = "c000 0050 00000001 00000000 8002 1000 0000 0000 02040218 1e04abcd 00ff0102";
    try (Mbuf m = buf(seg)) {
      TcpView.wrapUnchecked(m).fillChecksum(IP_A, IP_B);
      TcpHeader h = TcpHeader.parse(m, IP_A, IP_B).orThrow();
      assertEquals(TcpOptions.NONE.withMss(536), h.options());
    }
  }

  @Test
  void optionsLongerThanFortyBytesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new TcpOptions(1460, 7, true,
        new TcpOptions.Timestamps(1, 1), List.of(new TcpOptions.SackBlock(1, 2),
            new TcpOptions.SackBlock(1, 2), new TcpOptions.SackBlock(1, 2))));
  }

  @Test
  void rejectsTooShort() {
    assertRejected("c000 0050 00000001 00000000 5002 1000 0000 00", Rejection.TCP_TOO_SHORT);
  }

  @Test
  void rejectsDataOffsetBelowFive() {
    assertRejected("c000 0050 00000001 00000000 4002 1000 0000 0000", Rejection.TCP_BAD_DATA_OFFSET);
  }

  @Test
  void rejectsHeaderRunningPastSegment() {
    assertRejected("c000 0050 00000001 00000000 6002 1000 0000 0000",
        Rejection.TCP_HEADER_TRUNCATED);
  }

  @Test
  void rejectsBadChecksum() {
    try (Mbuf m = buf(TCP_DATA)) {
      m.setU8(20, 'H');
      assertEquals(Parsed.rejected(Rejection.TCP_BAD_CHECKSUM), TcpHeader.parse(m, IP_B, IP_A));
    }
  }

  @Test
  void rejectsBroadcastDestination() {
    assertRejected("c000 0050 00000001 00000000 5002 1000 0000 0000", Rejection.TCP_NOT_UNICAST,
        Ipv4Addr.BROADCAST);
  }

  @Test
  void rejectsZeroOptionLength() {
    assertRejected("c000 0050 00000001 00000000 6002 1000 0000 0000 02000000",
        Rejection.TCP_BAD_OPTION_LENGTH);
  }

  @Test
  void rejectsOptionRunningPastHeader() {
    assertRejected("c000 0050 00000001 00000000 6002 1000 0000 0000 01010108",
        Rejection.TCP_BAD_OPTION_LENGTH);
  }

  @Test
  void rejectsKindWithoutLengthByte() {
    assertRejected("c000 0050 00000001 00000000 6002 1000 0000 0000 01010102",
        Rejection.TCP_BAD_OPTION_LENGTH);
  }

  @Test
  void rejectsWrongLengthsOfKnownOptions() {
    String h = "c000 0050 00000001 00000000 %s002 1000 0000 0000 ";
    assertRejected(h.formatted("6") + "02030501", Rejection.TCP_BAD_MSS_OPTION);
    assertRejected(h.formatted("6") + "03020101", Rejection.TCP_BAD_WINDOW_SCALE_OPTION);
    assertRejected(h.formatted("6") + "04030101", Rejection.TCP_BAD_SACK_OPTION);
    assertRejected(h.formatted("6") + "05020101", Rejection.TCP_BAD_SACK_OPTION);
    assertRejected(h.formatted("8") + "0101 0806 00000000 00000000",
        Rejection.TCP_BAD_TIMESTAMPS_OPTION);
  }

  private static void assertRejected(String bytes, Rejection why) {
    assertRejected(bytes, why, IP_B);
  }

  private static void assertRejected(String bytes, Rejection why, Ipv4Addr dst) {
    try (Mbuf m = buf(bytes)) {
      if (m.readableBytes() >= 20 && (m.getU8(12) >>> 4) * 4 <= m.readableBytes()
          && why != Rejection.TCP_BAD_CHECKSUM) {
        TcpView.wrapUnchecked(m).fillChecksum(IP_A, dst);
      }
      assertEquals(Parsed.rejected(why), TcpHeader.parse(m, IP_A, dst));
    }
  }
}
