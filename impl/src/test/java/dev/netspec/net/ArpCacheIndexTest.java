package dev.netspec.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;
import org.junit.jupiter.api.Test;

/**
 * The ARP cache's int-keyed index (the allocation-free lookup of the forwarding path) must always
 * hold exactly the entries of its insertion-ordered map, through creation, refresh, expiry in
 * lookup and in poll, eviction, give-up and clear.
 */
class ArpCacheIndexTest {
  private static final long S = ArpCache.Config.SECOND;

  private static final ArpCache.Listener DISCARD = new ArpCache.Listener() {
    @Override
    public void sendRequest(Ipv4Addr target) {}

    @Override
    public void release(ArpCache.Held held, MacAddr mac) {
      held.datagram().close();
    }

    @Override
    public void drop(ArpCache.Held held, DropReason reason) {
      held.datagram().close();
    }
  };

  @Test
  void indexAgreesWithTheMapUnderAnyOperationSequence() {
    // Each op: low 3 bits choose the operation, the rest the address (few addresses, so that
    // entries collide, expire, are evicted and come back; some share their low bits).
    qt().forAll(lists().of(integers().between(0, 1 << 12)).ofSizeBetween(0, 300)).checkAssert(ops -> {
      ArpCache cache = new ArpCache(new ArpCache.Config(10 * S, S, 2, 1, 8), DISCARD);
      long now = 0;
      for (int op : ops) {
        int bits = 0x0A000000 | ((op >>> 3) % 24) << ((op >>> 3) % 3 == 0 ? 24 - 4 : 0);
        Ipv4Addr ip = new Ipv4Addr(bits);
        switch (op & 7) {
          case 0, 1 -> cache.update(ip, new MacAddr(0x020000000000L | (op & 0xFFFF)), now, true);
          case 2 -> cache.hold(ip, new ArpCache.Held(dev.netspec.buf.Mbuf.copyOf(new byte[1]), false), now);
          case 3 -> cache.poll(now);
          case 4 -> now += S;
          case 5 -> now += 4 * S;
          case 6 -> {
            if ((op & 0xF00) == 0) {
              cache.clear(DropReason.STACK_CLOSED);
            }
          }
          default -> {
            MacAddr viaInt = cache.lookup(bits, now);
            MacAddr viaAddr = cache.lookup(ip, now);
            assertEquals(viaInt, viaAddr);
          }
        }
        cache.checkIndex();
      }
      cache.clear(DropReason.STACK_CLOSED);
      cache.checkIndex();
      assertEquals(0, cache.size());
    });
  }
}
