package dev.netspec.net;

import static dev.netspec.net.Frames.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.buf.Mbuf;
import dev.netspec.buf.MbufPool;
import dev.netspec.wire.ArpPacket;
import dev.netspec.wire.EthernetHeader;
import dev.netspec.wire.IcmpMessage;
import dev.netspec.wire.IcmpMessage.DestinationUnreachable;
import dev.netspec.wire.IcmpMessage.TimeExceeded;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.Ipv4Header;
import dev.netspec.wire.Ipv4View;
import dev.netspec.wire.MacAddr;
import dev.netspec.wire.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The network layer driven frame by frame: each test feeds real frames into one stack and
 * compares what it transmits with bytes written out by hand, or with the parsed headers.
 */
class NetStackTest {
  static final MacAddr MAC_A = MacAddr.parse("52:54:00:12:34:56");
  static final MacAddr MAC_B = MacAddr.parse("52:54:00:ab:cd:ef");
  static final MacAddr MAC_C = MacAddr.parse("52:54:00:00:00:03");
  static final MacAddr R0 = MacAddr.parse("02:00:00:00:00:fe");
  static final MacAddr R1 = MacAddr.parse("02:00:00:00:01:fe");
  static final Ipv4Addr IP_A = Ipv4Addr.parse("10.0.0.1");
  static final Ipv4Addr IP_B = Ipv4Addr.parse("10.0.0.2");
  static final Ipv4Addr IP_C = Ipv4Addr.parse("10.0.1.3");
  static final Ipv4Addr IP_R0 = Ipv4Addr.parse("10.0.0.254");
  static final Ipv4Addr IP_R1 = Ipv4Addr.parse("10.0.1.254");
  static final byte[] ABCD = "abcd".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final List<NetStack> stacks = new ArrayList<>();
  private final List<MbufPool> pools = new ArrayList<>();

  /** A stack whose interfaces transmit into the given capture lists. */
  private NetStack stack(NetStack.Config cfg, List<List<byte[]>> captures, NetInterface... ifs) {
    MbufPool pool = new MbufPool(32, 32);
    NetStack s = new NetStack(pool, cfg);
    for (NetInterface i : ifs) {
      List<byte[]> out = new ArrayList<>();
      captures.add(out);
      s.addInterface(i, frame -> {
        try (frame) {
          out.add(frame.toByteArray());
        }
        return true;
      });
    }
    stacks.add(s);
    pools.add(pool);
    return s;
  }

  private static void feed(NetStack s, int ifIndex, byte[] frame, long now) {
    Mbuf m = s.pool().tryCopyOf(frame);
    s.receive(ifIndex, m, now);
  }

  @AfterEach
  void ledgersBalanceAndNothingLeaks() {
    for (NetStack s : stacks) {
      s.close();
      assertTrue(s.stats().inputBalanced(), s.stats().toString());
      assertTrue(s.stats().outputBalanced(), s.stats().toString());
    }
    pools.forEach(MbufPool::checkNoLeaks);
  }

  private NetStack hostB(List<List<byte[]>> cap) {
    return stack(NetStack.Config.host(), cap, NetInterface.ethernet("eth0", MAC_B, IP_B, 24));
  }

  // ===================================================================== ARP (RFC 826)

  @Test
  void arpRequestForUsIsAnsweredWithGoldenReply() {
    List<List<byte[]>> cap = new ArrayList<>();
    NetStack b = hostB(cap);
    feed(b, 0, hex("ffffffffffff 525400123456 0806"
        + "0001 0800 06 04 0001 525400123456 0a000001 000000000000 0a000002"), 0);
    assertEquals(1, cap.get(0).size());
    assertArrayEquals(hex("525400123456 525400abcdef 0806"
        + "0001 0800 06 04 0002 525400abcdef 0a000002 525400123456 0a000001"), cap.get(0).get(0));
    assertEquals(MAC_A, b.arpCache(0).lookup(IP_A, 1)); // RFC 826: target learns the sender
    assertEquals(1, b.stats().framesDelivered());
    assertEquals(1, b.stats().arpRepliesSent());
  }

