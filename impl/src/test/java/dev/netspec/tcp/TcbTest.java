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
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.wire.TcpView;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whole conversations between two TCBs over a perfect channel, state by state. */
class TcbTest {
  static final long S = 1_000_000_000L;

  private final SegmentChannel ch = new SegmentChannel(1, SegmentChannel.Faults.none(),
      TcpConfig.forTests(), TcpConfig.forTests());

  private List<TcpState> path(Tcb t) {
    List<TcpState> p = new java.util.ArrayList<>();
    for (SegmentChannel.Change c : ch.changes) {
      if (c.tcb() == t) {
        if (p.isEmpty()) {
          p.add(c.from());
        }
        p.add(c.to());
      }
    }
    return p;
  }

  private void establish() {
    ch.b.openPassive(0);
    ch.a.openActive(0);
    ch.settle();
    assertEquals(ESTABLISHED, ch.a.state());
    assertEquals(ESTABLISHED, ch.b.state());
  }

  @Test
  void threeWayHandshake() {
    establish();
    assertEquals(List.of(CLOSED, SYN_SENT, ESTABLISHED), path(ch.a));
    assertEquals(List.of(CLOSED, LISTEN, SYN_RECEIVED, ESTABLISHED), path(ch.b));
    List<Segment> fromA = ch.sentBy(ch.a, 0);
    List<Segment> fromB = ch.sentBy(ch.b, 0);
    assertEquals(TcpView.SYN, fromA.get(0).flags());
    assertEquals(TcpView.SYN | TcpView.ACK, fromB.get(0).flags());
    assertEquals(ch.a.iss().plus(1), fromB.get(0).ack());
    assertEquals(TcpView.ACK, fromA.get(1).flags());
    assertEquals(ch.b.iss().plus(1), fromA.get(1).ack());
    assertEquals(1460, ch.a.sendMss());
    assertEquals(2, ch.a.sendScale(), "window scale negotiated (RFC 7323)");
  }

  @Test
  void dataBothWaysThenOrderlyClose() {
    establish();
    byte[] hello = "hello, world".getBytes();
    assertEquals(hello.length, ch.a.send(hello, 0, hello.length, ch.now).bytes());
    ch.settle();
    byte[] got = new byte[100];
    assertEquals(hello.length, ch.b.receive(got, 0, 100, ch.now));
    assertArrayEquals(hello, java.util.Arrays.copyOf(got, hello.length));
    assertEquals(0, ch.b.receive(got, 0, 100, ch.now), "nothing more yet");

    ch.a.close(ch.now);
    ch.settle();
    assertEquals(FIN_WAIT_2, ch.a.state());
    assertEquals(CLOSE_WAIT, ch.b.state());
    assertEquals(-1, ch.b.receive(got, 0, 100, ch.now), "end of stream after the FIN");
    // Half-close: B may still send.
    ch.b.send("bye".getBytes(), 0, 3, ch.now);
    ch.settle();
    assertEquals(3, ch.a.receive(got, 0, 100, ch.now));
    ch.b.close(ch.now);
    ch.settle();
    assertEquals(TIME_WAIT, ch.a.state());
    assertEquals(CLOSED, ch.b.state());
    ch.runUntil(ch.now + 3 * S);
    assertEquals(CLOSED, ch.a.state());
    assertEquals(List.of(CLOSED, SYN_SENT, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, TIME_WAIT, CLOSED),
        path(ch.a));
    assertEquals(List.of(CLOSED, LISTEN, SYN_RECEIVED, ESTABLISHED, CLOSE_WAIT, LAST_ACK, CLOSED),
        path(ch.b));
    assertNull(ch.a.error());
    assertNull(ch.b.error());
  }

  @Test
  void simultaneousOpen() {
    ch.a.openActive(0);
    ch.b.openActive(0);
    ch.settle();
    assertEquals(ESTABLISHED, ch.a.state());
    assertEquals(ESTABLISHED, ch.b.state());
    assertEquals(List.of(CLOSED, SYN_SENT, SYN_RECEIVED, ESTABLISHED), path(ch.a));
    assertEquals(List.of(CLOSED, SYN_SENT, SYN_RECEIVED, ESTABLISHED), path(ch.b));
  }

