package dev.netspec.buf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Mbuf} must show, whatever its storage (Netty's pattern: one
 * abstract contract, subclassed per buffer implementation).
 */
abstract class MbufContract {

  /** An empty buffer with exactly {@code headroom} headroom and at least {@code room} tailroom. */
  abstract Mbuf empty(int headroom, int room);

  Mbuf of(int headroom, int... bytes) {
    Mbuf m = empty(headroom, bytes.length);
    for (int b : bytes) {
      m.setU8(m.append(1), b);
    }
    return m;
  }

  @Test
  void emptyBufferHasHeadroomAndNoBytes() {
    try (Mbuf m = empty(40, 100)) {
      assertEquals(40, m.headroom());
      assertEquals(0, m.readableBytes());
      assertTrue(m.tailroom() >= 100);
      assertEquals(m.readerIndex(), m.writerIndex());
    }
  }

  @Test
  void prependClaimsZeroedHeadroomAndShiftsIndexZero() {
    try (Mbuf m = of(8, 0xAA, 0xBB)) {
      m.prepend(2);
      assertEquals(6, m.headroom());
      assertEquals(4, m.readableBytes());
      assertArrayEquals(new byte[] {0, 0, (byte) 0xAA, (byte) 0xBB}, m.toByteArray());
    }
  }

  @Test
  void prependBytesCopiesAHeaderInFrontAndReadsLikePrependThenSet() {
    byte[] header = {1, 2, 3, 4, 5, 6, 7};
    try (Mbuf a = of(8, 0xAA, 0xBB); Mbuf b = of(8, 0xAA, 0xBB)) {
      a.prependBytes(header, 2, 4);
      b.prepend(4);
      b.setBytes(0, header, 2, 4);
      assertArrayEquals(b.toByteArray(), a.toByteArray());
      assertArrayEquals(new byte[] {3, 4, 5, 6, (byte) 0xAA, (byte) 0xBB}, a.toByteArray());
      assertEquals(4, a.headroom());
      assertEquals(0x03040506, a.getI32Abs(a.headerOffset(0, 4)));
      assertThrows(IndexOutOfBoundsException.class, () -> a.prependBytes(header, 0, 5));
      assertEquals(4, a.headroom(), "a refused prepend leaves the buffer unchanged");
    }
    try (Mbuf c = of(0, 1, 2, 3, 4, 5, 6, 7, 0xF8)) {
      assertEquals(0x01020304050607F8L, c.getI64Abs(c.headerOffset(0, 8)));
    }
  }

  @Test
  void prependBeyondHeadroomThrows() {
    try (Mbuf m = of(2, 1)) {
      assertThrows(IndexOutOfBoundsException.class, () -> m.prepend(3));
      assertEquals(1, m.readableBytes());
    }
  }

  @Test
  void appendBeyondTailroomThrows() {
    try (Mbuf m = empty(0, 4)) {
      int tail = m.tailroom();
      assertThrows(IndexOutOfBoundsException.class, () -> m.append(tail + 1));
      assertEquals(0, m.readableBytes());
    }
  }

  @Test
  void trimFrontTurnsHeaderIntoHeadroom() {
    try (Mbuf m = of(0, 1, 2, 3, 4)) {
      m.trimFront(3);
      assertEquals(3, m.headroom());
      assertArrayEquals(new byte[] {4}, m.toByteArray());
      assertThrows(IndexOutOfBoundsException.class, () -> m.trimFront(2));
    }
  }

  @Test
  void untrimFrontRestoresAStrippedHeaderUnchanged() {
    try (Mbuf m = of(0, 0x45, 0x00, 0x11, 0x22)) {
      m.trimFront(2);
      m.untrimFront(2); // unlike prepend, the bytes are not zeroed
      assertArrayEquals(new byte[] {0x45, 0x00, 0x11, 0x22}, m.toByteArray());
      assertThrows(IndexOutOfBoundsException.class, () -> m.untrimFront(1));
    }
  }

  @Test
  void trimBackAndTruncateShortenFromTheEnd() {
    try (Mbuf m = of(0, 1, 2, 3, 4, 5, 6)) {
      m.trimBack(2);
      assertArrayEquals(new byte[] {1, 2, 3, 4}, m.toByteArray());
      m.truncate(10); // longer than the packet: no-op
      assertEquals(4, m.readableBytes());
      m.truncate(1);
      assertArrayEquals(new byte[] {1}, m.toByteArray());
      assertThrows(IndexOutOfBoundsException.class, () -> m.trimBack(2));
    }
  }

