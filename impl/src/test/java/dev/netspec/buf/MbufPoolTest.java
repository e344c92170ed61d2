package dev.netspec.buf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.netspec.buf.MbufPool.SizeClass;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MbufPoolTest {

  @Test
  void requestsAreServedFromTheSmallestClassThatFits() {
    MbufPool pool = new MbufPool(1, 1);
    try (Mbuf small = pool.tryAllocate(64, 192); Mbuf cluster = pool.tryAllocate(64, 193)) {
      assertEquals(256, small.capacity());
      assertEquals(2048, cluster.capacity());
      assertEquals(1, pool.stats(SizeClass.SMALL).inUse());
      assertEquals(1, pool.stats(SizeClass.CLUSTER).inUse());
    }
    pool.checkNoLeaks();
  }

  @Test
  void exhaustedClassFailsAndCountsWithoutFallingBack() {
    MbufPool pool = new MbufPool(1, 1);
    Mbuf a = pool.tryAllocate(0, 10);
    assertNull(pool.tryAllocate(0, 10));
    assertEquals(1, pool.stats(SizeClass.SMALL).allocationFailures());
    assertEquals(0, pool.stats(SizeClass.CLUSTER).inUse());
    a.close();
    Mbuf b = pool.tryAllocate(0, 10);
    assertNotNull(b);
    b.close();
    assertEquals(1, pool.allocationFailures());
    pool.checkNoLeaks();
  }

  @Test
  void oversizedRequestIsACallerBug() {
    MbufPool pool = new MbufPool(1, 1);
    assertThrows(IllegalArgumentException.class, () -> pool.tryAllocate(100, 2000));
    assertThrows(IllegalArgumentException.class, () -> pool.tryAllocate(-1, 10));
  }

  @Test
  void leakIsReportedWithCounts() {
    MbufPool pool = new MbufPool(2, 0);
    Mbuf leaked = pool.tryAllocate(0, 1);
    IllegalStateException e = assertThrows(IllegalStateException.class, pool::checkNoLeaks);
    assertTrue(e.getMessage().contains("inUse=1"), e.getMessage());
    leaked.close();
    pool.checkNoLeaks();
  }

  @Test
  void storageReturnsOnlyWhenSliceAndSplitPartsAreAllClosed() {
    MbufPool pool = new MbufPool(1, 0);
    Mbuf m = pool.tryCopyOf(new byte[] {1, 2, 3, 4});
    Mbuf slice = m.slice(0, 2);
    Mbuf front = m.split(1);
    m.close();
    front.close();
    assertEquals(1, pool.inUse());
    slice.close();
    assertEquals(0, pool.inUse());
    assertEquals(1, pool.freed());
  }

  @Test
  void steadyStateReusesArraysAndTracksHighWater() {
    MbufPool pool = new MbufPool(4, 4);
    for (int round = 0; round < 1000; round++) {
      Mbuf a = pool.tryAllocate(0, 100);
      Mbuf b = pool.tryAllocate(0, 1500);
      Mbuf c = pool.tryAllocate(0, 100);
      a.close();
      b.close();
      c.close();
    }
    assertEquals(3, pool.arraysCreated()); // no allocation after the first round
    assertEquals(3000, pool.allocated());
    assertEquals(3000, pool.freed());
    assertEquals(3, pool.highWater());
    pool.checkNoLeaks();
  }

  @Test
  void reusedBufferNeverShowsThePreviousPacket() {
    MbufPool pool = new MbufPool(1, 0);
    Mbuf a = pool.tryAllocate(8, 8);
    a.setU8(a.append(1), 0xFF);
    a.prepend(4).setI32(0, -1);
    a.close();
    try (Mbuf b = pool.tryAllocate(8, 8)) {
      b.append(1);
      b.prepend(4);
      assertEquals(0, b.getU32(0));
      assertEquals(0, b.getU8(4));
    }
  }

  /** Property: any interleaving of allocate and close keeps the counters consistent. */
  @Test
  void countersStayConsistentUnderAnyAllocateCloseSequence() {
    qt().forAll(lists().of(integers().between(-3, 3000)).ofSizeBetween(0, 200))
        .checkAssert(ops -> {
          MbufPool pool = new MbufPool(3, 2);
          List<Mbuf> live = new ArrayList<>();
          for (int op : ops) {
            if (op < 0) {
              if (!live.isEmpty()) {
                live.remove(Math.floorMod(op, live.size())).close();
              }
            } else {
              int room = Math.min(op, MbufPool.MAX_BYTES);
              Mbuf m = pool.tryAllocate(0, room);
              if (m != null) {
                live.add(m);
              }
            }
            assertEquals(live.size(), pool.inUse());
            assertEquals(pool.allocated() - pool.freed(), pool.inUse());
            assertTrue(pool.stats(SizeClass.SMALL).inUse() <= 3);
            assertTrue(pool.stats(SizeClass.CLUSTER).inUse() <= 2);
          }
          live.forEach(Mbuf::close);
          pool.checkNoLeaks();
        });
  }

  // ---------------------------------------------------------------- handle recycling

  /** Allocates and closes {@code n} buffers, so that the pool has spare handles to reissue. */
  private static void warm(MbufPool pool, int n) {
    List<Mbuf> ms = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ms.add(pool.tryAllocate(0, 64));
    }
    ms.forEach(Mbuf::close);
  }

  @Test
  void steadyStateAllocateMoveSliceCloseCreatesNoHandles() {
    MbufPool pool = new MbufPool(128, 4);
    warm(pool, 2 * MbufPool.HANDLE_QUARANTINE);
    long created = pool.handlesCreated();
    for (int i = 0; i < 10_000; i++) {
      Mbuf m = pool.tryAllocate(0, 100);
      m.append(10);
      Mbuf moved = m.move();
      Mbuf slice = moved.slice(2, 4);
      slice.close();
      moved.close();
    }
    assertEquals(created, pool.handlesCreated());
    pool.checkNoLeaks();
  }

  @Test
  void closedHandleStaysDeadForTheWholeQuarantine() {
    MbufPool pool = new MbufPool(128, 4);
    warm(pool, 2 * MbufPool.HANDLE_QUARANTINE);
    Mbuf stale = pool.tryAllocate(0, 100);
    stale.close();
    int closesSince = 0;
    Mbuf m;
    while (true) {
      m = pool.tryAllocate(0, 100);
      if (m == stale) {
        break; // reissued: by now enough later closes must have happened
      }
      // Still quarantined: every use of the stale reference is caught.
      assertThrows(IllegalStateException.class, stale::readableBytes);
      assertThrows(IllegalStateException.class, stale::close);
      m.close();
      closesSince++;
      assertTrue(closesSince <= 4 * MbufPool.HANDLE_QUARANTINE, "handle never reissued");
    }
    assertTrue(closesSince >= MbufPool.HANDLE_QUARANTINE,
        "reissued after only " + closesSince + " later closes");
    m.close();
    pool.checkNoLeaks();
  }

  @Test
  void doubleCloseAfterReissueIsStillCaughtAtTheNewOwnersClose() {
    MbufPool pool = new MbufPool(128, 4);
    warm(pool, 2 * MbufPool.HANDLE_QUARANTINE);
    Mbuf stale = pool.tryAllocate(0, 100);
    int lent = stale.generation();
    stale.close();
    Mbuf owner;
    do {
      owner = pool.tryAllocate(0, 100);
      if (owner != stale) {
        owner.close();
      }
    } while (owner != stale);
    assertEquals(lent + 1, owner.generation(), "a reissued handle is a new generation");
    stale.close(); // the bug: a second close through the old reference frees the new owner's buffer
    assertEquals(0, pool.inUse());
    IllegalStateException e = assertThrows(IllegalStateException.class, owner::close);
    assertTrue(e.getMessage().contains("double free"), e.getMessage());
  }

  @Test
  void freshPoolNeverReissuesBeforeTheQuarantineFills() {
    MbufPool pool = new MbufPool(128, 4);
    Mbuf first = pool.tryAllocate(0, 100);
    first.close();
    for (int i = 0; i < MbufPool.HANDLE_QUARANTINE; i++) {
      Mbuf m = pool.tryAllocate(0, 100);
      assertNotSame(first, m);
      m.close();
    }
    assertThrows(IllegalStateException.class, first::readableBytes);
  }
}
