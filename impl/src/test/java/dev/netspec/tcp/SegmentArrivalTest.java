package dev.netspec.tcp;

import static dev.netspec.tcp.TcpState.CLOSED;
import static dev.netspec.tcp.TcpState.CLOSE_WAIT;
import static dev.netspec.tcp.TcpState.CLOSING;
import static dev.netspec.tcp.TcpState.ESTABLISHED;
import static dev.netspec.tcp.TcpState.FIN_WAIT_1;
import static dev.netspec.tcp.TcpState.FIN_WAIT_2;
import static dev.netspec.tcp.TcpState.LAST_ACK;
import static dev.netspec.tcp.TcpState.LISTEN;
import static dev.netspec.tcp.TcpState.SYN_RECEIVED;
import static dev.netspec.tcp.TcpState.SYN_SENT;
import static dev.netspec.tcp.TcpState.TIME_WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.wire.TcpOptions;
import dev.netspec.wire.TcpView;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 9293 3.10.7, "SEGMENT ARRIVES", row by row and state by state, with RFC 5961's challenge
 * ACKs and RFC 1337's TIME-WAIT rule. Each test drives a real conversation into the state, stops
 * delivery, injects one crafted segment into the TCB under test ({@code t}) and checks what it
 * sends and which state it is in afterwards.
 */
class SegmentArrivalTest {
  private static final int ACK = TcpView.ACK;
  private static final int RST = TcpView.RST;
  private static final int SYN = TcpView.SYN;
  private static final int FIN = TcpView.FIN;

  private final SegmentChannel ch = new SegmentChannel(11, SegmentChannel.Faults.none(),
      TcpConfig.forTests(), TcpConfig.forTests());

  /** Drives one end into {@code s}, stops delivery, and returns that end. */
  private Tcb into(TcpState s) {
    switch (s) {
      case CLOSED -> {
        ch.deliver = false;
        return ch.b;
      }
      case LISTEN -> {
        ch.b.openPassive(0);
        ch.deliver = false;
        return ch.b;
      }
      case SYN_SENT -> {
        ch.deliver = false;
        ch.a.openActive(0);
        return ch.a;
      }
      case SYN_RECEIVED -> {
        ch.b.openPassive(0);
        ch.deliver = false;
        ch.a.openActive(0);
        ch.inject(ch.b, ch.sentBy(ch.a, 0).get(0)); // only the SYN reaches B
        return ch.b;
      }
      default -> { }
    }
    ch.b.openPassive(0);
    ch.a.openActive(0);
    ch.settle();
    switch (s) {
      case ESTABLISHED -> {
        ch.deliver = false;
        return ch.a;
      }
      case FIN_WAIT_1 -> {
        ch.deliver = false;
        ch.a.close(ch.now);
        return ch.a;
      }
      case FIN_WAIT_2 -> {
        ch.a.close(ch.now);
        ch.settle();
        ch.deliver = false;
        return ch.a;
      }
      case CLOSE_WAIT -> {
        ch.a.close(ch.now);
        ch.settle();
        ch.deliver = false;
        return ch.b;
      }
      case CLOSING -> {
        ch.deliver = false;
        int mark = ch.log.size();
        ch.a.close(ch.now);
        ch.b.close(ch.now);
        ch.inject(ch.a, ch.sentBy(ch.b, mark).get(0)); // B's FIN before the ACK of A's FIN
        return ch.a;
      }
      case LAST_ACK -> {
        ch.a.close(ch.now);
        ch.settle();
        ch.deliver = false;
        ch.b.close(ch.now);
        return ch.b;
      }
      case TIME_WAIT -> {
        ch.a.close(ch.now);
        ch.settle();
        ch.b.close(ch.now);
        ch.settle();
        ch.deliver = false;
        return ch.a;
      }
      default -> throw new IllegalArgumentException(s.name());
    }
  }

  /** Injects {@code s} into {@code t}; returns what {@code t} sent in reply. */
  private List<Segment> arrive(Tcb t, Segment s) {
    int mark = ch.log.size();
    ch.inject(t, s);
    return ch.sentBy(t, mark);
  }

