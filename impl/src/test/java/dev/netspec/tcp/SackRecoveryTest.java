package dev.netspec.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * SACK-based loss recovery (RFC 6675: IsLost, SetPipe, NextSeg, the rescue retransmission) and
 * limited transmit (RFC 3042), on two TCBs joined by a channel that loses chosen segments once.
 */
class SackRecoveryTest {
  static final long S = 1_000_000_000L;

  /** One bulk transfer of {@code segments} full segments from a to b, first sends of {@code lost} dropped. */
  private static final class Run {
    final SegmentChannel ch;
    final SeqNum start;
    final int seg;
    final Map<Integer, Integer> sends = new HashMap<>();
    final Map<Integer, Long> firstResendAt = new HashMap<>();
    final byte[] data;
    final byte[] got;

    Run(boolean sack, int segments, Set<Integer> lost) {
      TcpConfig cfg = TcpConfig.forTests().withSack(sack);
      ch = new SegmentChannel(3, SegmentChannel.Faults.none(), cfg, cfg);
      ch.b.openPassive(0);
      ch.a.openActive(0);
      ch.settle();
      assertEquals(TcpState.ESTABLISHED, ch.a.state());
      assertEquals(sack, ch.a.sackOn());
      start = ch.a.sndNxt();
      seg = ch.a.sendMss() - (ch.a.timestampsOn() ? 12 : 0);
      Set<Integer> droppedOnce = new HashSet<>();
      ch.dropIf = (t, s) -> {
        if (t != ch.a || s.data().length == 0) {
          return false;
        }
        int index = s.seq().minus(start) / seg;
        int n = sends.merge(index, 1, Integer::sum);
        if (n == 2) {
          firstResendAt.put(index, ch.now);
        }
        return lost.contains(index) && droppedOnce.add(index);
      };
      data = new byte[segments * seg];
      new java.util.Random(9).nextBytes(data);
      got = new byte[data.length];
      ch.a.setNoDelay(true, ch.now);
      int off = 0;
      int read = 0;
      for (int round = 0; round < 2000 && read < data.length; round++) {
        off += ch.a.send(data, off, data.length - off, ch.now).bytes();
        ch.runUntil(ch.now + 10_000_000L);
        ch.now += 1_000_000L;
        read += Math.max(0, ch.b.receive(got, read, got.length - read, ch.now));
      }
    }

    int resends() {
      return sends.values().stream().mapToInt(n -> n - 1).sum();
    }
  }

  @Test
  void threeHolesInOneWindowAreRepairedInOneRecoveryWithoutTimeout() {
    Run r = new Run(true, 60, Set.of(20, 23, 26));
    assertArrayEquals(r.data, r.got);
    String why = "sends per segment " + r.sends + " fast=" + r.ch.a.fastRetransmits()
        + " sack=" + r.ch.a.sackRetransmits();
    assertEquals(1, r.ch.a.fastRetransmits(), "one recovery episode: " + why);
    assertEquals(3, r.resends(), "each hole resent once, nothing else (no timeout, no go-back-N): " + why);
    for (int hole : List.of(20, 23, 26)) {
      assertEquals(2, r.sends.get(hole), "hole " + hole + ": " + why);
    }
    assertTrue(r.ch.a.sackRetransmits() >= 2, "later holes found by NextSeg from the scoreboard: " + why);
  }

  @Test
  void withoutSackTheSameLossesCostMoreRetransmissionsOrTime() {
    Run sack = new Run(true, 60, Set.of(20, 23, 26));
    Run plain = new Run(false, 60, Set.of(20, 23, 26));
    assertArrayEquals(plain.data, plain.got);
    // NewReno repairs one hole per round trip; SACK finds all three in the first one.
    long sackDone = sack.firstResendAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    long plainDone = plain.firstResendAt.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    assertTrue(sackDone < plainDone, "SACK resent the last hole at " + sackDone + " ns, NewReno at " + plainDone);
  }

  @Test
  void limitedTransmitTurnsATimeoutIntoAFastRetransmit() {
    // Four segments in the initial window (cwnd 4380 B, 3 segments fit; the fourth waits), the
    // first lost: only two duplicate ACKs come back unless the sender sends new data on them.
    Run r = new Run(true, 6, Set.of(0));
    assertArrayEquals(r.data, r.got);
    assertEquals(2, r.ch.a.limitedTransmits(), "one new segment per duplicate ACK, two at most");
    assertEquals(1, r.ch.a.fastRetransmits(), "the third duplicate ACK came from limited transmit's data");
    long rto = 1 * S; // RFC 6298 2.1: initial RTO 1 s
    assertTrue(r.firstResendAt.get(0) < rto, "repaired before the first RTO: " + r.firstResendAt);
  }

  @Test
  void anyFewLossesInOneWindowAreRepairedWithoutGoBackN() {
    qt().withExamples(60).withShrinkCycles(50)
        .forAll(lists().of(integers().between(5, 34)).ofSizeBetween(1, 4))
        .checkAssert(holes -> {
          Set<Integer> lost = new HashSet<>(holes);
          Run r = new Run(true, 40, lost);
          assertTrue(r.resends() <= 3 * lost.size(), "resends " + r.sends + " for holes " + lost);
          assertArrayEquals(r.data, r.got, "stream intact with holes " + lost);
          for (int h : lost) {
            assertTrue(r.sends.get(h) >= 2, "hole " + h + " resent: " + r.sends);
          }
          // No go-back-N: a segment that was not lost is resent at most once per recovery
          // episode (a rule (3) or rescue retransmission, RFC 6675 4 NextSeg). Holes far apart
          // can take two episodes: when the cumulative ACK ends the first (RFC 6675 5 (A)), the
          // SACKed octets above the next hole make IsLost(HighACK + 1) true at once (5 (2.2)),
          // and the second episode may resend what the first resent (seen with holes
          // {17, 18, 29, 33}: two episodes, segments 33 and 39 sent three times each).
          long episodes = r.ch.a.fastRetransmits();
          for (Map.Entry<Integer, Integer> e : r.sends.entrySet()) {
            if (!lost.contains(e.getKey())) {
              assertTrue(e.getValue() <= 1 + episodes, "segment " + e.getKey()
                  + " that was not lost sent " + e.getValue() + " times in " + episodes
                  + " recovery episodes (holes " + lost + ")");
            }
          }
          assertTrue(episodes <= lost.size(), "at most one recovery episode per hole: " + episodes);
        });
  }
}