  @Test
  void arpRequestForAnotherHostIsCountedAndNotLearned() {
    List<List<byte[]>> cap = new ArrayList<>();
    NetStack b = hostB(cap);
    feed(b, 0, Frames.arp(MacAddr.BROADCAST,
        ArpPacket.request(MAC_A, IP_A, Ipv4Addr.parse("10.0.0.9"))), 0);
    assertEquals(0, cap.get(0).size());
    assertEquals(1, b.stats().inputDrops(DropReason.ARP_NOT_FOR_US));
    assertEquals(null, b.arpCache(0).lookup(IP_A, 1));
  }

  // ===================================================================== ICMP echo (RFC 792)

  @Test
  void pingIsAnsweredAfterArpResolvesTheSender() {
    List<List<byte[]>> cap = new ArrayList<>();
    NetStack b = hostB(cap);
    // The golden ping of the wire tests, in a frame to B.
    feed(b, 0, hex("525400abcdef 525400123456 0800"
        + "4500 0020 abcd 4000 4001 7b0d 0a000001 0a000002"
        + "08 00 2104 1234 0001 61626364"), 0);
    // B does not know A's MAC: it asks, and holds the reply (RFC 1122 2.3.2.2).
    assertFrames(cap.get(0), "ffffffffffff 525400abcdef 0806"
        + "0001 0800 06 04 0001 525400abcdef 0a000002 000000000000 0a000001");
    assertEquals(1, b.stats().outputHeld());
    cap.get(0).clear();
    feed(b, 0, Frames.arp(MAC_B, new ArpPacket(ArpPacket.Operation.REPLY, MAC_A, IP_A, MAC_B,
        IP_B)), 5);
    assertFrames(cap.get(0), "525400123456 525400abcdef 0800"
        + "4500 0020 0000 0000 4001 66db 0a000002 0a000001"
        + "00 00 2904 1234 0001 61626364");
    assertEquals(0, b.stats().outputHeld());
    assertEquals(2, b.stats().framesDelivered());
  }

  @Test
  void pingToBroadcastIsIgnored() {
    List<List<byte[]>> cap = new ArrayList<>();
    NetStack b = hostB(cap);
    feed(b, 0, Frames.ping(MacAddr.BROADCAST, MAC_A, IP_A, Ipv4Addr.parse("10.0.0.255"), 64, 1,
        1, ABCD), 0);
    assertEquals(1, b.stats().inputDrops(DropReason.ICMP_ECHO_TO_BROADCAST));
    assertEquals(0, cap.get(0).size());
  }

  @Test
  void echoReplyGoesToTheListener() {
    List<List<byte[]>> cap = new ArrayList<>();
    NetStack b = hostB(cap);
    List<String> heard = new ArrayList<>();
    b.setIcmpListener((ifIndex, ip, msg, data, now) ->
        heard.add(ip.source() + " " + msg + " " + data.readableBytes()));
    byte[] reply = Frames.ping(MAC_B, MAC_A, IP_A, IP_B, 64, 7, 9, ABCD);
    reply[14 + 20] = 0; // type 0: echo reply
    reply[14 + 20 + 2] += 8; // checksum: one's complement sum changed by -0x0800
    feed(b, 0, reply, 0);
    assertEquals(List.of("10.0.0.1 EchoReply[identifier=7, sequence=9] 4"), heard);
  }

  // ===================================================================== link-layer filters

