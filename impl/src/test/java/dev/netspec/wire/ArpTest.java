package dev.netspec.wire;

import static dev.netspec.wire.Golden.ARP_REPLY;
import static dev.netspec.wire.Golden.ARP_REQUEST;
import static dev.netspec.wire.Golden.IP_A;
import static dev.netspec.wire.Golden.IP_B;
import static dev.netspec.wire.Golden.MAC_A;
import static dev.netspec.wire.Golden.MAC_B;
import static dev.netspec.wire.Golden.buf;
import static dev.netspec.wire.Golden.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netspec.buf.Mbuf;
import dev.netspec.wire.ArpPacket.Operation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ArpTest {

  @Test
  void deconstruct() {
    try (Mbuf m = buf(ARP_REQUEST)) {
      ArpView v = ArpView.wrapChecked(m).orThrow();
      assertEquals(1, v.hardwareType());
      assertEquals(0x0800, v.protocolType());
      assertEquals(6, v.hardwareLen());
      assertEquals(4, v.protocolLen());
      assertEquals(ArpView.OP_REQUEST, v.operation());
      assertEquals(MAC_A, v.senderHw());
      assertEquals(IP_A, v.senderIp());
      assertEquals(MacAddr.ZERO, v.targetHw());
      assertEquals(IP_B, v.targetIp());
    }
  }

  @Test
  void construct() {
    try (Mbuf m = Mbuf.unpooled(0, 28)) {
      m.append(28);
      ArpView v = ArpView.wrapUnchecked(m);
      v.setFixedFields(ArpView.OP_REPLY);
      v.setAddresses(MAC_B, IP_B, MAC_A, IP_A);
      assertArrayEquals(hex(ARP_REPLY), m.toByteArray());
    }
  }

  @Test
  void parse() {
    try (Mbuf m = buf(ARP_REQUEST)) {
      assertEquals(ArpPacket.request(MAC_A, IP_A, IP_B), ArpPacket.parse(m).orThrow());
    }
  }

  @Test
  void emitReplyToRequest() {
    ArpPacket reply = ArpPacket.replyTo(ArpPacket.request(MAC_A, IP_A, IP_B), MAC_B);
    assertEquals(Operation.REPLY, reply.operation());
    try (Mbuf m = Mbuf.unpooled(0, 28)) {
      m.append(reply.headerLen());
      reply.emit(m);
      assertArrayEquals(hex(ARP_REPLY), m.toByteArray());
    }
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    "0001 0800 06 04 0001 525400123456 0a000001 000000000000 0a00, ARP_TOO_SHORT",
    "0006 0800 06 04 0001 525400123456 0a000001 000000000000 0a000002, ARP_UNSUPPORTED_HARDWARE",
    "0001 86dd 06 04 0001 525400123456 0a000001 000000000000 0a000002, ARP_UNSUPPORTED_PROTOCOL",
    "0001 0800 08 04 0001 525400123456 0a000001 000000000000 0a000002, ARP_BAD_ADDRESS_LENGTH",
    "0001 0800 06 10 0001 525400123456 0a000001 000000000000 0a000002, ARP_BAD_ADDRESS_LENGTH",
    "0001 0800 06 04 0003 525400123456 0a000001 000000000000 0a000002, ARP_UNKNOWN_OPERATION",
  })
  void rejects(String bytes, Rejection why) {
    try (Mbuf m = buf(bytes)) {
      assertEquals(Parsed.rejected(why), ArpPacket.parse(m));
    }
  }
}