  private static Segment seg(SeqNum seq, SeqNum ack, int flags) {
    return Segment.control(seq, ack, flags, 1000);
  }

  private static Segment data(SeqNum seq, SeqNum ack, int n) {
    return new Segment(seq, ack, ACK, 1000, TcpOptions.NONE, new byte[n]);
  }

  private static void assertPlainAck(Tcb t, List<Segment> out) {
    assertEquals(1, out.size(), out.toString());
    assertEquals(ACK, out.get(0).flags());
    assertEquals(t.sndNxt(), out.get(0).seq(), "<SEQ=SND.NXT>");
    assertEquals(t.rcvNxt(), out.get(0).ack(), "<ACK=RCV.NXT>");
  }

  // ---------------------------------------------------------------- CLOSED (3.10.7.1)

  @Test
  void closedAnswersAckWithResetAtItsAckNumber() {
    Tcb t = into(CLOSED);
    List<Segment> out = arrive(t, seg(SeqNum.of(100), SeqNum.of(5000), ACK));
    assertEquals(List.of(Segment.control(SeqNum.of(5000), SeqNum.of(0), RST, 0)), out);
  }

  @Test
  void closedAnswersNonAckWithResetAck() {
    Tcb t = into(CLOSED);
    List<Segment> out = arrive(t, seg(SeqNum.of(100), SeqNum.of(0), SYN));
    assertEquals(List.of(Segment.control(SeqNum.of(0), SeqNum.of(101), RST | ACK, 0)), out);
  }

  @Test
  void closedIgnoresReset() {
    Tcb t = into(CLOSED);
    assertEquals(List.of(), arrive(t, seg(SeqNum.of(100), SeqNum.of(0), RST)));
  }

  // ---------------------------------------------------------------- LISTEN (3.10.7.2)

  @Test
  void listenIgnoresReset() {
    Tcb t = into(LISTEN);
    assertEquals(List.of(), arrive(t, seg(SeqNum.of(1), SeqNum.of(2), RST | ACK)));
    assertEquals(LISTEN, t.state());
  }

  @Test
  void listenResetsAnyAck() {
    Tcb t = into(LISTEN);
    List<Segment> out = arrive(t, seg(SeqNum.of(1), SeqNum.of(777), ACK));
    assertEquals(List.of(Segment.control(SeqNum.of(777), SeqNum.of(0), RST, 0)), out);
    assertEquals(LISTEN, t.state());
  }

  @Test
  void listenAnswersSynWithSynAck() {
    Tcb t = into(LISTEN);
    List<Segment> out = arrive(t, seg(SeqNum.of(41), SeqNum.of(0), SYN));
    assertEquals(SYN_RECEIVED, t.state());
    assertEquals(SYN | ACK, out.get(0).flags());
    assertEquals(SeqNum.of(42), out.get(0).ack());
    assertEquals(t.iss(), out.get(0).seq());
  }

  @Test
  void listenDropsOtherSegments() {
    Tcb t = into(LISTEN);
    assertEquals(List.of(), arrive(t, seg(SeqNum.of(1), SeqNum.of(0), FIN)));
    assertEquals(LISTEN, t.state());
  }

  // ---------------------------------------------------------------- SYN-SENT (3.10.7.3)

  @Test
  void synSentResetsUnacceptableAck() {
    Tcb t = into(SYN_SENT);
    // An old duplicate SYN,ACK (Figure 9): it acknowledges a sequence number we never sent.
    List<Segment> out = arrive(t, seg(SeqNum.of(90), t.iss().plus(-5), SYN | ACK));
    assertEquals(List.of(Segment.control(t.iss().plus(-5), SeqNum.of(0), RST, 0)), out);
    assertEquals(SYN_SENT, t.state());
  }

  @Test
  void synSentIgnoresResetWithoutAck() {
    Tcb t = into(SYN_SENT);
    assertEquals(List.of(), arrive(t, seg(SeqNum.of(90), SeqNum.of(0), RST)));
    assertEquals(SYN_SENT, t.state());
  }