  @Test
  void framesForOtherMacsVlansAndTypesAreDropped() {
    List<List<byte[]>> cap = new ArrayList<>();
    NetStack b = hostB(cap);
    feed(b, 0, Frames.ping(MAC_C, MAC_A, IP_A, IP_B, 64, 1, 1, ABCD), 0);
    byte[] ipv6 = Frames.ping(MAC_B, MAC_A, IP_A, IP_B, 64, 1, 1, ABCD);
    ipv6[12] = (byte) 0x86;
    ipv6[13] = (byte) 0xdd;
    feed(b, 0, ipv6, 0);
    feed(b, 0, hex("525400abcdef 525400123456 8100 0064 0800" // VLAN 100 on an untagged port
        + "4500 0020 abcd 4000 4001 7b0d 0a000001 0a000002 08 00 2104 1234 0001 61626364"), 0);
    feed(b, 0, hex("525400abcdef 525400123456 08"), 0);
    assertEquals(Map.of(DropReason.NOT_OUR_MAC, 1L, DropReason.UNSUPPORTED_ETHERTYPE, 1L,
        DropReason.VLAN_MISMATCH, 1L, DropReason.MALFORMED, 1L), b.stats().inputDropMap());
    assertEquals(Map.of(Rejection.ETH_TOO_SHORT, 1L), b.stats().malformedMap());
  }

  @Test
  void priorityTaggedFrameIsTreatedAsUntagged() {
    List<List<byte[]>> cap = new ArrayList<>();
    NetStack b = hostB(cap);
    feed(b, 0, hex("ffffffffffff 525400123456 8100 a000 0806"
        + "0001 0800 06 04 0001 525400123456 0a000001 000000000000 0a000002"), 0);
    assertEquals(1, b.stats().arpRepliesSent());
  }

  // ===================================================================== IPv4 input

  @Test
  void hostDiscardsDatagramsForOthersFragmentsAndUnknownProtocols() {
    List<List<byte[]>> cap = new ArrayList<>();
    NetStack b = hostB(cap);
    b.arpCache(0).update(IP_A, MAC_A, 0, true);
    feed(b, 0, Frames.ping(MAC_B, MAC_A, IP_A, IP_C, 64, 1, 1, ABCD), 0);
    feed(b, 0, Frames.ip(MAC_B, MAC_A, IP_A, IP_B, Ipv4View.PROTO_UDP, true, new byte[16]), 0);
    feed(b, 0, Frames.ip(MAC_B, MAC_A, IP_A, IP_B, 250, false, new byte[16]), 0);
    assertEquals(Map.of(DropReason.NOT_ADDRESSED_TO_HOST, 1L,
        DropReason.FRAGMENT_NOT_REASSEMBLED, 1L, DropReason.PROTOCOL_UNREACHABLE, 1L),
        b.stats().inputDropMap());
    // RFC 1122 3.2.2.1: protocol unreachable goes back, quoting the header and 8 bytes.
    assertEquals(1, cap.get(0).size());
    IcmpMessage msg = icmpIn(cap.get(0).get(0));
    assertEquals(new DestinationUnreachable(DestinationUnreachable.PROTOCOL, 0), msg);
  }

  @Test
  void ethernetPaddingIsStrippedBeforeIcmpChecksum() {
    List<List<byte[]>> cap = new ArrayList<>();
    NetStack b = hostB(cap);
    b.arpCache(0).update(IP_A, MAC_A, 0, true);
    byte[] ping = Frames.ping(MAC_B, MAC_A, IP_A, IP_B, 64, 1, 1, ABCD); // 46 bytes
    byte[] padded = java.util.Arrays.copyOf(ping, 60); // RFC 894 minimum, zero padded
    padded[59] = 0x55; // padding need not be zero
    feed(b, 0, padded, 0);
    assertEquals(1, cap.get(0).size());
    assertEquals(46, cap.get(0).get(0).length);
  }

  // ===================================================================== forwarding (RFC 1812)

  private NetStack router(List<List<byte[]>> cap) {
    NetStack r = stack(NetStack.Config.router(), cap,
        NetInterface.ethernet("r0", R0, IP_R0, 24), NetInterface.ethernet("r1", R1, IP_R1, 24));
    r.arpCache(0).update(IP_A, MAC_A, 0, true);
    return r;
  }