  @Test
  void fieldAccessIsBigEndianAndRelativeToReaderIndex() {
    try (Mbuf m = of(4, 0x12, 0x34, 0x56, 0x78, 0x9A)) {
      assertEquals(0x1234, m.getU16(0));
      assertEquals(0x12345678L, m.getU32(0));
      assertEquals(0x3456789AL, m.getU32(1));
      m.trimFront(1);
      assertEquals(0x34, m.getU8(0));
      m.setU16(0, 0xBEEF);
      m.setI32(0, 0xCAFEF00D);
      assertEquals(0xCAFEF00DL, m.getU32(0));
    }
  }

  @Test
  void accessOutsideReadableBytesThrows() {
    try (Mbuf m = of(4, 1, 2, 3)) {
      assertThrows(IndexOutOfBoundsException.class, () -> m.getU8(3));
      assertThrows(IndexOutOfBoundsException.class, () -> m.getU16(2));
      assertThrows(IndexOutOfBoundsException.class, () -> m.getU8(-1));
      assertThrows(IndexOutOfBoundsException.class, () -> m.getU32(0));
      assertThrows(IndexOutOfBoundsException.class, () -> m.setU8(Integer.MAX_VALUE, 0));
    }
  }

  @Test
  void sliceSharesMemoryWithIndependentIndices() {
    try (Mbuf m = of(0, 1, 2, 3, 4, 5)) {
      try (Mbuf s = m.slice(1, 3)) {
        assertArrayEquals(new byte[] {2, 3, 4}, s.toByteArray());
        s.setU8(0, 0x77); // visible through the parent: zero copy
        assertEquals(0x77, m.getU8(1));
        s.trimFront(1); // the parent's indices do not move
        assertEquals(5, m.readableBytes());
        assertEquals(0, s.tailroom());
        assertThrows(IndexOutOfBoundsException.class, () -> s.append(1));
      }
      assertEquals(5, m.readableBytes());
    }
  }

  @Test
  void splitGivesDisjointOwnedParts() {
    Mbuf m = of(6, 1, 2, 3, 4, 5);
    Mbuf front = m.split(2);
    assertArrayEquals(new byte[] {1, 2}, front.toByteArray());
    assertArrayEquals(new byte[] {3, 4, 5}, m.toByteArray());
    assertEquals(6, front.headroom());
    assertEquals(0, front.tailroom());
    assertEquals(0, m.headroom());
    front.close();
    assertEquals(3, m.getU8(0)); // the back survives the front's close
    m.close();
  }

  @Test
  void moveTransfersOwnershipAndKillsTheOldHandle() {
    Mbuf m = of(2, 9, 8);
    Mbuf moved = m.move();
    assertFalse(m.isOpen());
    assertThrows(IllegalStateException.class, m::readableBytes);
    assertThrows(IllegalStateException.class, m::close);
    assertArrayEquals(new byte[] {9, 8}, moved.toByteArray());
    assertEquals(2, moved.headroom());
    moved.close();
  }

  @Test
  void doubleCloseThrows() {
    Mbuf m = empty(0, 10);
    m.close();
    IllegalStateException e = assertThrows(IllegalStateException.class, m::close);
    assertTrue(e.getMessage().contains("double free"));
  }

  @Test
  void useAfterCloseThrows() {
    Mbuf m = of(0, 1);
    m.close();
    assertThrows(IllegalStateException.class, () -> m.getU8(0));
    assertThrows(IllegalStateException.class, () -> m.prepend(0));
    assertThrows(IllegalStateException.class, () -> m.slice(0, 0));
  }

  @Test
  void onesComplementSumPadsOddByte() {
    try (Mbuf m = of(0, 0x00, 0x01, 0xF2, 0x03, 0xF4, 0xF5, 0xF6, 0xF7, 0x01)) {
      // RFC 1071 section 3 example words 0001 f203 f4f5 f6f7 sum to ddf2 after folding;
      // the trailing odd byte 0x01 counts as 0x0100.
      assertEquals(0xDDF2, m.onesComplementSum(0, 8, 0));
      assertEquals(0xDDF2 + 0x0100, m.onesComplementSum(0, 9, 0));
    }
  }
}