  @Test
  void simultaneousClose() {
    establish();
    ch.a.close(ch.now);
    ch.b.close(ch.now);
    ch.settle();
    assertEquals(TIME_WAIT, ch.a.state());
    assertEquals(TIME_WAIT, ch.b.state());
    assertTrue(path(ch.a).contains(CLOSING));
    ch.runUntil(ch.now + 3 * S);
    assertEquals(CLOSED, ch.a.state());
    assertEquals(CLOSED, ch.b.state());
    assertEquals(List.of(CLOSED, SYN_SENT, ESTABLISHED, FIN_WAIT_1, CLOSING, TIME_WAIT, CLOSED),
        path(ch.a));
  }

  @Test
  void connectionRefusedByReset() {
    ch.a.openActive(0); // B is CLOSED: it answers the SYN with <SEQ=0><ACK=ISS+1><CTL=RST,ACK>
    ch.settle();
    assertEquals(CLOSED, ch.a.state());
    assertEquals(TcpError.REFUSED, ch.a.error());
    Segment rst = ch.sentBy(ch.b, 0).get(0);
    assertEquals(TcpView.RST | TcpView.ACK, rst.flags());
    assertEquals(ch.a.iss().plus(1), rst.ack());
  }

  @Test
  void abortSendsResetAndPeerReportsIt() {
    establish();
    ch.a.abort(ch.now);
    ch.settle();
    assertEquals(CLOSED, ch.a.state());
    assertEquals(CLOSED, ch.b.state());
    assertEquals(TcpError.ABORTED, ch.a.error());
    assertEquals(TcpError.RESET, ch.b.error());
  }

  @Test
  void timeWaitLastsTwoMsl() {
    establish();
    ch.a.close(ch.now);
    ch.settle();
    ch.b.close(ch.now);
    ch.settle();
    long entered = ch.changes.stream().filter(c -> c.to() == TIME_WAIT).findFirst().orElseThrow()
        .at();
    ch.runUntil(ch.now + 5 * S);
    long left = ch.changes.stream().filter(c -> c.from() == TIME_WAIT).findFirst().orElseThrow()
        .at();
    assertEquals(2 * TcpConfig.forTests().mslNs(), left - entered);
  }

  @Test
  void lostSynIsRetransmittedAfterTheInitialRto() {
    ch.b.openPassive(0);
    ch.setFaults(new SegmentChannel.Faults(1.0, 0, 0, 1_000_000L, 0));
    ch.a.openActive(0);
    ch.setFaults(SegmentChannel.Faults.none());
    ch.runUntil(2 * S);
    assertEquals(ESTABLISHED, ch.a.state());
    List<Segment> syns = ch.sentBy(ch.a, 0).stream().filter(Segment::syn).toList();
    assertEquals(2, syns.size());
    assertEquals(syns.get(0).seq(), syns.get(1).seq());
    SegmentChannel.Sent second = ch.log.stream().filter(s -> s.from() == ch.a && s.segment().syn())
        .skip(1).findFirst().orElseThrow();
    assertEquals(TcpConfig.forTests().rtoInitialNs(), second.at(), "RFC 6298 2.1: RTO 1 s");
  }

  @Test
  void retransmissionBacksOffExponentiallyThenGivesUp() {
    ch.setFaults(new SegmentChannel.Faults(1.0, 0, 0, 1_000_000L, 0));
    ch.a.openActive(0);
    ch.runUntil(10_000 * S);
    assertEquals(CLOSED, ch.a.state());
    assertEquals(TcpError.TIMED_OUT, ch.a.error());
    List<Long> times = ch.log.stream().filter(s -> s.from() == ch.a).map(SegmentChannel.Sent::at)
        .toList();
    assertEquals(1 + TcpConfig.forTests().maxRetransmissions(), times.size());
    for (int i = 1; i < times.size() - 1; i++) {
      long gap = times.get(i + 1) - times.get(i);
      long prev = times.get(i) - times.get(i - 1);
      assertEquals(Math.min(2 * prev, TcpConfig.forTests().rtoMaxNs()), gap, "RFC 6298 5.5");
    }
  }