  @Test
  void synSentAcceptableResetRefusesTheConnection() {
    Tcb t = into(SYN_SENT);
    arrive(t, seg(SeqNum.of(0), t.iss().plus(1), RST | ACK));
    assertEquals(CLOSED, t.state());
    assertEquals(TcpError.REFUSED, t.error());
  }

  @Test
  void synSentSynAckEstablishes() {
    Tcb t = into(SYN_SENT);
    List<Segment> out = arrive(t, seg(SeqNum.of(500), t.iss().plus(1), SYN | ACK));
    assertEquals(ESTABLISHED, t.state());
    assertEquals(List.of(Segment.control(t.iss().plus(1), SeqNum.of(501), ACK, out.get(0)
        .window())), out);
  }

  @Test
  void synSentBareSynIsSimultaneousOpen() {
    Tcb t = into(SYN_SENT);
    List<Segment> out = arrive(t, seg(SeqNum.of(500), SeqNum.of(0), SYN));
    assertEquals(SYN_RECEIVED, t.state());
    assertEquals(SYN | ACK, out.get(0).flags());
    assertEquals(t.iss(), out.get(0).seq());
  }

  @Test
  void synSentDropsSegmentsWithoutSynOrRst() {
    Tcb t = into(SYN_SENT);
    assertEquals(List.of(), arrive(t, seg(SeqNum.of(500), t.iss().plus(1), ACK)));
    assertEquals(SYN_SENT, t.state());
  }

  // ---------------------------------------------------------------- SYN-RECEIVED

  @Test
  void synReceivedPassiveResetReturnsToListen() {
    Tcb t = into(SYN_RECEIVED);
    arrive(t, seg(t.rcvNxt(), SeqNum.of(0), RST));
    assertEquals(LISTEN, t.state());
    assertNull(t.error());
  }

  @Test
  void synReceivedBadAckIsReset() {
    Tcb t = into(SYN_RECEIVED);
    List<Segment> out = arrive(t, seg(t.rcvNxt(), t.iss().plus(99), ACK));
    assertEquals(List.of(Segment.control(t.iss().plus(99), SeqNum.of(0), RST, 0)), out);
    assertEquals(SYN_RECEIVED, t.state());
  }

  @Test
  void synReceivedSynInWindowReturnsPassiveOpenToListen() {
    Tcb t = into(SYN_RECEIVED);
    arrive(t, seg(t.rcvNxt(), SeqNum.of(0), SYN));
    assertEquals(LISTEN, t.state());
  }

  @Test
  void synReceivedAckOfSynEstablishes() {
    Tcb t = into(SYN_RECEIVED);
    assertEquals(List.of(), arrive(t, seg(t.rcvNxt(), t.iss().plus(1), ACK)));
    assertEquals(ESTABLISHED, t.state());
  }

  // ---------------------------------------------------------------- synchronized states

  @ParameterizedTest
  @EnumSource(names = {"ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING",
      "LAST_ACK", "TIME_WAIT"})
  void unacceptableSegmentIsAnsweredWithAckAndDropped(TcpState s) {
    Tcb t = into(s);
    SeqNum old = t.rcvNxt().plus(-5000);
    assertPlainAck(t, arrive(t, data(old, t.sndUna(), 100)));
    assertEquals(s, t.state());
  }

  @ParameterizedTest
  @EnumSource(names = {"ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT", "CLOSING",
      "LAST_ACK", "TIME_WAIT"})
  void synInSynchronizedStateGetsChallengeAck(TcpState s) {
    Tcb t = into(s);
    long before = t.challengeAcks();
    List<Segment> out = arrive(t, seg(t.rcvNxt(), SeqNum.of(0), SYN));
    assertPlainAck(t, out);
    assertEquals(s, t.state(), "RFC 5961 4.2: no reset, the connection stays");
    assertEquals(before + 1, t.challengeAcks());
  }

