package dev.netspec.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ring behaves as a bounded byte FIFO (an {@link ArrayDeque} is the model), wrapping included. */
class ByteRingTest {

  @Test
  void behavesLikeABoundedFifo() {
    qt().withFixedSeed(6L).withExamples(500)
        .forAll(integers().between(1, 40), lists().of(integers().between(-30, 30)).ofSizeBetween(0, 60))
        .checkAssert((capacity, ops) -> check(capacity, ops));
  }

  @Test
  void growsFromASmallArrayToItsCapacityKeepingTheOrder() {
    // Capacities beyond the first array's size: the array grows while data wraps around.
    qt().withFixedSeed(8L).withExamples(200)
        .forAll(integers().between(ByteRing.FIRST_ARRAY, 4 * ByteRing.FIRST_ARRAY),
            lists().of(integers().between(-3000, 3000)).ofSizeBetween(0, 40))
        .checkAssert((capacity, ops) -> check(capacity, ops));
  }

  /** Positive op: write that many bytes; negative: read that many; zero: peek the whole content. */
  private static void check(int capacity, List<Integer> ops) {
    ByteRing ring = new ByteRing(capacity);
    ArrayDeque<Byte> model = new ArrayDeque<>();
    byte next = 0;
    for (int op : ops) {
      if (op > 0) {
        byte[] src = new byte[op + 2];
        for (int i = 0; i < src.length; i++) {
          src[i] = next++;
        }
        int n = ring.write(src, 1, op);
        assertEquals(Math.min(op, capacity - model.size()), n);
        for (int i = 0; i < n; i++) {
          model.add(src[1 + i]);
        }
      } else if (op < 0) {
        byte[] dst = new byte[-op];
        int n = ring.read(dst, 0, -op);
        assertEquals(Math.min(-op, model.size()), n);
        for (int i = 0; i < n; i++) {
          assertEquals(model.poll(), dst[i]);
        }
      } else {
        byte[] all = new byte[model.size()];
        ring.peek(0, all, 0, all.length);
        byte[] expected = new byte[model.size()];
        int i = 0;
        for (byte b : model) {
          expected[i++] = b;
        }
        assertArrayEquals(expected, all);
        // copy (one copyOfRange, or two copies when the range wraps) of every suffix and prefix
        for (int from = 0; from <= all.length; from += Math.max(1, all.length / 5)) {
          assertArrayEquals(java.util.Arrays.copyOfRange(expected, from, all.length),
              ring.copy(from, all.length - from));
          assertArrayEquals(java.util.Arrays.copyOf(expected, from), ring.copy(0, from));
        }
      }
      assertEquals(model.size(), ring.size());
      assertEquals(capacity - model.size(), ring.free());
    }
  }

  @Test
  void peekingBeyondTheContentIsRefused() {
    ByteRing ring = new ByteRing(8);
    ring.write(new byte[] {1, 2, 3}, 0, 3);
    assertThrows(IndexOutOfBoundsException.class, () -> ring.peek(2, new byte[2], 0, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> ring.discard(4));
  }

  @Test
  void anUnusedRingHoldsNoBufferYetKeepsItsCapacity() {
    ByteRing ring = new ByteRing(65536);
    assertEquals(65536, ring.free());
    assertEquals(0, ring.read(new byte[10], 0, 10));
    assertEquals(0, ring.write(new byte[0], 0, 0));
    assertEquals(65536, ring.capacity());
  }
}