  @Test
  void rttEstimateFollowsRfc6298() {
    ch.setFaults(new SegmentChannel.Faults(0, 0, 0, 50_000_000L, 0)); // 100 ms round trip
    ch.b.openPassive(0);
    ch.a.openActive(0);
    ch.runUntil(S / 2);
    assertEquals(ESTABLISHED, ch.a.state());
    // First sample from the handshake: SRTT = R, RTO = max(1 s, R + 4 * R/2) = 1 s.
    assertEquals(100_000_000L, ch.a.srttNs());
    assertEquals(1 * S, ch.a.rtoNs());
  }

  @Test
  void delayedAckAcknowledgesEverySecondSegment() {
    establish();
    int before = ch.log.size();
    assertTrue(ch.a.timestampsOn(), "RFC 7323 timestamps negotiated by default");
    byte[] two = new byte[2 * (1460 - 12)]; // two full segments: MSS less the timestamps option
    ch.a.send(two, 0, two.length, ch.now);
    ch.settle();
    List<Segment> acks = ch.sentBy(ch.b, before);
    assertEquals(1, acks.size(), "one ACK for two full segments: " + ch.log.subList(before, ch.log.size()));
    before = ch.log.size();
    ch.a.send(new byte[10], 0, 10, ch.now);
    long sentAt = ch.now;
    ch.runUntil(ch.now + S / 2);
    SegmentChannel.Sent ack = ch.log.stream().skip(before).filter(s -> s.from() == ch.b)
        .findFirst().orElseThrow();
    assertEquals(sentAt + 1_000_000L + TcpConfig.forTests().delayedAckNs(), ack.at(),
        "a lone segment is acknowledged after the delayed-ACK timeout");
  }

  @Test
  void nagleHoldsSmallSegmentsWhileDataIsInFlight() {
    establish();
    int before = ch.log.size();
    ch.a.send(new byte[10], 0, 10, ch.now);
    ch.a.send(new byte[10], 0, 10, ch.now);
    ch.a.send(new byte[10], 0, 10, ch.now);
    assertEquals(1, ch.sentBy(ch.a, before).size(), "Nagle: one small segment in flight");
    ch.settle();
    ch.runUntil(ch.now + S);
    byte[] got = new byte[100];
    assertEquals(30, ch.b.receive(got, 0, 100, ch.now));
  }

  @Test
  void noDelaySendsEverySmallSegmentAtOnce() {
    SegmentChannel nd = new SegmentChannel(2, SegmentChannel.Faults.none(),
        TcpConfig.forTests().withNoDelay(true), TcpConfig.forTests());
    nd.b.openPassive(0);
    nd.a.openActive(0);
    nd.settle();
    int before = nd.log.size();
    for (int i = 0; i < 3; i++) {
      nd.a.send(new byte[10], 0, 10, nd.now);
    }
    assertEquals(3, nd.sentBy(nd.a, before).size());
  }

  @Test
  void zeroWindowIsProbedAndReopened() {
    SegmentChannel z = new SegmentChannel(3, SegmentChannel.Faults.none(), TcpConfig.forTests(),
        TcpConfig.forTests().withBuffers(65536, 4000).withWindowScale(-1));
    z.b.openPassive(0);
    z.a.openActive(0);
    z.settle();
    byte[] data = new byte[10_000];
    int sent = z.a.send(data, 0, data.length, z.now).bytes();
    assertEquals(10_000, sent);
    z.runUntil(z.now + 1_000 * S); // far longer than the retransmission give-up time
    assertEquals(0, z.b.rcvWndAdvertised(), "receiver full");
    assertEquals(ESTABLISHED, z.a.state(), "a closed window is never a reason to give up");
    long probes = z.sentBy(z.a, 0).stream().filter(s -> s.data().length == 0
        && s.seq().equals(z.a.sndUna().plus(-1))).count();
    assertTrue(probes >= 1, "zero-window probes sent");
    byte[] got = new byte[10_000];
    int total = 0;
    for (int i = 0; i < 100 && total < 10_000; i++) {
      total += Math.max(0, z.b.receive(got, total, 10_000 - total, z.now));
      z.runUntil(z.now + S);
    }
    assertEquals(10_000, total);
    assertEquals(ESTABLISHED, z.a.state());
  }