  @Test
  void forwardingDecrementsTtlWithIncrementalChecksumAndRewritesMacs() {
    List<List<byte[]>> cap = new ArrayList<>();
    NetStack r = router(cap);
    byte[] in = Frames.ping(R0, MAC_A, IP_A, IP_C, 64, 3, 4, ABCD);
    feed(r, 0, in, 0);
    assertEquals(1, r.stats().inputHeld()); // waiting for C's MAC
    assertEquals(1, cap.get(1).size()); // the ARP request on r1
    cap.get(1).clear();
    feed(r, 1, Frames.arp(R1, new ArpPacket(ArpPacket.Operation.REPLY, MAC_C, IP_C, R1, IP_R1)),
        1);
    assertEquals(1, cap.get(1).size());
    byte[] out = cap.get(1).get(0);
    try (Mbuf m = Mbuf.copyOf(out)) {
      EthernetHeader eth = EthernetHeader.parse(m).orThrow();
      assertEquals(EthernetHeader.of(MAC_C, R1, 0x0800), eth);
      m.trimFront(14);
      Ipv4Header ip = Ipv4Header.parse(m).orThrow(); // checksum verifies after the update
      assertEquals(63, ip.ttl());
    }
    // Everything but MACs, TTL and checksum is unchanged.
    for (int i = 14; i < in.length; i++) {
      if (i != 14 + 8 && i != 14 + 10 && i != 14 + 11) {
        assertEquals(in[i], out[i], "byte " + i);
      }
    }
    assertEquals(1, r.stats().framesForwarded());
  }

  /** Found by the property test: an untagged frame has too little headroom for a VLAN tag. */
  @Test
  void forwardingFromUntaggedToTaggedPortMakesRoomForTheTag() {
    List<List<byte[]>> cap = new ArrayList<>();
    NetStack r = stack(NetStack.Config.router(), cap, NetInterface.ethernet("r0", R0, IP_R0, 24),
        new NetInterface("r1", R1, IP_R1, 24, 1500, 5));
    r.arpCache(1).update(IP_C, MAC_C, 0, true);
    feed(r, 0, Frames.ping(R0, MAC_A, IP_A, IP_C, 64, 3, 4, ABCD), 0);
    assertEquals(1, r.stats().framesForwarded());
    try (Mbuf m = Mbuf.copyOf(cap.get(1).get(0))) {
      EthernetHeader eth = EthernetHeader.parse(m).orThrow();
      assertEquals(5, eth.vlan().vlanId());
      m.trimFront(eth.headerLen());
      assertEquals(63, Ipv4Header.parse(m).orThrow().ttl());
    }
  }

  @Test
  void ttlOneExpiresWithTimeExceededQuotingTheDatagram() {
    List<List<byte[]>> cap = new ArrayList<>();
    NetStack r = router(cap);
    byte[] in = Frames.ping(R0, MAC_A, IP_A, IP_C, 1, 3, 4, ABCD);
    feed(r, 0, in, 0);
    assertEquals(1, r.stats().inputDrops(DropReason.TTL_EXPIRED));
    byte[] out = cap.get(0).get(0);
    assertArrayEquals(hex("525400123456 020000000 0fe 0800 4500 0038 0000 0000 4001 65c7"
        + "0a0000fe 0a000001"), java.util.Arrays.copyOf(out, 34));
    assertEquals(new TimeExceeded(TimeExceeded.TTL_EXCEEDED), icmpIn(out));
    // RFC 792: the internet header + 64 bits of the original datagram.
    assertArrayEquals(java.util.Arrays.copyOfRange(in, 14, 14 + 28),
        java.util.Arrays.copyOfRange(out, 14 + 20 + 8, out.length));
  }

  @Test
  void noRouteAnswersNetUnreachable() {
    List<List<byte[]>> cap = new ArrayList<>();
    NetStack r = router(cap);
    feed(r, 0, Frames.ping(R0, MAC_A, IP_A, Ipv4Addr.parse("192.0.2.1"), 64, 1, 1, ABCD), 0);
    assertEquals(1, r.stats().inputDrops(DropReason.NO_ROUTE));
    assertEquals(new DestinationUnreachable(DestinationUnreachable.NET, 0),
        icmpIn(cap.get(0).get(0)));
  }

