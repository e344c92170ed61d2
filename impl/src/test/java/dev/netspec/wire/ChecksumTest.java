package dev.netspec.wire;

import static dev.netspec.wire.Golden.buf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.netspec.buf.Mbuf;
import org.junit.jupiter.api.Test;

class ChecksumTest {

  @Test
  void rfc1071ExampleSum() {
    // RFC 1071 section 3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2; the checksum is its complement.
    try (Mbuf m = buf("0001 f203 f4f5 f6f7")) {
      assertEquals(0xddf2, Checksum.sum(m, 0, 8));
      assertEquals(0x220d, Checksum.compute(m, 0, 8));
    }
  }

  @Test
  void rfc1624Example() {
    // RFC 1624 section 4: HC = 0xdd2f, m = 0x5555 -> m' = 0x3285 gives HC' = 0x0000.
    assertEquals(0x0000, Checksum.update(0xdd2f, 0x5555, 0x3285));
  }

  /** Property: the incremental update agrees with summing everything again (RFC 1624 eq. 3). */
  @Test
  void incrementalUpdateEqualsFullRecomputation() {
    qt().forAll(integers().between(0, 0xFFFF), integers().between(0, 0xFFFF),
            integers().between(0, 0xFFFF), integers().between(0, 0xFFFF))
        .checkAssert((w0, w1, old, neu) -> {
          try (Mbuf m = Mbuf.unpooled(0, 8)) {
            m.append(8);
            m.setU16(0, w0);
            m.setU16(2, w1);
            m.setU16(4, old);
            int before = Checksum.compute(m, 0, 8);
            m.setU16(6, before);
            m.setU16(4, neu);
            m.setU16(6, 0);
            int full = Checksum.compute(m, 0, 8);
            int incremental = Checksum.update(before, old, neu);
            // Both encodings of zero are valid one's complement results; RFC 1624 eq. 3 never
            // produces 0x0000 unless every other word is zero, so compare modulo 0xffff.
            assertEquals(full % 0xFFFF, incremental % 0xFFFF);
          }
        });
  }

  /**
   * Property: the word-wise sum equals RFC 1071's plain 16-bit loop (section 4.1's C code, written
   * out here) for any bytes, any start offset, any length (odd, two bytes past a word, empty) and
   * any initial sum.
   */
  @Test
  void wordWiseSumEqualsSixteenBitReference() {
    // Initial sums beyond 16 bits too: the UDP receive path passes unfolded pseudo-header words.
    qt().forAll(integers().between(0, 200), integers().between(0, 7),
            integers().between(0, Integer.MAX_VALUE), integers().between(0, Integer.MAX_VALUE))
        .checkAssert((len, off, initial, seed) -> {
          java.util.Random r = new java.util.Random(seed);
          byte[] bytes = new byte[off + len];
          r.nextBytes(bytes);
          try (Mbuf m = Mbuf.copyOf(bytes)) {
            long ref = initial;
            for (int k = 0; k + 1 < len; k += 2) {
              ref += ((bytes[off + k] & 0xFF) << 8) | (bytes[off + k + 1] & 0xFF);
            }
            if ((len & 1) != 0) {
              ref += (bytes[off + len - 1] & 0xFF) << 8;
            }
            while ((ref >>> 16) != 0) {
              ref = (ref & 0xFFFF) + (ref >>> 16);
            }
            assertEquals(ref, m.onesComplementSum(off, len, initial));
          }
        });
  }

  /**
   * Property: starting a sum from the unfolded pseudo-header words gives the same folded result
   * as starting from the folded pseudo-header sum (what UDP's receive check relies on).
   */
  @Test
  void unfoldedPseudoHeaderWordsGiveTheSameSum() {
    qt().forAll(integers().all(), integers().all(), integers().between(0, 0xFFFF),
            integers().between(0, Integer.MAX_VALUE))
        .checkAssert((src, dst, length, seed) -> {
          byte[] bytes = new byte[1 + seed % 90];
          new java.util.Random(seed).nextBytes(bytes);
          try (Mbuf m = Mbuf.copyOf(bytes)) {
            int folded = Checksum.pseudoHeaderSum(src, dst, Ipv4View.PROTO_UDP, length);
            int words = Checksum.pseudoHeaderWords(src, dst, Ipv4View.PROTO_UDP, length);
            assertEquals(m.onesComplementSum(0, bytes.length, folded),
                m.onesComplementSum(0, bytes.length, words));
          }
        });
  }
}
