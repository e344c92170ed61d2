package dev.netspec.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netspec.buf.Mbuf;
import dev.netspec.wire.Parsed;
import dev.netspec.wire.TcpHeader;
import dev.netspec.wire.TcpView;
import java.util.Arrays;

/**
 * Jazzer over the TCP parser and the state machine: any bytes either parse (and then emit back to
 * the same header) or are rejected with a reason, never an exception; parsed segments thrown at a
 * connection in the state the first byte picks never make it leave the RFC 9293 diagram (Tcb
 * throws on an illegal edge) or crash it, and timers run afterwards.
 *
 * <p>Input: one state byte, then repeated: a control byte (bit 0: recompute the checksum so the
 * segment gets past it; bit 1: advance the clock by 300 ms), a length byte, that many bytes.
 * {@code mvn test} replays the seeds in {@code
 * src/test/resources/dev/netspec/tcp/TcpFuzzTestInputs/anySegments/}; fuzz with {@code
 * JAZZER_FUZZ=1 mvn -pl impl test -Dtest=TcpFuzzTest}.
 */
class TcpFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void anySegments(byte[] input) {
    if (input.length == 0) {
      return;
    }
    SegmentChannel ch = new SegmentChannel(input[0], SegmentChannel.Faults.none(),
        TcpConfig.forTests(), TcpConfig.forTests());
    Tcb t = switch (input[0] & 3) {
      case 0 -> {
        ch.b.openPassive(0);
        ch.deliver = false;
        yield ch.b;
      }
      case 1 -> {
        ch.deliver = false;
        ch.a.openActive(0);
        yield ch.a;
      }
      default -> {
        ch.b.openPassive(0);
        ch.a.openActive(0);
        ch.settle();
        if ((input[0] & 3) == 3) {
          ch.a.close(ch.now);
          ch.settle();
        }
        ch.deliver = false;
        yield ch.a;
      }
    };
    int i = 1;
    while (i + 1 < input.length) {
      int ctrl = input[i] & 0xFF;
      int len = Math.min(input[i + 1] & 0xFF, input.length - i - 2);
      byte[] bytes = Arrays.copyOfRange(input, i + 2, i + 2 + len);
      i += 2 + len;
      if ((ctrl & 2) != 0) {
        ch.now += 300_000_000L;
      }
      try (Mbuf m = Mbuf.copyOf(bytes)) {
        if ((ctrl & 1) != 0 && len >= 20 && (m.getU8(12) >>> 4) * 4 <= len
            && (m.getU8(12) >>> 4) >= 5) {
          TcpView.wrapUnchecked(m).fillChecksum(SegmentChannel.IP_B, SegmentChannel.IP_A);
        }
        if (TcpHeader.parse(m, SegmentChannel.IP_B, SegmentChannel.IP_A)
            instanceof Parsed.Ok<TcpHeader>(TcpHeader h)) {
          byte[] payload = Arrays.copyOfRange(bytes, (m.getU8(12) >>> 4) * 4, len);
          // Re-emitted options use this stack's layout, which may be longer than the sender's.
          try (Mbuf again = Mbuf.unpooled(h.headerLen(), payload.length)) {
            again.appendBytes(payload);
            h.prependTo(again, SegmentChannel.IP_B, SegmentChannel.IP_A);
            assertEquals(h, TcpHeader.parse(again, SegmentChannel.IP_B, SegmentChannel.IP_A)
                .orThrow(), "emit then parse gives the header back");
          }
          ch.inject(t, new Segment(new SeqNum(h.sequence()), new SeqNum(h.acknowledgment()),
              h.flags(), h.window(), h.options(), payload));
        }
      }
    }
    ch.runUntil(ch.now + 600_000_000_000L);
  }
}