  @Test
  void defaultRouteSendsViaTheGateway() {
    List<List<byte[]>> cap = new ArrayList<>();
    NetStack r = router(cap);
    r.addRoute(new Route(Ipv4Addr.ANY, 0, IP_C, 1)); // C is the next router
    r.arpCache(1).update(IP_C, MAC_C, 0, true);
    feed(r, 0, Frames.ping(R0, MAC_A, IP_A, Ipv4Addr.parse("192.0.2.1"), 64, 1, 1, ABCD), 0);
    assertEquals(1, r.stats().framesForwarded());
    try (Mbuf m = Mbuf.copyOf(cap.get(1).get(0))) {
      assertEquals(MAC_C, EthernetHeader.parse(m).orThrow().destination());
    }
  }

  @Test
  void linkBroadcastAndMartiansAreNotForwarded() {
    List<List<byte[]>> cap = new ArrayList<>();
    NetStack r = router(cap);
    feed(r, 0, Frames.ping(MacAddr.BROADCAST, MAC_A, IP_A, IP_C, 64, 1, 1, ABCD), 0);
    feed(r, 0, Frames.ping(R0, MAC_A, IP_A, Ipv4Addr.parse("127.0.0.1"), 64, 1, 1, ABCD), 0);
    feed(r, 0, Frames.ping(R0, MAC_A, IP_A, Ipv4Addr.parse("10.0.1.255"), 64, 1, 1, ABCD), 0);
    assertEquals(3, r.stats().inputDrops(DropReason.NOT_FORWARDABLE));
    assertEquals(0, cap.get(0).size() + cap.get(1).size());
  }

  @Test
  void mtuExceededWithDfAnswersFragmentationNeeded() {
    List<List<byte[]>> cap = new ArrayList<>();
    NetStack r = stack(NetStack.Config.router(), cap, NetInterface.ethernet("r0", R0, IP_R0, 24),
        new NetInterface("r1", R1, IP_R1, 24, 576, -1));
    r.arpCache(0).update(IP_A, MAC_A, 0, true);
    byte[] big = Frames.ping(R0, MAC_A, IP_A, IP_C, 64, 1, 1, new byte[600]);
    big[14 + 6] |= 0x40; // set DF
    try (Mbuf m = Mbuf.copyOf(big)) { // fix the header checksum after the flag change
      m.trimFront(14);
      Ipv4View.wrapUnchecked(m).fillChecksum();
      m.getBytes(0, big, 14, 20);
    }
    feed(r, 0, big, 0);
    assertEquals(1, r.stats().inputDrops(DropReason.MTU_EXCEEDED));
    assertEquals(new DestinationUnreachable(DestinationUnreachable.FRAGMENTATION_NEEDED, 576),
        icmpIn(cap.get(0).get(0)));
  }

  @Test
  void noIcmpErrorAboutAnIcmpError() {
    List<List<byte[]>> cap = new ArrayList<>();
    NetStack r = router(cap);
    try (Mbuf m = Mbuf.unpooled(64, 8)) {
      m.append(8);
      new TimeExceeded(0).emit(m);
      byte[] payload = m.toByteArray();
      byte[] frame = Frames.ip(R0, MAC_A, IP_A, Ipv4Addr.parse("192.0.2.1"), 1, false, payload);
      feed(r, 0, frame, 0);
    }
    assertEquals(1, r.stats().inputDrops(DropReason.NO_ROUTE));
    assertEquals(1, r.stats().icmpErrorsSuppressed());
    assertEquals(0, cap.get(0).size());
  }

  // ===================================================================== ARP hold queue

  @Test
  void holdQueueOverflowAndUnresolvedTimeoutAreCounted() {
    List<List<byte[]>> cap = new ArrayList<>();
    NetStack r = router(cap);
    for (int i = 0; i < 5; i++) {
      feed(r, 0, Frames.ping(R0, MAC_A, IP_A, IP_C, 64, 1, i, ABCD), 0);
    }
    assertEquals(3, r.stats().inputHeld()); // holdLimit 3
    assertEquals(2, r.stats().inputDrops(DropReason.ARP_HOLD_QUEUE_FULL));
    assertEquals(ArpCache.Config.SECOND, r.pollAt());
    for (long t = 1; t <= 3; t++) {
      r.poll(t * ArpCache.Config.SECOND);
    }
    assertEquals(3, r.stats().arpRequestsSent());
    assertEquals(3, r.stats().inputDrops(DropReason.ARP_UNRESOLVED));
    assertEquals(0, r.stats().inputHeld());
    assertEquals(Long.MAX_VALUE, r.pollAt());
  }

