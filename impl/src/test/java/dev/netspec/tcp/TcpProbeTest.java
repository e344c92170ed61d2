package dev.netspec.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The probe reports user calls, arrivals, transmissions, delivered text and timer expiries at
 * the points the model's actions end: a SEND before the segment it causes, an arrival before the
 * output it enables, a retransmission flagged as one.
 */
class TcpProbeTest {
  private static final long S = 1_000_000_000L;

  /** Writes each event as one line, with the TCB's state and SND.NXT at that moment. */
  private static final class Log implements TcpProbe {
    final List<String> lines = new ArrayList<>();
    private final Tcb a;

    Log(Tcb a) {
      this.a = a;
    }

    private String who(Tcb t) {
      return t == a ? "A" : "B";
    }

    @Override
    public void userCall(Tcb t, Call call, int bytes, long now) {
      lines.add(who(t) + " call " + call + " " + bytes + " " + t.state());
    }

    @Override
    public void segmentArrived(Tcb t, Segment seg, TcpState before, boolean replied,
        long now) {
      lines.add(who(t) + " arrived " + flags(seg) + " " + before + "->" + t.state());
    }

    @Override
    public void segmentSent(Tcb t, Segment seg, boolean rtx, long now) {
      lines.add(who(t) + " sent " + flags(seg) + " len " + seg.data().length + (rtx ? " rtx" : ""));
    }

    @Override
    public void delivered(Tcb t, SeqNum seq, int len, long now) {
      lines.add(who(t) + " delivered " + seq.minus(t.irs()) + "+" + len);
    }

    @Override
    public void timerExpired(Tcb t, Timer timer, long now) {
      lines.add(who(t) + " timer " + timer);
    }

    private static String flags(Segment s) {
      return (s.syn() ? "S" : "") + (s.fin() ? "F" : "") + (s.rst() ? "R" : "")
          + (s.ackFlag() ? "." : "");
    }
  }

  private final SegmentChannel ch = new SegmentChannel(3, SegmentChannel.Faults.none(),
      TcpConfig.forTests().withNoDelay(true), TcpConfig.forTests().withNoDelay(true));
  private final Log log = new Log(ch.a);

  TcpProbeTest() {
    ch.a.setProbe(log);
    ch.b.setProbe(log);
  }

  @Test
  void handshakeDataAndCloseAreReportedInTheModelsOrder() {
    ch.b.openPassive(0);
    ch.a.openActive(0);
    ch.settle();
    ch.a.send(new byte[] {1}, 0, 1, ch.now);
    ch.settle();
    ch.a.close(ch.now);
    ch.settle();
    ch.b.close(ch.now);
    ch.runUntil(ch.now + 10 * S);
    List<String> l = log.lines;
    // A reply formed by 3.10.7 itself (the SYN,ACK) is part of the arrival: sent before it is
    // reported; an ACK owed afterwards goes out with the output the arrival enables.
    assertEquals(List.of("B call PASSIVE_OPEN 0 LISTEN", "A sent S len 0",
        "A call ACTIVE_OPEN 0 SYN_SENT", "B sent S. len 0", "B arrived S LISTEN->SYN_RECEIVED",
        "A arrived S. SYN_SENT->ESTABLISHED", "A sent . len 0",
        "B arrived . SYN_RECEIVED->ESTABLISHED"), l.subList(0, 8));
    // SEND is reported before the data segment it causes (the model's Send, then Transmit).
    int send = l.indexOf("A call SEND 1 ESTABLISHED");
    assertEquals("A sent . len 1", l.get(send + 1));
    // The arrival is reported, then the text it delivered is already counted.
    assertTrue(l.contains("B delivered 1+1"), l.toString());
    assertTrue(l.indexOf("A call CLOSE 0 FIN_WAIT_1") < l.indexOf("A sent F. len 0"));
    assertEquals("A timer TIME_WAIT", l.get(l.size() - 1));
  }

  @Test
  void retransmittedSynIsFlagged() {
    ch.deliver = false;
    ch.a.openActive(0);
    ch.runUntil(ch.now + 2 * S);
    assertEquals(List.of("A sent S len 0", "A call ACTIVE_OPEN 0 SYN_SENT", "A sent S len 0 rtx",
        "A timer RETRANSMISSION"), log.lines);
  }

  @Test
  void withoutAProbeNothingIsRecorded() {
    ch.a.setProbe(null);
    ch.b.setProbe(null);
    ch.b.openPassive(0);
    ch.a.openActive(0);
    ch.settle();
    assertEquals(List.of(), log.lines);
    assertEquals(TcpState.ESTABLISHED, ch.a.state());
  }
}
