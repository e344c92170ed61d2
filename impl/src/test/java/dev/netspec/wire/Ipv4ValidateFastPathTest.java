package dev.netspec.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.netspec.buf.Mbuf;
import org.junit.jupiter.api.Test;

/**
 * {@link Ipv4Header#validate}'s fast path (an option-less header read as three words) must give
 * exactly what the rule-by-rule checks give, for every header: the receive and forwarding paths
 * call only {@code validate}, so a disagreement would change which datagrams are dropped and
 * under which rejection.
 */
class Ipv4ValidateFastPathTest {

  private static final int[] FIRST_BYTES = {0x45, 0x45, 0x45, 0x44, 0x46, 0x4F, 0x55, 0x35, 0x40, 0x00};
  private static final int[] SOURCES = {0x0A000002, -1, 0xE0000001, 0xEFFFFFFF, 0x7F000001, 0};

  /**
   * Property: starting from a valid header in front of a payload, any choice of first byte, total
   * length, flags and fragment offset, source, checksum (right or wrong) and received length
   * gives the same result from both paths.
   */
  @Test
  void fastPathAgreesWithTheFullChecks() {
    qt().withExamples(20_000)
        .forAll(integers().between(0, FIRST_BYTES.length * SOURCES.length - 1),
            integers().between(0, 0xFFFF), integers().between(0, 0xFFFF),
            integers().between(0, 127))
        .checkAssert((choice, totalLength, flagsFragment, shape) -> {
          int first = FIRST_BYTES[choice % FIRST_BYTES.length];
          int src = SOURCES[choice / FIRST_BYTES.length];
          // Mostly plausible total lengths (around the 40 bytes received), sometimes anything.
          int total = (shape & 64) != 0 ? totalLength : 16 + totalLength % 32;
          int received = (shape & 32) != 0 ? 40 : 12 + (shape % 32);
          try (Mbuf m = Mbuf.unpooled(0, 64)) {
            m.append(received);
            for (int i = 0; i < received; i++) {
              m.setU8(i, 1); // payload and any option bytes: NOP options (RFC 791)
            }
            if (received >= 20) {
              m.setU8(0, first);
              m.setU16(Ipv4View.TOTAL_LENGTH, total);
              m.setU16(Ipv4View.FLAGS_FRAGMENT, (shape & 16) != 0 ? flagsFragment : 0);
              m.setU8(Ipv4View.TTL, 64);
              m.setU8(Ipv4View.PROTOCOL, Ipv4View.PROTO_UDP);
              m.setU16(Ipv4View.CHECKSUM, 0);
              m.setI32(Ipv4View.SOURCE, src);
              m.setI32(Ipv4View.DESTINATION, 0x0A000001);
              int headerLen = Math.min(received, Math.max(20, (first & 0xF) * 4));
              int checksum = Checksum.compute(m, 0, headerLen);
              m.setU16(Ipv4View.CHECKSUM, (shape & 8) != 0 ? checksum ^ 0x0100 : checksum);
            }
            assertEquals(Ipv4Header.validateFully(m), Ipv4Header.validate(m),
                "first=" + Integer.toHexString(first) + " total=" + total + " received=" + received
                    + " shape=" + shape);
          }
        });
  }

  /** The fast path's own case: a valid option-less header is accepted with length 20. */
  @Test
  void validOptionlessHeaderIsAccepted() {
    try (Mbuf m = Mbuf.unpooled(0, 40)) {
      m.append(28);
      Ipv4Header.of(new Ipv4Addr(0x0A000002), new Ipv4Addr(0x0A000001), Ipv4View.PROTO_UDP, 7, 8)
          .emit(m);
      assertEquals(20, Ipv4Header.validate(m));
      m.setU8(Ipv4View.TTL, 9); // checksum no longer matches
      assertEquals(Rejection.IPV4_BAD_CHECKSUM.code(), Ipv4Header.validate(m));
    }
  }
}