  @Test
  void sackRecoveryRetransmitsOnlyTheHoles() {
    establish();
    assertTrue(ch.a.sackOn());
    SeqNum start = ch.a.sndNxt();
    int seg = 1460 - 12;
    java.util.Set<Integer> lost = new java.util.HashSet<>(List.of(12, 15));
    java.util.Set<Integer> droppedOnce = new java.util.HashSet<>();
    ch.dropIf = (t, s) -> {
      if (t != ch.a || s.data().length == 0) {
        return false;
      }
      int index = s.seq().minus(start) / seg;
      return lost.contains(index) && droppedOnce.add(index); // only the first transmission
    };
    byte[] data = new byte[40 * seg]; // long enough for cwnd to allow 3 duplicate ACKs
    new java.util.Random(5).nextBytes(data);
    ch.a.setNoDelay(true, ch.now);
    int off = 0;
    byte[] got = new byte[data.length];
    int read = 0;
    for (int round = 0; round < 1000 && read < data.length; round++) {
      off += ch.a.send(data, off, data.length - off, ch.now).bytes();
      ch.runUntil(ch.now + 10_000_000L);
      ch.now += 1_000_000L; // runUntil stops at the last event; move the clock on
      read += Math.max(0, ch.b.receive(got, read, got.length - read, ch.now));
    }
    assertArrayEquals(data, got);
    StringBuilder trace = new StringBuilder();
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (SegmentChannel.Sent x : ch.log) {
      if (x.from() == ch.a && x.segment().data().length > 0
          && !seen.add(x.segment().seq().minus(start))) {
        trace.append(x.at()).append(":").append(x.segment().seq().minus(start) / seg).append(' ');
      }
    }
    String why = "fast=" + ch.a.fastRetransmits() + " sack=" + ch.a.sackRetransmits()
        + " resent (time:segment) " + trace;
    assertTrue(ch.a.retransmissions() <= 3, "no go-back-N: " + why);
    assertEquals(1, ch.a.fastRetransmits(), why);
    assertTrue(ch.a.sackRetransmits() >= 1, "the second hole found from the scoreboard: " + why);
    assertEquals(trace.indexOf(":15 "), trace.lastIndexOf(":15 "),
        "the second hole is not sent twice: " + why);
    assertTrue(ch.sentBy(ch.b, 0).stream().anyMatch(s -> !s.options().sackBlocks().isEmpty()),
        "the receiver reported SACK blocks");
  }

  @Test
  void closeWhileSynSentAndListenDeletesTheTcb() {
    ch.b.openPassive(0);
    assertEquals(TcpResult.OK, ch.b.close(0));
    assertEquals(CLOSED, ch.b.state());
    ch.deliver = false;
    ch.a.openActive(0);
    assertEquals(TcpResult.OK, ch.a.close(0));
    assertEquals(List.of(CLOSED, SYN_SENT, CLOSED), path(ch.a));
  }

  @Test
  void userCallsAfterCloseAreRefused() {
    establish();
    ch.a.close(ch.now);
    assertEquals(TcpResult.CLOSING, ch.a.send(new byte[1], 0, 1, ch.now).result());
    assertEquals(TcpResult.CLOSING, ch.a.close(ch.now));
    assertEquals(FIN_WAIT_1, ch.a.state());
  }

  @Test
  void closeInCloseWaitGoesToLastAck() {
    establish();
    ch.a.close(ch.now);
    ch.settle();
    ch.deliver = false;
    ch.b.close(ch.now);
    assertEquals(LAST_ACK, ch.b.state());
  }
}