  @ParameterizedTest
  @EnumSource(names = {"ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT"})
  void exactResetResetsTheConnection(TcpState s) {
    Tcb t = into(s);
    assertEquals(List.of(), arrive(t, seg(t.rcvNxt(), SeqNum.of(0), RST)));
    assertEquals(CLOSED, t.state());
    assertEquals(TcpError.RESET, t.error());
  }

  @ParameterizedTest
  @EnumSource(names = {"CLOSING", "LAST_ACK"})
  void exactResetClosesQuietly(TcpState s) {
    Tcb t = into(s);
    arrive(t, seg(t.rcvNxt(), SeqNum.of(0), RST));
    assertEquals(CLOSED, t.state());
    assertNull(t.error());
  }

  @ParameterizedTest
  @EnumSource(names = {"SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT",
      "CLOSING", "LAST_ACK"})
  void blindResetInWindowGetsChallengeAck(TcpState s) {
    Tcb t = into(s);
    List<Segment> out = arrive(t, seg(t.rcvNxt().plus(10), SeqNum.of(0), RST));
    assertPlainAck(t, out);
    assertEquals(s, t.state(), "RFC 5961 3.2: in window but not RCV.NXT");
  }

  @ParameterizedTest
  @EnumSource(names = {"ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT"})
  void resetOutsideWindowIsDroppedSilently(TcpState s) {
    Tcb t = into(s);
    assertEquals(List.of(), arrive(t, seg(t.rcvNxt().plus(1 << 30), SeqNum.of(0), RST)));
    assertEquals(s, t.state());
  }

  @Test
  void challengeAcksAreRateLimited() {
    Tcb t = into(ESTABLISHED);
    int sent = 0;
    for (int i = 0; i < 50; i++) {
      sent += arrive(t, seg(t.rcvNxt().plus(10 + i), SeqNum.of(0), RST)).size();
    }
    assertEquals(Tcb.CHALLENGE_ACK_LIMIT, sent, "RFC 5961 7: bounded per second");
    assertEquals(50 - Tcb.CHALLENGE_ACK_LIMIT, t.challengeAcksSuppressed());
    ch.now += 1_000_000_000L;
    assertEquals(1, arrive(t, seg(t.rcvNxt().plus(5), SeqNum.of(0), RST)).size(), "next second");
    assertEquals(ESTABLISHED, t.state());
  }

  @Test
  void pawsDropsAnOldDuplicateByItsTimestamp() {
    Tcb t = into(ESTABLISHED);
    assertTrue(t.timestampsOn());
    Segment real = ch.sentBy(ch.b, 0).get(ch.sentBy(ch.b, 0).size() - 1);
    int recent = real.options().timestamps().value();
    Segment old = new Segment(t.rcvNxt(), t.sndNxt(), ACK, 1000, TcpOptions.NONE.withTimestamps(
        new TcpOptions.Timestamps(recent - 100, 0)), new byte[10]);
    assertPlainAck(t, arrive(t, old));
    assertEquals(0, t.readable(), "RFC 7323 5.3: old TSval, dropped although in window");
    assertEquals(1, t.pawsDrops());
    Segment fresh = new Segment(t.rcvNxt(), t.sndNxt(), ACK, 1000, TcpOptions.NONE
        .withTimestamps(new TcpOptions.Timestamps(recent + 1, 0)), new byte[10]);
    arrive(t, fresh);
    assertEquals(10, t.readable());
  }

  @Test
  void timeWaitIgnoresEvenAnExactReset() {
    Tcb t = into(TIME_WAIT);
    assertEquals(List.of(), arrive(t, seg(t.rcvNxt(), SeqNum.of(0), RST)));
    assertEquals(TIME_WAIT, t.state(), "RFC 1337: TIME-WAIT assassination prevented");
  }

  @Test
  void timeWaitAcknowledgesRetransmittedFinAndRestarts2Msl() {
    Tcb t = into(TIME_WAIT);
    ch.now += 500_000_000L;
    List<Segment> out = arrive(t, seg(t.rcvNxt().plus(-1), t.sndNxt(), FIN | ACK));
    assertPlainAck(t, out);
    assertEquals(ch.now + 2 * TcpConfig.forTests().mslNs(), t.pollAt(),
        "2 MSL counted again from now");
  }

