package dev.netspec.wire;

import static dev.netspec.wire.Golden.ARP_REQUEST_FRAME;
import static dev.netspec.wire.Golden.MAC_A;
import static dev.netspec.wire.Golden.buf;
import static dev.netspec.wire.Golden.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.buf.Mbuf;
import dev.netspec.wire.EthernetHeader.VlanTag;
import org.junit.jupiter.api.Test;

class EthernetTest {
  private static final String TAGGED = "ffffffffffff 525400123456 8100 a00a 0800 45";

  @Test
  void deconstruct() {
    try (Mbuf m = buf(ARP_REQUEST_FRAME)) {
      EthernetView v = EthernetView.wrapChecked(m).orThrow();
      assertEquals(MacAddr.BROADCAST, v.destination());
      assertEquals(MAC_A, v.source());
      assertEquals(EthernetView.TYPE_ARP, v.etherType());
      assertFalse(v.isTagged());
      assertEquals(14, v.headerLen());
    }
  }

  @Test
  void deconstructTagged() {
    try (Mbuf m = buf(TAGGED)) {
      EthernetView v = EthernetView.wrapChecked(m).orThrow();
      assertTrue(v.isTagged());
      assertEquals(0xa00a, v.vlanTci());
      assertEquals(EthernetView.TYPE_IPV4, v.etherType());
      assertEquals(18, v.headerLen());
    }
  }

  @Test
  void construct() {
    try (Mbuf m = Mbuf.unpooled(0, 14)) {
      m.append(14);
      EthernetView v = EthernetView.wrapUnchecked(m);
      v.setDestination(MacAddr.BROADCAST);
      v.setSource(MAC_A);
      v.setOuterEtherType(EthernetView.TYPE_ARP);
      assertArrayEquals(hex("ffffffffffff 525400123456 0806"), m.toByteArray());
    }
  }

  @Test
  void parse() {
    try (Mbuf m = buf(TAGGED)) {
      assertEquals(new EthernetHeader(MacAddr.BROADCAST, MAC_A, new VlanTag(5, false, 10), 0x0800),
          EthernetHeader.parse(m).orThrow());
    }
  }

  @Test
  void emitIntoExactlyHeaderLen() {
    EthernetHeader h = new EthernetHeader(MacAddr.BROADCAST, MAC_A, new VlanTag(5, false, 10),
        0x0800);
    try (Mbuf m = Mbuf.unpooled(0, h.headerLen())) {
      m.append(h.headerLen());
      h.emit(m);
      assertArrayEquals(hex(TAGGED.substring(0, TAGGED.length() - 3)), m.toByteArray());
    }
  }

  @Test
  void prependAddsTheHeaderInFront() {
    try (Mbuf m = Mbuf.unpooled(14, 1)) {
      m.setU8(m.append(1), 0x45);
      EthernetHeader.of(MacAddr.BROADCAST, MAC_A, 0x0800).prependTo(m);
      assertArrayEquals(hex("ffffffffffff 525400123456 0800 45"), m.toByteArray());
    }
  }

  @Test
  void rejectsTooShort() {
    assertRejected("ffffffffffff 525400123456 08", Rejection.ETH_TOO_SHORT);
  }

  @Test
  void rejectsTruncatedVlanTag() {
    assertRejected("ffffffffffff 525400123456 8100 a00a", Rejection.ETH_VLAN_TRUNCATED);
  }

  @Test
  void rejectsNestedVlanTag() {
    assertRejected("ffffffffffff 525400123456 8100 a00a 8100", Rejection.ETH_NESTED_VLAN);
  }

  @Test
  void rejects8023LengthField() {
    assertRejected("ffffffffffff 525400123456 05dc", Rejection.ETH_LENGTH_FIELD);
    assertRejected("ffffffffffff 525400123456 8100 0001 0040", Rejection.ETH_LENGTH_FIELD);
  }

  @Test
  void macAddrTextRoundTripsAndRejectsGarbage() {
    assertEquals("52:54:00:12:34:56", MAC_A.toString());
    assertTrue(MacAddr.BROADCAST.isMulticast());
    assertFalse(MAC_A.isMulticast());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> MacAddr.parse("52:54:00:12:34"));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> MacAddr.parse("52:54:00:12:34:zz"));
  }

  static void assertRejected(String frame, Rejection why) {
    try (Mbuf m = buf(frame)) {
      assertEquals(Parsed.rejected(why), EthernetHeader.parse(m));
    }
  }
}
