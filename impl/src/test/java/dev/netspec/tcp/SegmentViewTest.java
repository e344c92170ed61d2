package dev.netspec.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.netspec.buf.Mbuf;
import dev.netspec.wire.Checksum;
import dev.netspec.wire.TcpOptions;
import dev.netspec.wire.TcpView;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A segment whose payload is a view (of a received packet, or of the send buffer) holds the same
 * bytes as one with an array of its own, through every way the stack reads them: {@code data()},
 * {@code writeDataTo} (packet to receive buffer), {@code appendDataTo} (send buffer to packet),
 * {@code trimmed} (the window trim of 3.10.7.4), and equality.
 */
class SegmentViewTest {
  private static final SeqNum SEQ = SeqNum.of(1000);
  private static final SeqNum ACK = SeqNum.of(77);

  private static byte[] bytes(int n, int salt) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 7 + salt);
    }
    return b;
  }

  @Test
  void aPacketViewReadsThePacketBytesWhereverTheyAreTrimmed() {
    qt().withFixedSeed(61L).withExamples(300)
        .forAll(integers().between(1, 3000), integers().between(0, 60), integers().between(0, 3000),
            integers().between(0, 3000))
        .checkAssert((n, header, cutFront, keep) -> {
          byte[] payload = bytes(n, header);
          try (Mbuf m = Mbuf.unpooled(0, header + n)) {
            m.appendBytes(new byte[header]);
            m.appendBytes(payload);
            Segment view = Segment.inPacket(SEQ, ACK, TcpView.ACK, 100, TcpOptions.NONE, m, header, n);
            Segment own = new Segment(SEQ, ACK, TcpView.ACK, 100, TcpOptions.NONE, payload.clone());
            assertTrue(view.isView());
            assertEquals(n, view.dataLength());
            assertEquals(own, view);
            assertEquals(own.hashCode(), view.hashCode());

            int from = Math.min(cutFront, n);
            int len = Math.min(keep, n - from);
            Segment t = view.trimmed(SEQ.plus(from), TcpView.ACK, from, len);
            Segment u = own.trimmed(SEQ.plus(from), TcpView.ACK, from, len);
            assertEquals(u, t);
            byte[] expect = Arrays.copyOfRange(payload, from, from + len);
            assertArrayEquals(expect, t.data());

            // straight into a receive buffer, part of it already skipped
            int skip = len / 3;
            ByteRing r = new ByteRing(4096);
            r.write(new byte[5], 0, 5); // the ring is not empty: the copy lands after its tail
            Segment fresh = view.trimmed(SEQ.plus(from), TcpView.ACK, from, len);
            assertEquals(len - skip, fresh.writeDataTo(r, skip));
            byte[] got = new byte[len - skip];
            r.peek(5, got, 0, got.length);
            assertArrayEquals(Arrays.copyOfRange(expect, skip, len), got);
          }
        });
  }

  @Test
  void aSendBufferViewCopiesStraightIntoThePacketAcrossTheRingsWrap() {
    qt().withFixedSeed(62L).withExamples(300)
        .forAll(integers().between(0, 2047), integers().between(1, 2048), integers().between(0, 2048))
        .checkAssert((consumed, n, at) -> {
          ByteRing ring = new ByteRing(ByteRing.FIRST_ARRAY);
          ring.write(new byte[consumed], 0, consumed);
          ring.discard(consumed); // the ring's front is now at `consumed`: later data wraps
          byte[] payload = bytes(n, consumed);
          assertEquals(n, ring.write(payload, 0, n));
          int from = Math.min(at, n - 1);
          int len = n - from;
          Segment view = Segment.inSendBuffer(SEQ, ACK, TcpView.ACK, 9, TcpOptions.NONE, ring, from, len);
          assertTrue(view.isView());
          try (Mbuf m = Mbuf.unpooled(16, len)) {
            int sum = view.appendDataTo(m);
            assertArrayEquals(Arrays.copyOfRange(payload, from, n), m.toByteArray());
            // the sum made during the copy, across the ring's wrap (odd pieces included)
            assertEquals(Checksum.sum(m, 0, len), sum);
          }
          Segment withTs = view.withOptions(TcpOptions.NONE.withTimestamps(new TcpOptions.Timestamps(1, 2)));
          assertTrue(withTs.isView(), "options do not copy the payload");
          assertArrayEquals(Arrays.copyOfRange(payload, from, n), withTs.data());
          assertFalse(withTs.isView()); // data() made an array of its own
        });
  }

  @Test
  void copyingAndSummingInOnePassGivesTheSumOfTheCopiedBytes() {
    // Any length (whole longs and 0..7 bytes after them), any source offset, any bytes.
    qt().withFixedSeed(63L).withExamples(500)
        .forAll(integers().between(0, 3000), integers().between(0, 9), integers().between(0, 1 << 20))
        .checkAssert((n, off, salt) -> {
          byte[] src = new byte[off + n];
          java.util.SplittableRandom rnd = new java.util.SplittableRandom(salt);
          rnd.nextBytes(src);
          if (salt % 3 == 0) {
            Arrays.fill(src, (byte) 0xFF); // all ones: the folds' carries
          }
          try (Mbuf m = Mbuf.unpooled(8, n + 3)) {
            m.appendBytes(new byte[] {1, 2, 3}); // appended after other bytes: the sum is of its own
            int sum = m.appendBytesSummed(src, off, n);
            assertArrayEquals(Arrays.copyOfRange(src, off, off + n), Arrays.copyOfRange(m.toByteArray(), 3, 3 + n));
            try (Mbuf alone = Mbuf.copyOf(Arrays.copyOfRange(src, off, off + n))) {
              assertEquals(Checksum.sum(alone, 0, n), sum);
            }
          }
        });
  }

  @Test
  void emptyViewsAreOrdinaryEmptySegments() {
    try (Mbuf m = Mbuf.unpooled(0, 20)) {
      m.appendBytes(new byte[20]);
      Segment s = Segment.inPacket(SEQ, ACK, TcpView.ACK, 1, TcpOptions.NONE, m, 20, 0);
      assertFalse(s.isView());
      assertSame(Segment.NO_DATA, s.data());
      assertEquals(Segment.control(SEQ, ACK, TcpView.ACK, 1), s);
    }
  }
}