  @ParameterizedTest
  @EnumSource(names = {"ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2"})
  void blindDataWithOldAckGetsChallengeAckAndIsNotDelivered(TcpState s) {
    Tcb t = into(s);
    long before = t.challengeAcks();
    SeqNum tooOld = t.sndUna().plus(-(1 << 30));
    List<Segment> out = arrive(t, data(t.rcvNxt(), tooOld, 10));
    assertPlainAck(t, out);
    assertEquals(0, t.readable(), "RFC 5961 5.2: injected data is not accepted");
    assertEquals(before + 1, t.challengeAcks());
  }

  @Test
  void ackOfUnsentDataIsAnsweredAndDropped() {
    Tcb t = into(ESTABLISHED);
    List<Segment> out = arrive(t, data(t.rcvNxt(), t.sndNxt().plus(100), 10));
    assertPlainAck(t, out);
    assertEquals(0, t.readable());
  }

  @Test
  void segmentWithoutAckBitIsDropped() {
    Tcb t = into(ESTABLISHED);
    Segment noAck = new Segment(t.rcvNxt(), SeqNum.of(0), TcpView.PSH, 1000, TcpOptions.NONE,
        new byte[5]);
    assertEquals(List.of(), arrive(t, noAck));
    assertEquals(0, t.readable());
  }

  @Test
  void outOfOrderDataIsHeldAndDuplicateAckSent() {
    Tcb t = into(ESTABLISHED);
    List<Segment> out = arrive(t, data(t.rcvNxt().plus(10), t.sndNxt(), 10));
    assertPlainAck(t, out);
    assertEquals(0, t.readable());
    arrive(t, data(t.rcvNxt(), t.sndNxt(), 10));
    assertEquals(20, t.readable(), "the hole filled, both segments readable");
  }

  @Test
  void finInEstablishedEntersCloseWait() {
    Tcb t = into(ESTABLISHED);
    SeqNum fin = t.rcvNxt();
    assertPlainAck(t, arrive(t, seg(fin, t.sndNxt(), FIN | ACK)));
    assertEquals(CLOSE_WAIT, t.state());
    assertEquals(fin.plus(1), t.rcvNxt());
  }

  @Test
  void finInFinWait1BeforeOurFinIsAckedEntersClosing() {
    Tcb t = into(FIN_WAIT_1);
    arrive(t, seg(t.rcvNxt(), t.sndUna(), FIN | ACK));
    assertEquals(CLOSING, t.state());
  }

  @Test
  void finAckingOurFinInFinWait1EntersTimeWait() {
    Tcb t = into(FIN_WAIT_1);
    arrive(t, seg(t.rcvNxt(), t.sndNxt(), FIN | ACK));
    assertEquals(TIME_WAIT, t.state());
  }

  @Test
  void ackOfFinInClosingEntersTimeWait() {
    Tcb t = into(CLOSING);
    arrive(t, seg(t.rcvNxt(), t.sndNxt(), ACK));
    assertEquals(TIME_WAIT, t.state());
  }

  @Test
  void ackOfFinInLastAckCloses() {
    Tcb t = into(LAST_ACK);
    arrive(t, seg(t.rcvNxt(), t.sndNxt(), ACK));
    assertEquals(CLOSED, t.state());
    assertNull(t.error());
  }

  @Test
  void dataAfterFinIsIgnoredInCloseWait() {
    Tcb t = into(CLOSE_WAIT);
    int before = t.readable();
    arrive(t, data(t.rcvNxt(), t.sndNxt(), 10));
    assertEquals(before, t.readable());
    assertEquals(CLOSE_WAIT, t.state());
  }

  @Test
  void everyTransitionTakenInTheseScenariosIsAnEdge() {
    for (TcpState s : TcpState.values()) {
      SegmentArrivalTest fresh = new SegmentArrivalTest();
      fresh.into(s);
      for (SegmentChannel.Change c : fresh.ch.changes) {
        assertTrue(TcpDiagram.isEdge(c.from(), c.to()), c.toString());
      }
    }
  }
}
