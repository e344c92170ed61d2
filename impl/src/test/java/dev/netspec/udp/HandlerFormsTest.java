package dev.netspec.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.buf.Mbuf;
import dev.netspec.buf.MbufPool;
import dev.netspec.net.NetStack;
import dev.netspec.net.Verdict;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.Ipv4Header;
import dev.netspec.wire.Ipv4View;
import dev.netspec.wire.Rejection;
import dev.netspec.wire.UdpHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * UDP's two handler forms decide alike and differ only in who owns the payload after {@code
 * Delivered}: the {@code ProtocolHandler} form moves it into the queue (the stack then finds the
 * caller's handle closed), the {@code ByAddress} form queues the caller's handle itself (the stack
 * must not touch it). On every other verdict both leave the payload open with the caller.
 */
class HandlerFormsTest {
  private static final Ipv4Addr SRC = Ipv4Addr.parse("10.0.0.2");
  private static final Ipv4Addr DST = Ipv4Addr.parse("10.0.0.1");

  private final MbufPool pool = new MbufPool(16, 16);
  private final UdpLayer udp = new UdpLayer(new NetStack(pool, NetStack.Config.host()));
  private final UdpSocket socket = udp.open();

  HandlerFormsTest() {
    udp.bind(socket, Ipv4Addr.ANY, 7);
  }

  @AfterEach
  void noLeaks() {
    udp.close(socket);
    pool.checkNoLeaks();
  }

  private Mbuf datagram(int dstPort, boolean corrupt) {
    Mbuf m = pool.tryAllocate(NetStack.HEADROOM, 64);
    m.appendBytes(new byte[] {1, 2, 3, 4, 5});
    new UdpHeader(4000, dstPort, 5).prependTo(m, SRC, DST);
    if (corrupt) {
      m.setU8(9, m.getU8(9) ^ 0x40); // a data bit: the checksum no longer verifies
    }
    return m;
  }

  private static Ipv4Header ip() {
    return Ipv4Header.of(SRC, DST, Ipv4View.PROTO_UDP, 1, 13);
  }

  @Test
  void protocolHandlerFormMovesTheDeliveredPayload() {
    Mbuf m = datagram(7, false);
    assertSame(Verdict.DELIVERED, udp.input(0, ip(), m, 0));
    assertFalse(m.isOpen(), "the queue must hold a handle of its own");
    assertEquals(1, socket.queuedDatagrams());
  }

  @Test
  void byAddressFormKeepsTheCallersHandle() {
    Mbuf m = datagram(7, false);
    assertSame(Verdict.DELIVERED, udp.input(0, SRC.bits(), DST.bits(), m, 0));
    assertTrue(m.isOpen(), "the queue holds the caller's handle itself");
    byte[] into = new byte[16];
    UdpLayer.Datagram d = udp.receive(socket, into);
    assertEquals(5, d.length());
    assertEquals(SRC, d.source());
    assertEquals(4000, d.sourcePort());
    assertFalse(m.isOpen(), "the reader freed it");
  }

  @Test
  void bothFormsLeaveRejectedPayloadsOpenAndAgree() {
    for (int form = 0; form < 2; form++) {
      Mbuf bad = datagram(7, true);
      Mbuf noPort = datagram(9, false);
      Verdict v1 = form == 0 ? udp.input(0, ip(), bad, 0)
          : udp.input(0, SRC.bits(), DST.bits(), bad, 0);
      Verdict v2 = form == 0 ? udp.input(0, ip(), noPort, 0)
          : udp.input(0, SRC.bits(), DST.bits(), noPort, 0);
      assertEquals(Rejection.UDP_BAD_CHECKSUM,
          assertInstanceOf(Verdict.Malformed.class, v1).rejection());
      assertInstanceOf(Verdict.Unreachable.class, v2);
      assertTrue(bad.isOpen() && noPort.isOpen());
      assertEquals(NetStack.HEADROOM - 8, noPort.readerIndex(), "still at the UDP header");
      bad.close();
      noPort.close();
    }
    assertEquals(0, socket.queuedDatagrams());
  }
}
