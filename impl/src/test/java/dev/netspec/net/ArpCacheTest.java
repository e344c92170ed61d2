package dev.netspec.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.buf.Mbuf;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ArpCacheTest {
  private static final long S = ArpCache.Config.SECOND;
  private static final Ipv4Addr GW = Ipv4Addr.parse("10.0.0.254");
  private static final MacAddr GW_MAC = MacAddr.parse("02:00:00:00:00:fe");

  private final List<String> events = new ArrayList<>();
  private final List<Mbuf> open = new ArrayList<>();
  private final ArpCache cache = new ArpCache(new ArpCache.Config(60 * S, S, 3, 2, 2),
      new ArpCache.Listener() {
        @Override
        public void sendRequest(Ipv4Addr target) {
          events.add("request " + target);
        }

        @Override
        public void release(ArpCache.Held held, MacAddr mac) {
          events.add("release " + held.datagram().getU8(0) + " to " + mac);
          held.datagram().close();
        }

        @Override
        public void drop(ArpCache.Held held, DropReason reason) {
          events.add("drop " + held.datagram().getU8(0) + " " + reason);
          held.datagram().close();
        }
      });

  private ArpCache.Held packet(int tag) {
    Mbuf m = Mbuf.copyOf(new byte[] {(byte) tag});
    open.add(m);
    return new ArpCache.Held(m, false);
  }

  @AfterEach
  void everyBufferReturned() {
    cache.clear(DropReason.STACK_CLOSED);
    open.forEach(m -> assertFalse(m.isOpen(), "a held datagram was never released or dropped"));
  }

  @Test
  void firstPacketSendsOneRequestAndReplyReleasesInOrder() {
    assertTrue(cache.hold(GW, packet(1), 0));
    assertTrue(cache.hold(GW, packet(2), 10));
    assertEquals(List.of("request 10.0.0.254"), events);
    assertTrue(cache.isPending(GW));
    cache.update(GW, GW_MAC, 20, false);
    assertEquals(List.of("request 10.0.0.254", "release 1 to 02:00:00:00:00:fe",
        "release 2 to 02:00:00:00:00:fe"), events);
    assertEquals(GW_MAC, cache.lookup(GW, 21));
  }

  @Test
  void holdQueueKeepsTheLatestAndDropsTheOldest() {
    cache.hold(GW, packet(1), 0);
    cache.hold(GW, packet(2), 0);
    cache.hold(GW, packet(3), 0);
    assertEquals("drop 1 ARP_HOLD_QUEUE_FULL", events.get(1));
    assertEquals(2, cache.heldFor(GW));
  }

  @Test
  void retransmitsOncePerIntervalThenGivesUp() {
    cache.hold(GW, packet(1), 0);
    assertEquals(S, cache.pollAt());
    cache.poll(S - 1);
    assertEquals(1, events.size()); // not yet due
    cache.poll(S);
    cache.poll(2 * S);
    assertEquals(3, events.stream().filter(e -> e.startsWith("request")).count());
    cache.poll(3 * S);
    assertEquals("drop 1 ARP_UNRESOLVED", events.get(events.size() - 1));
    assertFalse(cache.isPending(GW));
    assertEquals(Long.MAX_VALUE, cache.pollAt());
  }

  @Test
  void resolvedEntryExpiresAfterItsLifetime() {
    cache.update(GW, GW_MAC, 0, true);
    assertEquals(GW_MAC, cache.lookup(GW, 60 * S - 1));
    assertNull(cache.lookup(GW, 60 * S));
  }

  @Test
  void unsolicitedReplyIsLearnedOnlyWhenAddressedToUs() {
    assertFalse(cache.update(GW, GW_MAC, 0, false));
    assertNull(cache.lookup(GW, 1));
    cache.update(GW, GW_MAC, 0, true);
    assertTrue(cache.update(GW, MacAddr.parse("02:00:00:00:00:01"), 5, false)); // merge
    assertEquals(MacAddr.parse("02:00:00:00:00:01"), cache.lookup(GW, 6));
  }

  @Test
  void fullCacheEvictsResolvedButNeverPending() {
    cache.hold(Ipv4Addr.parse("10.0.0.1"), packet(1), 0);
    cache.hold(Ipv4Addr.parse("10.0.0.2"), packet(2), 0);
    assertFalse(cache.hold(Ipv4Addr.parse("10.0.0.3"), packet(3), 0));
    assertEquals("drop 3 ARP_CACHE_FULL", events.get(events.size() - 1));
    cache.update(Ipv4Addr.parse("10.0.0.1"), GW_MAC, 1, false); // resolves, releases 1
    assertTrue(cache.hold(Ipv4Addr.parse("10.0.0.3"), packet(4), 2)); // evicts 10.0.0.1
    assertNull(cache.lookup(Ipv4Addr.parse("10.0.0.1"), 3));
  }
}