  @Test
  void fullTransmitQueueIsACountedDrop() {
    MbufPool pool = new MbufPool(8, 8);
    pools.add(pool);
    NetStack b = new NetStack(pool, NetStack.Config.host());
    stacks.add(b);
    b.addInterface(NetInterface.ethernet("eth0", MAC_B, IP_B, 24), frame -> false);
    b.arpCache(0).update(IP_A, MAC_A, 0, true);
    feed(b, 0, Frames.ping(MAC_B, MAC_A, IP_A, IP_B, 64, 1, 1, ABCD), 0);
    assertEquals(1, b.stats().outputDrops(DropReason.TX_QUEUE_FULL));
  }

  @Test
  void icmpErrorWithoutListenerIsUnclaimed() {
    List<List<byte[]>> cap = new ArrayList<>();
    NetStack b = hostB(cap);
    try (Mbuf m = Mbuf.unpooled(64, 8)) {
      m.append(8);
      new TimeExceeded(0).emit(m);
      feed(b, 0, Frames.ip(MAC_B, MAC_A, IP_A, IP_B, 1, false, m.toByteArray()), 0);
    }
    assertEquals(1, b.stats().inputDrops(DropReason.ICMP_UNCLAIMED));
  }

  @Test
  void closingTheStackDropsHeldDatagrams() {
    List<List<byte[]>> cap = new ArrayList<>();
    NetStack r = router(cap);
    feed(r, 0, Frames.ping(R0, MAC_A, IP_A, IP_C, 64, 1, 1, ABCD), 0);
    assertEquals(1, r.stats().inputHeld());
    r.close();
    assertEquals(1, r.stats().inputDrops(DropReason.STACK_CLOSED));
    assertEquals(0, r.stats().inputHeld());
  }

  @Test
  void exhaustedPoolMeansNoIcmpErrorButACountedDrop() {
    MbufPool pool = new MbufPool(1, 0); // the received frame takes the only buffer
    pools.add(pool);
    NetStack r = new NetStack(pool, NetStack.Config.router());
    stacks.add(r);
    List<byte[]> out = new ArrayList<>();
    r.addInterface(NetInterface.ethernet("r0", R0, IP_R0, 24), f -> {
      out.add(f.toByteArray());
      f.close();
      return true;
    });
    r.arpCache(0).update(IP_A, MAC_A, 0, true);
    feed(r, 0, Frames.ping(R0, MAC_A, IP_A, IP_C, 1, 1, 1, ABCD), 0);
    assertEquals(1, r.stats().inputDrops(DropReason.TTL_EXPIRED));
    assertEquals(1, r.stats().outputDrops(DropReason.NO_BUFFER));
    assertEquals(0, out.size());
  }

  /** Compares captured frames with expected hex, as hex so that a failure shows the bytes. */
  private static void assertFrames(List<byte[]> actual, String... expected) {
    java.util.HexFormat h = java.util.HexFormat.of();
    assertEquals(java.util.Arrays.stream(expected).map(e -> h.formatHex(hex(e))).toList(),
        actual.stream().map(h::formatHex).toList());
  }

  /** The ICMP message inside an Ethernet+IPv4 frame this stack sent. */
  private static IcmpMessage icmpIn(byte[] frame) {
    try (Mbuf m = Mbuf.copyOf(frame)) {
      m.trimFront(14);
      Ipv4Header ip = Ipv4Header.parse(m).orThrow();
      assertEquals(Ipv4View.PROTO_ICMP, ip.protocol());
      m.trimFront(ip.headerLen());
      return IcmpMessage.parse(m).orThrow();
    }
  }
}
