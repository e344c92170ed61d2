package dev.netspec.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.fault.Fault;
import dev.netspec.fault.Faults;
import dev.netspec.wire.TcpOptions;
import dev.netspec.wire.TcpView;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Each TCP {@link Fault} changes what the stack does, at the place the RFC rule lives: the same
 * conversation is run with the fault off and on, and the two outcomes differ exactly where the
 * rule says. (A fault that changed nothing could not be caught by any suite.)
 */
class TcpFaultTest {
  private static final long S = 1_000_000_000L;

  /** Runs {@code body} on a fresh channel with {@code faults} on. */
  private static <T> T run(Set<Fault> faults, Function<SegmentChannel, T> body) {
    return Faults.with(faults, () -> body.apply(new SegmentChannel(5,
        SegmentChannel.Faults.none(), TcpConfig.forTests(), TcpConfig.forTests())));
  }

  private static void establish(SegmentChannel ch) {
    ch.b.openPassive(0);
    ch.a.openActive(0);
    ch.settle();
    assertEquals(TcpState.ESTABLISHED, ch.a.state());
    assertEquals(TcpState.ESTABLISHED, ch.b.state());
  }

  /** B's reply to A's FIN: an ACK of the FIN, or nothing with the fault. */
  private static List<Segment> repliesToFin(SegmentChannel ch) {
    establish(ch);
    ch.deliver = false;
    int mark = ch.log.size();
    ch.a.close(ch.now);
    Segment fin = ch.sentBy(ch.a, mark).get(0);
    int before = ch.log.size();
    ch.inject(ch.b, fin);
    assertEquals(TcpState.CLOSE_WAIT, ch.b.state());
    return ch.sentBy(ch.b, before);
  }

  @Test
  void finNotAckedLeavesTheFinUnacknowledged() {
    List<Segment> right = run(Set.of(), TcpFaultTest::repliesToFin);
    List<Segment> wrong = run(EnumSet.of(Fault.FIN_NOT_ACKED), TcpFaultTest::repliesToFin);
    assertEquals(1, right.size());
    assertTrue(right.get(0).ackFlag());
    assertTrue(wrong.isEmpty(), "no ACK of the FIN: " + wrong);
  }

  /** B receives a RST 100000 octets beyond RCV.NXT, far outside its window. */
  private static TcpState afterRstOutsideWindow(SegmentChannel ch) {
    establish(ch);
    ch.deliver = false;
    ch.inject(ch.b, Segment.control(ch.b.rcvNxt().plus(100_000), SeqNum.of(0), TcpView.RST, 0));
    return ch.b.state();
  }

  @Test
  void rstOutsideWindowAcceptedResetsTheConnection() {
    assertEquals(TcpState.ESTABLISHED, run(Set.of(), TcpFaultTest::afterRstOutsideWindow));
    assertEquals(TcpState.CLOSED,
        run(EnumSet.of(Fault.RST_OUTSIDE_WINDOW_ACCEPTED), TcpFaultTest::afterRstOutsideWindow));
  }

  /** A RST in the window but not at RCV.NXT: a challenge ACK (RFC 5961 3.2), or reset with the fault. */
  private static TcpState afterRstInWindowNotNext(SegmentChannel ch) {
    establish(ch);
    ch.deliver = false;
    ch.inject(ch.b, Segment.control(ch.b.rcvNxt().plus(1), SeqNum.of(0), TcpView.RST, 0));
    return ch.b.state();
  }

  @Test
  void rstOutsideWindowFaultAlsoSkipsTheChallenge() {
    assertEquals(TcpState.ESTABLISHED, run(Set.of(), TcpFaultTest::afterRstInWindowNotNext));
    assertEquals(TcpState.CLOSED,
        run(EnumSet.of(Fault.RST_OUTSIDE_WINDOW_ACCEPTED), TcpFaultTest::afterRstInWindowNotNext));
  }

  private static TcpState afterSynInEstablished(SegmentChannel ch) {
    establish(ch);
    ch.deliver = false;
    ch.inject(ch.b, Segment.control(ch.b.rcvNxt().plus(7), SeqNum.of(0), TcpView.SYN, 1000));
    return ch.b.state();
  }

  @Test
  void synInEstablishedResetsInsteadOfChallenging() {
    assertEquals(TcpState.ESTABLISHED, run(Set.of(), TcpFaultTest::afterSynInEstablished));
    assertEquals(TcpState.CLOSED,
        run(EnumSet.of(Fault.SYN_IN_ESTABLISHED_RESETS), TcpFaultTest::afterSynInEstablished));
  }

  /** The states A passes through in an orderly close it starts. */
  private static List<TcpState> activeCloserPath(SegmentChannel ch) {
    establish(ch);
    int mark = ch.changes.size();
    ch.a.close(ch.now);
    ch.settle();
    ch.b.close(ch.now);
    ch.settle();
    return ch.changes.subList(mark, ch.changes.size()).stream()
        .filter(c -> c.tcb() == ch.a).map(SegmentChannel.Change::to).toList();
  }

  @Test
  void timeWaitSkippedGoesStraightToClosed() {
    assertEquals(List.of(TcpState.FIN_WAIT_1, TcpState.FIN_WAIT_2, TcpState.TIME_WAIT),
        run(Set.of(), TcpFaultTest::activeCloserPath));
    assertEquals(List.of(TcpState.FIN_WAIT_1, TcpState.FIN_WAIT_2, TcpState.CLOSED),
        run(EnumSet.of(Fault.TIME_WAIT_SKIPPED), TcpFaultTest::activeCloserPath));
  }

  /** SYNs A sends to a peer that never answers, within 10 s. */
  private static long synsToSilentPeer(SegmentChannel ch) {
    ch.deliver = false;
    ch.a.openActive(0);
    ch.runUntil(10 * S);
    return ch.sentBy(ch.a, 0).stream().filter(Segment::syn).count();
  }

  @Test
  void retransmissionStopsAfterTheFirstTimeout() {
    // RTO 1 s doubling: SYN at 0, resent at 1 s, 3 s, 7 s.
    assertEquals(4, run(Set.of(), TcpFaultTest::synsToSilentPeer));
    assertEquals(2, run(EnumSet.of(Fault.RETRANSMIT_STOPS_AFTER_FIRST_TIMEOUT),
        TcpFaultTest::synsToSilentPeer));
  }

  /** B gets octet 2 before octet 1: what the user can read at once. */
  private static int readableAfterGap(SegmentChannel ch) {
    establish(ch);
    ch.deliver = false;
    SeqNum next = ch.b.rcvNxt();
    ch.inject(ch.b, new Segment(next.plus(1), ch.b.sndNxt(), TcpView.ACK, 1000, TcpOptions.NONE,
        new byte[] {2}));
    return ch.b.readable();
  }

  @Test
  void outOfOrderTextIsDeliveredOverTheGap() {
    assertEquals(0, run(Set.of(), TcpFaultTest::readableAfterGap));
    assertEquals(1, run(EnumSet.of(Fault.OUT_OF_ORDER_DELIVERED), TcpFaultTest::readableAfterGap));
  }

  @Test
  void noFaultIsActiveOutsideWith() {
    assertFalse(Faults.active(Fault.FIN_NOT_ACKED));
  }
}
