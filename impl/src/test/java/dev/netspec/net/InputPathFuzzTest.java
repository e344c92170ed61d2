package dev.netspec.net;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer over the whole input path: any sequence of frames, each with delivery knobs, never
 * throws, leaves both ledgers balanced after every frame, and returns every buffer to the pool.
 *
 * <p>Input format, repeated until the bytes run out: one control byte (bit 0: arrive on
 * interface 1; bit 1: the transmit queue refuses frames; bit 2: recompute the checksums so the
 * frame gets past them; bit 3: the application drains its socket; bit 4: advance the clock by one
 * second), a big-endian 16-bit length, then that many frame bytes (fewer if the input ends).
 *
 * <p>In a plain {@code mvn test} this replays the seed corpus in {@code
 * src/test/resources/dev/netspec/net/InputPathFuzzTestInputs/anyFrameSequence/} (one file per
 * template frame of {@link Templates}, plus multi-frame sequences). Fuzz with {@code
 * JAZZER_FUZZ=1 mvn -pl impl test -Dtest=InputPathFuzzTest}.
 */
class InputPathFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void anyFrameSequence(byte[] input) {
    try (InputHarness h = new InputHarness()) {
      long now = 0;
      int i = 0;
      while (i < input.length) {
        int ctrl = input[i++] & 0xFF;
        int len = 0;
        if (i + 1 < input.length) {
          len = ((input[i] & 0xFF) << 8) | (input[i + 1] & 0xFF);
          i += 2;
        } else {
          i = input.length;
        }
        len = Math.min(len, input.length - i);
        byte[] frame = java.util.Arrays.copyOfRange(input, i, i + len);
        i += len;
        if ((ctrl & 4) != 0) {
          InputHarness.fixChecksums(frame);
        }
        if ((ctrl & 16) != 0) {
          now += 1_000_000_000L;
        }
        h.txAccepting = (ctrl & 2) == 0;
        h.feed(ctrl & 1, frame, now);
        if ((ctrl & 8) != 0) {
          h.drainSocket();
        }
      }
      for (int k = 0; k < 100 && h.stack.pollAt() != Long.MAX_VALUE; k++) {
        now = Math.max(now, h.stack.pollAt());
          h.stack.poll(now);
        h.check();
      }
    }
  }
}
