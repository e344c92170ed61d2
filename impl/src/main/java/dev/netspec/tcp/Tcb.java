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

import dev.netspec.fault.Fault;
import dev.netspec.fault.Faults;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.TcpOptions;
import dev.netspec.wire.TcpView;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One TCP connection's transmission control block and state machine (RFC 9293 3.3.1, 3.10),
 * sans-I/O: inputs are the user calls of 3.10.1-3.10.6, {@link #segmentArrives} (3.10.7) and
 * {@link #onTimer} (3.10.8), each with the virtual time {@code now}; outputs are segments handed
 * to an {@link Output} and state changes reported to {@link TransitionListener}s. Nothing here
 * reads a clock, starts a thread or allocates a packet buffer.
 *
 * <p>Every state change goes through {@link #transition}, which refuses any change that is not an
 * edge of {@link TcpDiagram#EDGES} (a bug would throw, loudly, rather than go unnoticed).
 *
 * <p>Beyond 3.10: retransmission timer with RTT estimation, Karn's rule and exponential backoff
 * (RFC 6298); delayed ACKs with an ACK for at least every second full segment (RFC 9293 3.8.6.3,
 * RFC 5681 4.2); Nagle (RFC 9293 3.7.4) unless TCP_NODELAY; sender and receiver silly window
 * avoidance (3.8.6.2); zero-window probes (3.8.6.1); window scaling (RFC 7323 2); NewReno
 * congestion control (RFC 5681, RFC 6582); RFC 5961 challenge ACKs against blind RST, SYN and
 * data injection; RFC 1337's TIME-WAIT protection (RST ignored in TIME-WAIT).
 *
 * <p>The send sequence space (RFC 9293 Figure 3), as held here:
 *
 * <pre>
 *   ISS   SND.UNA        sendPtr        SND.NXT             SND.UNA+SND.WND
 *    |  SYN |  sent, unacknowledged  |   not yet sent (sndBuf)   | not allowed
 *           ^ sndBuf byte 0 = sndBufSeq                 bufEnd ^ FIN (if closed)
 * </pre>
 *
 * {@code sendPtr} is where the next (re)transmission starts: it equals SND.NXT except after a
 * retransmission timeout, when it goes back to SND.UNA (go-back-N, RFC 5681 3.1's loss window).
 */
public final class Tcb {

  /** Where segments leave (the TCP layer prepends the header and hands them to IP). */
  @FunctionalInterface
  public interface Output {
    void send(Tcb tcb, Segment segment, long now);

    /**
     * Whether {@link #send} is done with the segment's payload when it returns (copies it into a
     * packet and keeps no reference): then data goes out as a view of the send buffer, copied
     * once, straight into the packet ({@link Segment#inSendBuffer}). The default, false, hands
     * out segments with arrays of their own, which an output may keep (a test's wire, the
     * conformance pair).
     */
    default boolean copiesPayloadAtOnce() {
      return false;
    }
  }

  /** Observes every state change (probes, tests, the socket layer). */
  @FunctionalInterface
  public interface TransitionListener {
    void onTransition(Tcb tcb, TcpState from, TcpState to, String cause, long now);
  }

  /** The result of SEND: bytes accepted into the send buffer, or why none could be. */
  public record Sent(TcpResult result, int bytes) {}

  private static final long NEVER = Long.MAX_VALUE;
  private static final int DEFAULT_MSS = 536; // RFC 9293 3.7.1, MUST-15
  private static final long CLOCK_GRANULARITY_NS = 1_000_000L; // G of RFC 6298 2
  private static final int MAX_OUT_OF_ORDER = 64; // segments held for reassembly
  /** Challenge ACKs per second per connection (RFC 5961 7 suggests a system-wide limit). */
  static final int CHALLENGE_ACK_LIMIT = 10;

  // ---- identity
  private final Ipv4Addr localAddress;
  private final int localPort;
  private Ipv4Addr remoteAddress;
  private int remotePort;
  private final TcpConfig cfg;
  private final IsnGenerator isnGen;
  private final Output out;
  /** RFC 5681 3.2 / RFC 6675 2: duplicate ACKs that signal loss. */
  private static final int DUP_THRESH = 3;

  private final List<TransitionListener> listeners = new ArrayList<>();
  private TcpProbe probe; // null: no probe (the common case, one null check per event)

  // ---- state
  private TcpState state = CLOSED;
  private boolean passive;
  private TcpError error;
  private boolean noDelay;

  // ---- send sequence variables (RFC 9293 3.3.1)
  private SeqNum iss;
  private SeqNum sndUna;
  private SeqNum sndNxt;
  private SeqNum sendPtr;
  private int sndWnd;
  private int maxSndWnd;
  private SeqNum sndWl1;
  private SeqNum sndWl2;
  private int sndMss = DEFAULT_MSS;
  private int sndScale;
  private int rcvScale;
  private boolean windowScaling;
  private final ByteRing sndBuf;
  private SeqNum sndBufSeq;
  private boolean finQueued;

  // ---- receive sequence variables
  private SeqNum irs;
  private SeqNum rcvNxt;
  private SeqNum rcvAdv; // right edge of the last window we advertised
  private final ByteRing rcvBuf;
  private boolean finReceived;
  private final List<Pending> outOfOrder = new ArrayList<>();

  private record Pending(SeqNum seq, byte[] data, boolean fin) {}

  // ---- SACK (RFC 2018)
  private boolean sackOk;
  private final List<SeqNum[]> scoreboard = new ArrayList<>(); // SACKed [left, right), sorted
  private SeqNum highRxt; // end of the last hole retransmitted in this recovery (RFC 6675 HighRxt)
  private SeqNum rescueRxt; // RFC 6675 4 rule 4: RecoveryPoint of the last rescue retransmission
  private SeqNum lastOutOfOrder; // start of the most recently received out-of-order segment
  private long sackRetransmits;

  // ---- timestamps (RFC 7323 3-5)
  private boolean tsOk;
  private int tsRecent;
  private SeqNum lastAckSent;
  private long pawsDrops;

  // ---- timers (absolute virtual times, NEVER when off)
  private long rtxAt = NEVER;
  private long delAckAt = NEVER;
  private long timeWaitAt = NEVER;
  private long persistAt = NEVER;
  private long keepaliveAt = NEVER;
  private int retransmits;
  private int persistProbes;
  private boolean synRetransmission; // set while the RTO resends our SYN (for the probe)
  private int keepaliveProbes;

  // ---- RTT estimation (RFC 6298)
  private long srtt = -1;
  private long rttvar;
  private long rto;
  private SeqNum rttSeq; // the segment being timed ends here (Karn: only new data is timed)
  private long rttSentAt;

  // ---- ACK generation
  private int unackedSegments;
  private boolean ackNow;

  // ---- congestion control (RFC 5681, RFC 6582)
  private long cwnd;
  private long ssthresh = Long.MAX_VALUE;
  private int dupAcks;
  private boolean inRecovery;
  private long limitedTransmits;
  private SeqNum recover;

  // ---- counters
  private long segmentsSent;
  private long segmentsReceived;
  private long retransmissions;
  private long challengeAcks;
  private long challengeAcksSuppressed;
  private long challengeWindowStart = Long.MIN_VALUE / 2;
  private int challengesInWindow;
  private long fastRetransmits;
  private long outOfOrderDrops;

  public Tcb(Ipv4Addr localAddress, int localPort, Ipv4Addr remoteAddress, int remotePort,
      TcpConfig cfg, IsnGenerator isnGen, Output out) {
    this.localAddress = localAddress;
    this.localPort = localPort;
    this.remoteAddress = remoteAddress;
    this.remotePort = remotePort;
    this.cfg = cfg;
    this.isnGen = isnGen;
    this.out = out;
    this.sndBuf = new ByteRing(cfg.sendBuffer());
    this.rcvBuf = new ByteRing(cfg.receiveBuffer());
    this.rto = cfg.rtoInitialNs();
    this.noDelay = cfg.noDelay();
  }

  /** TCP_NODELAY: turns the Nagle algorithm off (or back on) for this connection. */
  public void setNoDelay(boolean on, long now) {
    noDelay = on;
    output(now);
  }

  public void addListener(TransitionListener l) {
    listeners.add(l);
  }

  /** Attaches a probe (null detaches it). */
  public void setProbe(TcpProbe p) {
    probe = p;
  }

  public TcpProbe probe() {
    return probe;
  }

  // ================================================================ the one place states change

  /**
   * Changes the state to {@code to}, after checking that the change is an edge of the RFC 9293
   * diagram, and tells every listener. {@code cause} names the event and section.
   */
  private void transition(TcpState to, String cause, long now) {
    TcpState from = state;
    if (!TcpDiagram.isEdge(from, to)) {
      throw new IllegalStateException("illegal TCP state change " + from + " -> " + to + " ("
          + cause + ")");
    }
    state = to;
    if (to == CLOSED || to == TIME_WAIT || to == LISTEN) {
      rtxAt = NEVER;
      delAckAt = NEVER;
      persistAt = NEVER;
      keepaliveAt = NEVER;
    }
    if (to == CLOSED) {
      timeWaitAt = NEVER;
      outOfOrder.clear();
      sndBuf.clear();
    }
    for (TransitionListener l : listeners) {
      l.onTransition(this, from, to, cause, now);
    }
  }

  // ================================================================ user calls (3.10.1 - 3.10.6)

  /** OPEN, passive (3.10.1): CLOSED -> LISTEN. */
  public TcpResult openPassive(long now) {
    if (state != CLOSED) {
      return TcpResult.ALREADY_EXISTS;
    }
    passive = true;
    transition(LISTEN, "3.10.1 OPEN (passive)", now);
    if (probe != null) {
      probe.userCall(this, TcpProbe.Call.PASSIVE_OPEN, 0, now);
    }
    return TcpResult.OK;
  }

  /** OPEN, active (3.10.1): select an ISS, send SYN, CLOSED -> SYN-SENT. */
  public TcpResult openActive(long now) {
    if (state != CLOSED) {
      return TcpResult.ALREADY_EXISTS;
    }
    if (remoteAddress.isUnspecified() || remotePort == 0) {
      return TcpResult.FOREIGN_UNSPECIFIED;
    }
    passive = false;
    startSending(now);
    transition(SYN_SENT, "3.10.1 OPEN (active): snd SYN", now);
    sendSyn(false, now);
    timeSyn(now);
    if (probe != null) {
      probe.userCall(this, TcpProbe.Call.ACTIVE_OPEN, 0, now);
    }
    return TcpResult.OK;
  }

  private void startSending(long now) {
    iss = isnGen.isn(localAddress, localPort, remoteAddress, remotePort, now);
    sndUna = iss;
    sndNxt = iss.plus(1);
    sendPtr = sndNxt;
    sndBufSeq = iss.plus(1);
    recover = iss;
    cwnd = initialWindow();
  }

  /** RFC 5681 3.1, equation 1 (RFC 3390): IW = min(4*SMSS, max(2*SMSS, 4380 bytes)). */
  private long initialWindow() {
    return Math.min(4L * sndMss, Math.max(2L * sndMss, 4380));
  }

  /**
   * SEND (3.10.2): queues as much of {@code data[off, off+len)} as the send buffer takes, and
   * sends what the windows, Nagle and silly-window avoidance allow.
   */
  public Sent send(byte[] data, int off, int len, long now) {
    switch (state) {
      case CLOSED -> {
        return new Sent(error != null ? TcpResult.FAILED : TcpResult.NOT_CONNECTED, 0);
      }
      case LISTEN -> {
        // "If the foreign socket is specified, then change the connection from passive to
        // active, select an ISS" -- this stack's listeners never have one.
        if (remoteAddress.isUnspecified() || remotePort == 0) {
          return new Sent(TcpResult.FOREIGN_UNSPECIFIED, 0);
        }
        passive = false;
        startSending(now);
        transition(SYN_SENT, "3.10.2 SEND in LISTEN: snd SYN", now);
        sendSyn(false, now);
        int n = sndBuf.write(data, off, len);
        if (probe != null) {
          probe.userCall(this, TcpProbe.Call.SEND, n, now);
        }
        return new Sent(TcpResult.OK, n);
      }
      case SYN_SENT, SYN_RECEIVED -> {
        // "Queue the data for transmission after entering ESTABLISHED state."
        int n = finQueued ? 0 : sndBuf.write(data, off, len);
        if (probe != null && n > 0) {
          probe.userCall(this, TcpProbe.Call.SEND, n, now);
        }
        return new Sent(finQueued ? TcpResult.CLOSING : TcpResult.OK, n);
      }
      case ESTABLISHED, CLOSE_WAIT -> {
        int n = sndBuf.write(data, off, len);
        if (probe != null && n > 0) {
          probe.userCall(this, TcpProbe.Call.SEND, n, now); // before output: SEND only queues
        }
        output(now);
        return new Sent(TcpResult.OK, n);
      }
      default -> {
        return new Sent(TcpResult.CLOSING, 0); // FIN-WAIT-*, CLOSING, LAST-ACK, TIME-WAIT
      }
    }
  }

  /**
   * RECEIVE (3.10.3): copies up to {@code len} in-order bytes into {@code into}. Returns the count,
   * 0 if nothing is there yet (the caller would block), or -1 at the end of the stream (the
   * remote FIN has been received and every byte before it read).
   */
  public int receive(byte[] into, int off, int len, long now) {
    if (rcvBuf.size() == 0) {
      return finReceived ? -1 : 0;
    }
    int n = rcvBuf.read(into, off, len);
    // Receiver SWS avoidance (3.8.6.2.2): announce the reopened window once it has grown by
    // min(buffer/2, MSS) beyond what the peer knows; smaller openings wait for other traffic.
    if (state.synchronized_() && !finReceived) {
      int known = Math.max(0, rcvAdv.minus(rcvNxt));
      if (advertisableWindow() - known >= Math.min(rcvBuf.capacity() / 2, sndMss)) {
        sendAck(now);
      }
    }
    return n;
  }

  /**
   * CLOSE (3.10.4): "I have no more to send". Queues a FIN after the queued data; the state
   * changes at once as Figure 5 draws it.
   */
  public TcpResult close(long now) {
    switch (state) {
      case CLOSED -> {
        return TcpResult.NOT_CONNECTED;
      }
      case LISTEN, SYN_SENT -> {
        transition(CLOSED, "3.10.4 CLOSE in " + state.rfcName() + ": delete TCB", now);
        if (probe != null) {
          probe.userCall(this, TcpProbe.Call.CLOSE, 0, now);
        }
        return TcpResult.OK;
      }
      case SYN_RECEIVED, ESTABLISHED -> {
        // In SYN-RECEIVED 3.10.4 sends the FIN at once if nothing is queued, else after the
        // queued data: output() does both, since FIN-WAIT-1 is a state that may send.
        finQueued = true;
        transition(FIN_WAIT_1, "3.10.4 CLOSE: snd FIN", now);
        if (probe != null) {
          probe.userCall(this, TcpProbe.Call.CLOSE, 0, now);
        }
        output(now);
        return TcpResult.OK;
      }
      case CLOSE_WAIT -> {
        finQueued = true;
        transition(LAST_ACK, "3.10.4 CLOSE in CLOSE-WAIT: snd FIN", now);
        if (probe != null) {
          probe.userCall(this, TcpProbe.Call.CLOSE, 0, now);
        }
        output(now);
        return TcpResult.OK;
      }
      default -> {
        return TcpResult.CLOSING; // "error: connection closing"
      }
    }
  }

  /** ABORT (3.10.5): RST in the synchronized states and SYN-RECEIVED, then CLOSED. */
  public void abort(long now) {
    switch (state) {
      case CLOSED -> {
        return;
      }
      case SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT -> {
        emit(Segment.control(sndNxt, SeqNum.of(0), TcpView.RST, 0), now);
        error = TcpError.ABORTED;
        transition(CLOSED, "3.10.5 ABORT: snd RST", now);
      }
      default -> {
        error = TcpError.ABORTED;
        transition(CLOSED, "3.10.5 ABORT in " + state.rfcName(), now);
      }
    }
    if (probe != null) {
      probe.userCall(this, TcpProbe.Call.ABORT, 0, now);
    }
  }

  // ================================================================ SEGMENT ARRIVES (3.10.7)

  /**
   * The reply a host with no connection sends to {@code seg} (3.10.7.1, "If the state is CLOSED
   * (i.e., TCB does not exist)"), or null: an incoming RST is discarded.
   */
  public static Segment resetFor(Segment seg) {
    if (seg.rst()) {
      return null;
    }
    if (!seg.ackFlag()) {
      return Segment.control(SeqNum.of(0), seg.seq().plus(seg.len()), TcpView.RST | TcpView.ACK,
          0);
    }
    return Segment.control(seg.ack(), SeqNum.of(0), TcpView.RST, 0);
  }

  /** Processes one arriving segment, following 3.10.7 step by step. */
  public void segmentArrives(Segment seg, long now) {
    segmentsReceived++;
    TcpState before = state;
    long sentBefore = segmentsSent;
    switch (state) {
      case CLOSED -> {
        Segment r = resetFor(seg);
        if (r != null) {
          emit(r, now);
        }
      }
      case LISTEN -> listen(seg, now);
      case SYN_SENT -> synSent(seg, now);
      default -> otherwise(seg, now);
    }
    if (probe != null) {
      // Reported before the output the arrival enables; a reply is what 3.10.7 sent or owes.
      probe.segmentArrived(this, seg, before, segmentsSent != sentBefore || ackNow, now);
    }
    if (state != CLOSED && state != LISTEN) {
      output(now);
      if (ackNow) {
        sendAck(now);
      }
    }
    restartKeepalive(now);
  }

  /** 3.10.7.2. */
  private void listen(Segment seg, long now) {
    if (seg.rst()) {
      return; // "An incoming RST should be ignored."
    }
    if (seg.ackFlag()) {
      // "Any acknowledgment is bad if it arrives on a connection still in the LISTEN state."
      emit(Segment.control(seg.ack(), SeqNum.of(0), TcpView.RST, 0), now);
      return;
    }
    if (!seg.syn()) {
      return; // "Any other control or text-bearing segment ... drop it and return."
    }
    rcvNxt = seg.seq().plus(1);
    irs = seg.seq();
    negotiate(seg, cfg.windowScale() >= 0 && seg.options().windowScale() >= 0);
    startSending(now);
    sndWnd = seg.window(); // never scaled in a SYN (RFC 7323 2.2)
    maxSndWnd = sndWnd;
    sndWl1 = seg.seq();
    sndWl2 = iss;
    rcvAdv = rcvNxt;
    transition(SYN_RECEIVED, "3.10.7.2 rcv SYN: snd SYN,ACK", now);
    sendSyn(true, now);
    timeSyn(now);
    // Text carried by the SYN is not queued: it is not acknowledged, so the peer resends it.
  }

  /**
   * Rebuilds the SYN-RECEIVED state a SYN cookie stood for (RFC 4987 3.6): the listener answered
   * the SYN {@code <SEQ=irs>} statelessly with {@code <SEQ=iss><ACK=irs+1><CTL=SYN,ACK>} and a
   * window of {@code advertised}; the ACK that proves it arrives next. LISTEN -> SYN-RECEIVED, as
   * if the SYN had been processed here. Window scaling, SACK and timestamps are restored when the
   * ACK echoes a cookie TSval (see {@link SynCookies}); otherwise the connection runs without them.
   *
   * @param ack the ACK that carried the cookie (its timestamps, if any, hold the options)
   */
  void restoreFromCookie(SeqNum irs, SeqNum cookieIss, int mss, int advertised, Segment ack,
      long now) {
    if (state != LISTEN) {
      throw new IllegalStateException("a cookie restores a TCB in LISTEN, not " + state);
    }
    this.irs = irs;
    rcvNxt = irs.plus(1);
    rcvAdv = rcvNxt.plus(advertised);
    sndMss = Math.min(cfg.mss(), mss);
    windowScaling = false;
    sndScale = 0;
    rcvScale = 0;
    tsOk = false;
    sackOk = false;
    TcpOptions.Timestamps ts = ack.options().timestamps();
    if (cfg.timestamps() && ts != null) {
      // RFC 7323 3.2: both SYNs carried timestamps (the cookie SYN,ACK only does when the SYN
      // did); the echoed TSval holds the rest of the SYN's options.
      SynCookies.Options o = SynCookies.decodeTsecr(ts.echoReply());
      tsOk = true;
      tsRecent = ts.value();
      sackOk = cfg.sack() && o.sackPermitted();
      if (o.windowScale() >= 0 && cfg.windowScale() >= 0) {
        windowScaling = true; // RFC 7323 2.2: both SYNs carried the option
        sndScale = o.windowScale();
        rcvScale = cfg.windowScale();
      }
    }
    iss = cookieIss;
    sndUna = iss;
    sndNxt = iss.plus(1);
    sendPtr = sndNxt;
    sndBufSeq = iss.plus(1);
    recover = iss;
    cwnd = initialWindow();
    sndWl1 = irs;
    sndWl2 = iss;
    transition(SYN_RECEIVED, "3.10.7.2 rcv SYN (answered by a SYN cookie, RFC 4987 3.6)", now);
  }

  /** 3.10.7.3. */
  private void synSent(Segment seg, long now) {
    // first check the ACK bit
    if (seg.ackFlag() && (seg.ack().le(iss) || seg.ack().gt(sndNxt))) {
      if (!seg.rst()) {
        emit(Segment.control(seg.ack(), SeqNum.of(0), TcpView.RST, 0), now);
      }
      return;
    }
    boolean ackAcceptable = seg.ackFlag(); // SND.UNA = ISS < SEG.ACK =< SND.NXT by the test above
    // second check the RST bit
    if (seg.rst()) {
      // RFC 5961 3.2 keeps 9293's rule here: only an RST acknowledging our SYN counts.
      if (ackAcceptable) {
        error = TcpError.REFUSED;
        transition(CLOSED, "3.10.7.3 rcv RST,ACK in SYN-SENT: connection refused", now);
      }
      return;
    }
    // fourth check the SYN bit (no security/precedence: third step not implemented)
    if (!seg.syn()) {
      return; // fifth: "If neither of the SYN or RST bits is set, then drop the segment"
    }
    rcvNxt = seg.seq().plus(1);
    irs = seg.seq();
    negotiate(seg, cfg.windowScale() >= 0 && seg.options().windowScale() >= 0);
    rcvAdv = rcvNxt;
    sndWnd = seg.window();
    maxSndWnd = sndWnd;
    sndWl1 = seg.seq();
    sndWl2 = seg.ack();
    if (ackAcceptable) {
      sndUna = seg.ack();
      sampleRtt(now, seg.ack());
      retransmits = 0;
      rtxAt = NEVER;
    }
    if (sndUna.gt(iss)) {
      transition(ESTABLISHED, "3.10.7.3 rcv SYN,ACK: snd ACK", now);
      ackNow = true;
    } else {
      // Simultaneous open (Figure 8): "enter SYN-RECEIVED, form a SYN,ACK segment".
      transition(SYN_RECEIVED, "3.10.7.3 rcv SYN (simultaneous open): snd SYN,ACK", now);
      sendSyn(true, now);
    }
  }

  /** Options of a received SYN (MSS: 3.7.1; window scale: RFC 7323 2.2 and 2.3). */
  private void negotiate(Segment syn, boolean scaling) {
    TcpOptions o = syn.options();
    // RFC 7323 3.2: timestamps are used only if both SYNs carried the option.
    tsOk = cfg.timestamps() && o.timestamps() != null;
    sackOk = cfg.sack() && o.sackPermitted(); // RFC 2018 2: both SYNs carried SACK-permitted
    if (tsOk) {
      tsRecent = o.timestamps().value();
    }
    sndMss = Math.min(cfg.mss(), o.mss() > 0 ? o.mss() : DEFAULT_MSS);
    windowScaling = scaling;
    if (scaling) {
      sndScale = Math.min(14, o.windowScale()); // RFC 7323 2.3: use 14 if larger
      rcvScale = cfg.windowScale();
    } else {
      sndScale = 0;
      rcvScale = 0;
    }
    cwnd = initialWindow(); // IW depends on the MSS just learnt
  }

  /** 3.10.7.4: SYN-RECEIVED and every synchronized state. */
  private void otherwise(Segment seg, long now) {
    TcpOptions.Timestamps ts = seg.options().timestamps();
    // RFC 7323 5.3 R1 (PAWS), before the sequence number check: a segment whose TSval is older
    // than TS.Recent is an old duplicate; acknowledge (unless RST) and drop.
    if (tsOk && ts != null && !seg.rst() && ts.value() - tsRecent < 0) {
      pawsDrops++;
      ackNow = true;
      return;
    }
    // ---- first check sequence number
    int rw = rcvWnd();
    boolean rstAnywhere = seg.rst() && state != TIME_WAIT
        && Faults.active(Fault.RST_OUTSIDE_WINDOW_ACCEPTED);
    if (rstAnywhere) {
      // WRONG on purpose (mutation testing): a RST is believed whatever its sequence number.
      // RFC 5961 3.2 (RFC 9293 3.10.7.4 first and second steps): only a RST in the window is
      // looked at, and only one exactly at RCV.NXT resets; others are dropped or challenged.
      seg = new Segment(rcvNxt, seg.ack(), seg.flags(), seg.window(), seg.options(),
          Segment.NO_DATA);
    }
    if (!acceptable(seg, rw)) {
      if (rw == 0 && seg.seq().equals(rcvNxt) && seg.ackFlag() && !seg.syn()) {
        // "special allowance should be made to accept valid ACKs, URGs, and RSTs" in a zero
        // window: keep the control part, drop the text and FIN.
        seg = new Segment(seg.seq(), seg.ack(), seg.flags() & ~TcpView.FIN, seg.window(),
            seg.options(), Segment.NO_DATA);
      } else {
        if (state == TIME_WAIT && seg.fin()) {
          timeWaitAt = arm(now + 2 * cfg.mslNs()); // 3.10.7.4 eighth step: restart the 2 MSL timeout
        }
        if (!seg.rst()) {
          ackNow = true; // <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>
        }
        return;
      }
    }
    SeqNum originalSeq = seg.seq();
    // RFC 7323 4.3 / 5.3 R3: remember the peer's TSval to echo it.
    if (tsOk && ts != null && ts.value() - tsRecent >= 0 && lastAckSent != null
        && originalSeq.le(lastAckSent)) {
      tsRecent = ts.value();
    }
    seg = trimToWindow(seg, rw);

    // ---- second check the RST bit
    if (seg.rst()) {
      if (state == TIME_WAIT) {
        return; // RFC 1337 (TIME-WAIT assassination): "ignore RST segments in TIME-WAIT state"
      }
      if (!originalSeq.equals(rcvNxt)) {
        challengeAck(now); // RFC 5961 3.2: RST in window but not at RCV.NXT
        return;
      }
      switch (state) {
        case SYN_RECEIVED -> {
          if (passive) {
            resetToListen(now, "3.10.7.4 rcv RST in SYN-RECEIVED (passive): return to LISTEN");
          } else {
            error = TcpError.REFUSED;
            transition(CLOSED, "3.10.7.4 rcv RST in SYN-RECEIVED (active): refused", now);
          }
        }
        case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT -> {
          error = TcpError.RESET;
          transition(CLOSED, "3.10.7.4 rcv RST: connection reset", now);
        }
        default -> transition(CLOSED, "3.10.7.4 rcv RST in " + state.rfcName(), now);
      }
      return;
    }

    // ---- third check security: not implemented (no IP security compartments here)

    // ---- fourth check the SYN bit
    if (seg.syn()) {
      if (state == SYN_RECEIVED && passive) {
        resetToListen(now, "3.10.7.4 rcv SYN in SYN-RECEIVED (passive): return to LISTEN");
        return;
      }
      if (Faults.active(Fault.SYN_IN_ESTABLISHED_RESETS)) {
        // WRONG on purpose (mutation testing): RFC 793's reply, reset the connection. RFC 5961
        // 4.2 (adopted by RFC 9293 3.10.7.4 fourth step): send a challenge ACK and stay, so that
        // a blind SYN cannot tear the connection down.
        emit(Segment.control(seg.ack(), SeqNum.of(0), TcpView.RST, 0), now);
        error = TcpError.RESET;
        transition(CLOSED, "3.10.7.4 rcv SYN in a synchronized state (RFC 793 reset)", now);
        return;
      }
      challengeAck(now); // RFC 5961 4.2: SYN in a synchronized state
      return;
    }

    // ---- fifth check the ACK field
    if (!seg.ackFlag()) {
      return; // "if the ACK bit is off, drop the segment and return"
    }
    if (state == SYN_RECEIVED) {
      if (sndUna.lt(seg.ack()) && seg.ack().le(sndNxt)) {
        sndWnd = seg.window() << sndScale;
        maxSndWnd = Math.max(maxSndWnd, sndWnd);
        sndWl1 = seg.seq();
        sndWl2 = seg.ack();
        transition(ESTABLISHED, "3.10.7.4 rcv ACK of SYN", now);
      } else {
        emit(Segment.control(seg.ack(), SeqNum.of(0), TcpView.RST, 0), now);
        return;
      }
    }
    // RFC 5961 5.2: acceptable only if SND.UNA - MAX.SND.WND =< SEG.ACK =< SND.NXT.
    if (seg.ack().gt(sndNxt)) {
      ackNow = true; // 9293: "If the ACK acks something not yet sent ... send an ACK, drop"
      return;
    }
    if (seg.ack().lt(sndUna.plus(-Math.max(maxSndWnd, 1)))) {
      challengeAck(now); // RFC 5961 5.2: ACK too old (blind data injection)
      return;
    }
    switch (state) {
      case ESTABLISHED, CLOSE_WAIT, FIN_WAIT_2 -> processAck(seg, now);
      case FIN_WAIT_1 -> {
        processAck(seg, now);
        if (finAcked()) {
          transition(FIN_WAIT_2, "3.10.7.4 rcv ACK of FIN in FIN-WAIT-1", now);
        }
      }
      case CLOSING -> {
        processAck(seg, now);
        if (finAcked()) {
          enterTimeWait(now, "3.10.7.4 rcv ACK of FIN in CLOSING");
          return;
        }
      }
      case LAST_ACK -> {
        processAck(seg, now);
        if (finAcked()) {
          transition(CLOSED, "3.10.7.4 rcv ACK of FIN in LAST-ACK: delete TCB", now);
          return;
        }
      }
      case TIME_WAIT -> {
        if (seg.fin()) {
          ackNow = true;
          timeWaitAt = arm(now + 2 * cfg.mslNs());
        }
        return;
      }
      default -> { }
    }
    if (state == CLOSED) {
      return;
    }

    // ---- sixth check the URG bit: urgent data is not implemented (RFC 6093 advises against it)

    // ---- seventh process the segment text
    boolean finInOrder = seg.fin();
    if (seg.dataLength() > 0) {
      switch (state) {
        case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2 -> finInOrder = receiveText(seg, now);
        default -> finInOrder = false; // a FIN has been received: text is ignored
      }
    } else if (seg.fin() && !seg.seq().equals(rcvNxt)) {
      addOutOfOrder(new Pending(seg.seq(), Segment.NO_DATA, true));
      if (probe != null) {
        probe.heldOutOfOrder(this, seg.seq(), now);
      }
      ackNow = true;
      finInOrder = false;
    }

    // ---- eighth check the FIN bit
    if (finInOrder && !finReceived) {
      processFin(now);
    }
  }

  /** The four cases of the acceptability test (3.10.7.4, first step). */
  private boolean acceptable(Segment seg, int rw) {
    int len = seg.len();
    if (len == 0) {
      return rw == 0 ? seg.seq().equals(rcvNxt) : seg.seq().inWindow(rcvNxt, rw);
    }
    if (rw == 0) {
      return false;
    }
    return seg.seq().inWindow(rcvNxt, rw) || seg.seq().plus(len - 1).inWindow(rcvNxt, rw);
  }

  /**
   * "Segments with higher beginning sequence numbers ... may be held for later processing", and
   * only the part inside RCV.NXT .. RCV.NXT+RCV.WND-1 is kept: cut what lies before RCV.NXT
   * (a SYN first, then data) and what lies beyond the window (data, then a FIN).
   */
  private Segment trimToWindow(Segment seg, int rw) {
    int flags = seg.flags();
    SeqNum seq = seg.seq();
    int from = 0; // kept payload: [from, from + len)
    int len = seg.dataLength();
    int before = rcvNxt.minus(seq);
    if (before > 0) {
      if ((flags & TcpView.SYN) != 0) {
        flags &= ~TcpView.SYN;
        seq = seq.plus(1);
        before--;
      }
      int cut = Math.min(before, len);
      from = cut;
      len -= cut;
      seq = seq.plus(cut);
    }
    int room = rcvNxt.plus(rw).minus(seq); // bytes from seq to the right edge
    if (len > room) {
      len = Math.max(0, room);
      flags &= ~TcpView.FIN;
    } else if ((flags & TcpView.FIN) != 0 && len == room) {
      flags &= ~TcpView.FIN; // the FIN's own sequence number lies beyond the window
    }
    return seg.trimmed(seq, flags, from, len);
  }

  private void resetToListen(long now, String cause) {
    // The connection goes back to LISTEN: forget the peer's sequence numbers and our queues.
    sndBuf.clear();
    outOfOrder.clear();
    finQueued = false;
    retransmits = 0;
    transition(LISTEN, cause, now);
  }

  /**
   * <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> (RFC 5961 3.2, 4.2, 5.2), at most
   * {@link #CHALLENGE_ACK_LIMIT} per second per connection (RFC 5961 7, so that the ACKs cannot
   * be used to amplify a flood).
   */
  private void challengeAck(long now) {
    if (now - challengeWindowStart >= 1_000_000_000L) {
      challengeWindowStart = now;
      challengesInWindow = 0;
    }
    if (challengesInWindow >= CHALLENGE_ACK_LIMIT) {
      challengeAcksSuppressed++;
      return;
    }
    challengesInWindow++;
    challengeAcks++;
    ackNow = true;
  }

  /** ESTABLISHED-state ACK processing (3.10.7.4 fifth step) plus RFC 6298 and RFC 5681/6582. */
  private void processAck(Segment seg, long now) {
    int acked = seg.ack().minus(sndUna);
    int scaledWindow = seg.window() << sndScale;
    boolean newlySacked = false;
    if (sackOk) {
      if (acked > 0) {
        sndUna = seg.ack(); // prune against the new SND.UNA; restored just below
        updateScoreboard(seg);
        sndUna = sndUna.plus(-acked);
      } else {
        newlySacked = updateScoreboard(seg);
      }
    }
    if (acked > 0) {
      int synPart = sndUna.equals(iss) ? 1 : 0; // our SYN occupies ISS
      int dataAcked = Math.min(acked - synPart, sndBuf.size());
      sndBuf.discard(dataAcked);
      sndBufSeq = sndBufSeq.plus(dataAcked);
      sndUna = seg.ack();
      if (sendPtr.lt(sndUna)) {
        sendPtr = sndUna;
      }
      TcpOptions.Timestamps ts = seg.options().timestamps();
      if (tsOk && ts != null && ts.echoReply() != 0) {
        // RFC 7323 4.1 (RTTM): the echoed TSval times this ACK, retransmission or not.
        rttSeq = null;
        addRttSample(Math.max(0, (long) (tsVal(now) - ts.echoReply())) * 1_000_000L);
      } else {
        sampleRtt(now, seg.ack());
      }
      retransmits = 0;
      persistProbes = 0;
      // RFC 6298 5.2 / 5.3: stop the timer when all is acknowledged, else restart it.
      rtxAt = arm(sndUna.equals(sndNxt) ? NEVER : now + rto);
      congestionOnAck(acked, seg.ack(), now);
    } else if (acked == 0 && seg.dataLength() == 0 && !seg.fin() && !sndUna.equals(sndNxt)
        && (sackOk ? newlySacked : scaledWindow == sndWnd)) {
      // RFC 5681 2 defines a duplicate ACK (same ACK, no data, same window); RFC 6675 2 counts,
      // on a SACK connection, an ACK whose SACK blocks cover octets not SACKed before instead.
      congestionOnDuplicateAck(now);
    }
    // Window update: "If SND.WL1 < SEG.SEQ or (SND.WL1 = SEG.SEQ and SND.WL2 =< SEG.ACK)".
    if (sndWl1.lt(seg.seq()) || (sndWl1.equals(seg.seq()) && sndWl2.le(seg.ack()))) {
      sndWnd = scaledWindow;
      maxSndWnd = Math.max(maxSndWnd, sndWnd);
      sndWl1 = seg.seq();
      sndWl2 = seg.ack();
      if (sndWnd > 0) {
        persistAt = NEVER;
        persistProbes = 0;
      } else if (!sndUna.equals(sndNxt) && sendPtr.gt(sndUna) && !finAcked()) {
        // The peer closed its window on data in flight: that is flow control, not loss. Stop
        // the retransmission timer (whose give-up would kill a live connection, RFC 1122
        // 4.2.2.17) and probe instead; what was sent beyond the window is sent again later.
        rtxAt = NEVER;
        retransmits = 0;
        sendPtr = sndUna;
      }
    }
  }

  private boolean finAcked() {
    return finQueued && sndUna.gt(bufEnd());
  }

  /** Queues in-order text (and what it makes contiguous); returns whether a FIN is now next. */
  private boolean receiveText(Segment seg, long now) {
    if (!seg.seq().equals(rcvNxt)) {
      if (Faults.active(Fault.OUT_OF_ORDER_DELIVERED)) {
        // WRONG on purpose (mutation testing): text beyond RCV.NXT handed to the user as if it
        // were next, over the gap. 3.10.7.4 seventh step delivers only from RCV.NXT on.
        int n = seg.writeDataTo(rcvBuf, 0);
        if (probe != null) {
          probe.delivered(this, seg.seq(), n, now);
        }
        rcvNxt = rcvNxt.plus(n);
        ackNow = true;
        return false;
      }
      lastOutOfOrder = seg.seq();
      addOutOfOrder(new Pending(seg.seq(), seg.data(), seg.fin()));
      if (probe != null) {
        probe.heldOutOfOrder(this, seg.seq(), now);
      }
      ackNow = true; // RFC 5681 4.2: immediate duplicate ACK for an out-of-order segment
      return false;
    }
    int n = seg.writeDataTo(rcvBuf, 0); // straight from the packet when the segment is a view
    if (probe != null && n > 0) {
      probe.delivered(this, rcvNxt, n, now);
    }
    rcvNxt = rcvNxt.plus(n);
    boolean fin = seg.fin() && n == seg.dataLength();
    boolean filledHole = !outOfOrder.isEmpty();
    fin |= drainOutOfOrder(now);
    if (filledHole || fin) {
      ackNow = true; // RFC 5681 4.2: ACK at once when a segment fills a gap
    } else if (++unackedSegments >= 2) {
      ackNow = true; // an ACK for at least every second full-sized segment (RFC 9293 3.8.6.3)
    } else if (delAckAt == NEVER) {
      delAckAt = arm(now + cfg.delayedAckNs());
    }
    return fin;
  }

  private void addOutOfOrder(Pending p) {
    for (Pending q : outOfOrder) {
      if (q.seq().equals(p.seq()) && q.data().length >= p.data().length && q.fin() == p.fin()) {
        return; // a duplicate
      }
    }
    if (outOfOrder.size() >= MAX_OUT_OF_ORDER) {
      outOfOrderDrops++; // bounded memory per connection: the peer will retransmit
      return;
    }
    outOfOrder.add(p);
  }

  /** Moves held segments that have become contiguous into the receive buffer. */
  private boolean drainOutOfOrder(long now) {
    boolean progress = true;
    while (progress) {
      progress = false;
      for (int i = 0; i < outOfOrder.size(); i++) {
        Pending p = outOfOrder.get(i);
        int skip = rcvNxt.minus(p.seq());
        if (skip < 0) {
          continue;
        }
        outOfOrder.remove(i);
        progress = true;
        if (skip < p.data().length) {
          int n = rcvBuf.write(p.data(), skip, p.data().length - skip);
          if (probe != null && n > 0) {
            probe.delivered(this, rcvNxt, n, now);
          }
          rcvNxt = rcvNxt.plus(n);
        }
        if (p.fin() && rcvNxt.equals(p.seq().plus(p.data().length))) {
          outOfOrder.clear();
          return true;
        }
        break;
      }
    }
    return false;
  }

  /** 3.10.7.4 eighth step, once the FIN is the next thing in sequence. */
  private void processFin(long now) {
    rcvNxt = rcvNxt.plus(1);
    finReceived = true;
    if (Faults.active(Fault.FIN_NOT_ACKED)) {
      // WRONG on purpose (mutation testing): the FIN is consumed silently. 3.10.7.4 eighth step:
      // "advance RCV.NXT over the FIN, and send an acknowledgment for the FIN".
    } else {
      ackNow = true;
    }
    outOfOrder.clear();
    switch (state) {
      case SYN_RECEIVED -> transition(CLOSE_WAIT, "3.10.7.4 rcv FIN in SYN-RECEIVED", now);
      case ESTABLISHED -> transition(CLOSE_WAIT, "3.10.7.4 rcv FIN: snd ACK", now);
      case FIN_WAIT_1 -> {
        if (finAcked()) {
          enterTimeWait(now, "3.10.7.4 rcv FIN in FIN-WAIT-1, our FIN acknowledged");
        } else {
          transition(CLOSING, "3.10.7.4 rcv FIN in FIN-WAIT-1: simultaneous close", now);
        }
      }
      case FIN_WAIT_2 -> enterTimeWait(now, "3.10.7.4 rcv FIN in FIN-WAIT-2");
      case TIME_WAIT -> timeWaitAt = arm(now + 2 * cfg.mslNs());
      default -> { } // CLOSE-WAIT, CLOSING, LAST-ACK: remain
    }
  }

  private void enterTimeWait(long now, String cause) {
    if (Faults.active(Fault.TIME_WAIT_SKIPPED)) {
      // WRONG on purpose (mutation testing): straight to CLOSED. RFC 9293 3.3.2 (Figure 5) and
      // 3.10.7.4: the end that closes first waits 2 MSL in TIME-WAIT, so that a lost final ACK
      // can be repeated and old segments die out (3.4.2).
      transition(CLOSED, cause + " (TIME-WAIT skipped)", now);
      return;
    }
    transition(TIME_WAIT, cause, now);
    timeWaitAt = arm(now + 2 * cfg.mslNs());
  }

  // ================================================================ output

  private SeqNum bufEnd() {
    return sndBufSeq.plus(sndBuf.size());
  }

  /**
   * Sends whatever the send window, the congestion window, Nagle and sender silly-window
   * avoidance allow, and the FIN once every byte before it has gone.
   */
  private void output(long now) {
    if (!state.synchronized_() || state == TIME_WAIT) {
      return;
    }
    SeqNum end = bufEnd();
    while (true) {
      int inFlight = sendPtr.minus(sndUna);
      int unsent = end.minus(sendPtr);
      boolean finPending = finQueued && !sendPtr.gt(end);
      long wnd = Math.min(sndWnd, cwnd);
      int usable = (int) Math.max(0, wnd - inFlight);
      int len = Math.max(0, Math.min(Math.min(unsent, usable), segmentSize()));
      if (len == 0 && !(finPending && unsent <= 0)) {
        break;
      }
      if (len > 0 && len < segmentSize() && inFlight > 0) {
        if (!noDelay && !(finPending && len == unsent)) {
          break; // Nagle (3.7.4): one small segment in flight at a time
        }
        if (len < unsent && len < maxSndWnd / 2) {
          break; // sender SWS avoidance (3.8.6.2.1)
        }
      }
      boolean fin = finPending && len == unsent;
      sendData(sendPtr, len, fin, now);
      if (fin) {
        break;
      }
    }
    // Zero window with data waiting and nothing in flight: probe (3.8.6.1).
    if (sndWnd == 0 && (end.gt(sendPtr) || (finQueued && !sendPtr.gt(end)))
        && sendPtr.equals(sndUna) && rtxAt == NEVER && persistAt == NEVER) {
      persistAt = arm(now + backedOff(persistProbes));
    }
  }

  /** Sends {@code len} bytes (and a FIN) from {@code seq}, advancing sendPtr and SND.NXT. */
  private void sendData(SeqNum seq, int len, boolean fin, long now) {
    boolean pushed = len > 0 && seq.plus(len).equals(bufEnd());
    int flags = TcpView.ACK | (pushed ? TcpView.PSH : 0) | (fin ? TcpView.FIN : 0);
    SeqNum after = seq.plus(len + (fin ? 1 : 0));
    boolean fresh = after.gt(sndNxt);
    if (!fresh || seq.lt(sndNxt)) {
      retransmissions++;
    }
    if (fresh && rttSeq == null && seq.ge(sndNxt)) {
      rttSeq = after; // time new data only (Karn)
      rttSentAt = now;
    }
    int at = seq.minus(sndBufSeq);
    // A view of the send buffer when the output copies it at once and no probe keeps segments:
    // the payload is then copied once, into the packet; otherwise into an array of its own.
    Segment s = probe == null && out.copiesPayloadAtOnce()
        ? Segment.inSendBuffer(seq, rcvNxt, flags, windowField(false), TcpOptions.NONE, sndBuf,
            at, len)
        : new Segment(seq, rcvNxt, flags, windowField(false), TcpOptions.NONE,
            sndBuf.copy(at, len));
    emit(s, now);
    sendPtr = after;
    if (fresh) {
      sndNxt = after;
    }
    if (rtxAt == NEVER) {
      rtxAt = arm(now + rto); // RFC 6298 5.1
    }
  }

  /** The first SYN is timed for the first RTT sample (RFC 6298 2.2); retransmissions are not. */
  private void timeSyn(long now) {
    rttSeq = iss.plus(1);
    rttSentAt = now;
  }

  private void sendSyn(boolean withAck, long now) {
    TcpOptions o = TcpOptions.NONE.withMss(cfg.mss());
    boolean offerScale = withAck ? windowScaling : cfg.windowScale() >= 0;
    if (offerScale) {
      o = o.withWindowScale(cfg.windowScale());
    }
    if (withAck ? sackOk : cfg.sack()) {
      o = o.withSackPermitted(true);
    }
    if (withAck ? tsOk : cfg.timestamps()) {
      o = o.withTimestamps(new TcpOptions.Timestamps(tsVal(now), withAck ? tsRecent : 0));
    }
    int flags = TcpView.SYN | (withAck ? TcpView.ACK : 0);
    emit(new Segment(iss, withAck ? rcvNxt : SeqNum.of(0), flags, windowField(true), o,
        Segment.NO_DATA), now);
    if (rtxAt == NEVER) {
      rtxAt = arm(now + rto);
    }
  }

  /** <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>. */
  private void sendAck(long now) {
    emit(Segment.control(sndNxt, rcvNxt, TcpView.ACK, windowField(false)), now);
  }

  /**
   * The SACK blocks to report (RFC 2018 4): the held out-of-order data as merged ranges, the one
   * holding the most recently received segment first, then the others in sequence order.
   */
  private List<TcpOptions.SackBlock> sackBlocks(int max) {
    List<SeqNum[]> ranges = new ArrayList<>();
    List<Pending> sorted = new ArrayList<>(outOfOrder);
    sorted.sort((x, y) -> x.seq().minus(rcvNxt) - y.seq().minus(rcvNxt));
    for (Pending p : sorted) {
      SeqNum left = p.seq();
      SeqNum right = p.seq().plus(p.data().length + (p.fin() ? 1 : 0));
      SeqNum[] last = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
      if (last != null && left.le(last[1])) {
        last[1] = SeqNum.max(last[1], right);
      } else {
        ranges.add(new SeqNum[] {left, right});
      }
    }
    List<TcpOptions.SackBlock> blocks = new ArrayList<>();
    for (SeqNum[] r : ranges) {
      if (lastOutOfOrder != null && lastOutOfOrder.ge(r[0]) && lastOutOfOrder.lt(r[1])) {
        blocks.add(0, new TcpOptions.SackBlock(r[0].value(), r[1].value()));
      } else {
        blocks.add(new TcpOptions.SackBlock(r[0].value(), r[1].value()));
      }
    }
    return blocks.subList(0, Math.min(max, blocks.size()));
  }

  /**
   * Records the SACK blocks of an ACK in the scoreboard (RFC 2018 5, RFC 6675 4 Update()),
   * ignoring bogus ones. Returns true if some octet is SACKed now that was not before.
   */
  private boolean updateScoreboard(Segment seg) {
    long before = sackedOctets();
    for (TcpOptions.SackBlock b : seg.options().sackBlocks()) {
      SeqNum left = new SeqNum(b.left());
      SeqNum right = new SeqNum(b.right());
      if (!(sndUna.lt(left) && left.lt(right) && right.le(sndNxt))) {
        continue; // below SND.UNA (a D-SACK or stale) or beyond what was sent
      }
      scoreboard.add(new SeqNum[] {left, right});
    }
    scoreboard.removeIf(r -> r[1].le(sndUna));
    scoreboard.sort((x, y) -> x[0].minus(sndUna) - y[0].minus(sndUna));
    List<SeqNum[]> merged = new ArrayList<>();
    for (SeqNum[] r : scoreboard) {
      SeqNum[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && r[0].le(last[1])) {
        last[1] = SeqNum.max(last[1], r[1]);
      } else {
        merged.add(new SeqNum[] {SeqNum.max(r[0], sndUna), r[1]});
      }
    }
    scoreboard.clear();
    scoreboard.addAll(merged);
    return sackedOctets() > before;
  }

  private long sackedOctets() {
    long n = 0;
    for (SeqNum[] r : scoreboard) {
      n += r[1].minus(r[0]);
    }
    return n;
  }

  /**
   * RFC 6675 4 IsLost(seq): DupThresh discontiguous SACKed ranges above {@code seq}, or more than
   * (DupThresh - 1) * SMSS SACKed octets above it. The scoreboard merges adjacent blocks, so a
   * range may stand for several segments; the octet count catches that case.
   */
  private boolean isLost(SeqNum seq) {
    long octets = 0;
    int ranges = 0;
    for (SeqNum[] r : scoreboard) {
      if (r[1].le(seq)) {
        continue;
      }
      octets += r[1].minus(SeqNum.max(r[0], seq));
      ranges++;
    }
    return ranges >= DUP_THRESH || octets > (long) (DUP_THRESH - 1) * segmentSize();
  }

  /**
   * RFC 6675 4 SetPipe(): the sender's estimate of octets still in the network. Every octet
   * between SND.UNA and SND.NXT that is neither SACKed nor lost counts once, and once more if it
   * was retransmitted in this recovery (below HighRxt). A hole between SACKed ranges has the same
   * SACKed octets above all its octets, so IsLost is decided per hole.
   */
  long pipe() {
    long pipe = 0;
    SeqNum s = sndUna;
    for (int i = 0; i <= scoreboard.size(); i++) {
      SeqNum end = i < scoreboard.size() ? scoreboard.get(i)[0] : sndNxt;
      if (s.lt(end)) {
        int len = end.minus(s);
        if (!isLost(s)) {
          pipe += len;
        }
        if (highRxt != null && s.lt(highRxt)) {
          pipe += Math.min(len, highRxt.minus(s));
        }
      }
      if (i < scoreboard.size() && s.lt(scoreboard.get(i)[1])) {
        s = scoreboard.get(i)[1];
      }
    }
    return pipe;
  }

  /** What NextSeg() chose: a range to send, and whether it is a retransmission or new data. */
  private record NextSeg(SeqNum seq, int len, boolean retransmission, boolean rescue) {}

  /**
   * RFC 6675 4 NextSeg(): (1) the first unSACKed hole above HighRxt, below the highest SACKed
   * octet, that IsLost; else (2) new data the receiver's window allows; else (3) the first
   * unSACKed hole above HighRxt below the highest SACKed octet, lost or not; else (4) the rescue
   * retransmission, once per recovery, of the segment holding the highest unSACKed octet.
   */
  private NextSeg nextSeg() {
    int mss = segmentSize();
    SeqNum end = bufEnd();
    if (!scoreboard.isEmpty()) {
      SeqNum from = highRxt == null || highRxt.lt(sndUna) ? sndUna : highRxt;
      NextSeg hole = firstHole(from, end, mss);
      if (hole != null && isLost(hole.seq())) {
        return hole; // rule 1
      }
      NextSeg fresh = newData(end, mss);
      if (fresh != null) {
        return fresh; // rule 2
      }
      if (hole != null) {
        return hole; // rule 3
      }
    } else {
      NextSeg fresh = newData(end, mss);
      if (fresh != null) {
        return fresh;
      }
    }
    if (rescueRxt == null || sndUna.gt(rescueRxt)) { // rule 4
      SeqNum highest = end.lt(sndNxt) ? end : sndNxt; // data octets only: the FIN is not text
      SeqNum sackTop = scoreboard.isEmpty() ? sndUna : scoreboard.get(scoreboard.size() - 1)[1];
      if (highest.gt(sackTop) && highest.gt(sndUna)) {
        int len = Math.min(mss, highest.minus(SeqNum.max(sackTop, sndUna)));
        return new NextSeg(highest.plus(-len), len, true, true);
      }
    }
    return null;
  }

  /** The first unSACKed range at or above {@code from} and below the highest SACKed octet. */
  private NextSeg firstHole(SeqNum from, SeqNum end, int mss) {
    SeqNum s = from;
    for (SeqNum[] r : scoreboard) {
      if (s.lt(r[0])) {
        int len = Math.min(Math.min(r[0].minus(s), mss), end.minus(s));
        return len > 0 ? new NextSeg(s, len, true, false) : null;
      }
      if (s.lt(r[1])) {
        s = r[1];
      }
    }
    return null;
  }

  /** Unsent data starting at SND.NXT, if the peer's window allows it (rule 2, RFC 3042). */
  private NextSeg newData(SeqNum end, int mss) {
    if (!sendPtr.equals(sndNxt) || !end.gt(sndNxt)) {
      return null;
    }
    int len = Math.min(end.minus(sndNxt), mss);
    long allowed = (long) sndWnd - sndNxt.minus(sndUna);
    if (len <= 0 || allowed < len) {
      return null;
    }
    return new NextSeg(sndNxt, len, false, false);
  }

  /**
   * RFC 6675 5 step (C): while cwnd - pipe >= 1 SMSS, send what NextSeg() picks. Retransmissions
   * move HighRxt (C.2) except the rescue; new data moves SND.NXT (C.3); pipe grows by what was
   * sent (C.4) because it is recomputed.
   */
  private void sackRecoverySend(long now) {
    for (int guard = 0; guard < 4096; guard++) {
      if (cwnd - pipe() < segmentSize()) {
        return;
      }
      NextSeg n = nextSeg();
      if (n == null) {
        return;
      }
      if (n.retransmission()) {
        SeqNum keep = sendPtr;
        sendData(n.seq(), n.len(), false, now);
        sendPtr = keep;
        if (n.rescue()) {
          rescueRxt = recover;
        } else {
          SeqNum top = n.seq().plus(n.len());
          highRxt = highRxt == null || top.gt(highRxt) ? top : highRxt;
        }
        sackRetransmits++;
      } else {
        sendData(n.seq(), n.len(), false, now);
      }
    }
  }

  /**
   * RFC 3042: on the first and second duplicate ACK, send one new segment if the peer's window
   * allows and the flight stays within cwnd + 2 SMSS; cwnd itself is not changed.
   */
  private void limitedTransmit(long now) {
    int mss = segmentSize();
    NextSeg n = newData(bufEnd(), mss);
    if (n == null) {
      return;
    }
    long flight = sndNxt.minus(sndUna);
    if (flight + n.len() > cwnd + 2L * mss) {
      return;
    }
    sendData(n.seq(), n.len(), false, now);
    limitedTransmits++;
  }

  /**
   * TSval: a 1 ms clock (RFC 7323 5.4 allows 1 ms to 1 s per tick) offset per connection by the
   * ISS so that the clock does not reveal uptime (RFC 7323 5.4, 7.1).
   */
  private int tsVal(long now) {
    return tsClock(now, iss);
  }

  /** The timestamp clock of a connection whose ISS is {@code iss} (also used for cookie SYN,ACKs). */
  static int tsClock(long now, SeqNum iss) {
    return (int) (now / 1_000_000L) + (iss == null ? 0 : iss.value());
  }

  /** Data bytes per segment: the MSS less the option bytes every segment carries (RFC 6691). */
  private int segmentSize() {
    return tsOk ? sndMss - 12 : sndMss;
  }

  /** Bytes of receive buffer we could offer now. */
  private int advertisableWindow() {
    return rcvBuf.free();
  }

  /**
   * The window field to send, and the right edge it announces. The edge never moves left
   * (3.8.6.2.2: shrinking the window is strongly discouraged); small openings are withheld.
   */
  private int windowField(boolean syn) {
    if (rcvNxt == null) {
      return Math.min(rcvBuf.free(), 0xFFFF);
    }
    int wnd = advertisableWindow();
    if (rcvAdv != null) {
      int current = Math.max(0, rcvAdv.minus(rcvNxt));
      if (wnd - current < Math.min(rcvBuf.capacity() / 2, sndMss)) {
        wnd = current; // hold the old right edge (receiver SWS avoidance)
      }
    }
    int field = syn ? Math.min(wnd, 0xFFFF) : Math.min(wnd >> rcvScale, 0xFFFF);
    SeqNum edge = rcvNxt.plus(syn ? field : field << rcvScale);
    if (rcvAdv == null || edge.gt(rcvAdv)) {
      rcvAdv = edge;
    }
    return field;
  }

  /** RCV.WND: what we last advertised, measured from RCV.NXT. */
  private int rcvWnd() {
    return Math.max(0, rcvAdv.minus(rcvNxt));
  }

  private void emit(Segment s, long now) {
    if (sackOk && s.ackFlag() && !s.syn() && !s.rst() && !outOfOrder.isEmpty()) {
      // As many blocks as fit beside the data within the MSS (the segment must fit the MTU).
      int room = sndMss - s.dataLength() - (tsOk ? 12 : 0) - 4;
      int blocks = Math.min(tsOk ? 3 : 4, room / 8);
      if (blocks > 0) {
        s = s.withOptions(s.options().withSackBlocks(sackBlocks(blocks)));
      }
    }
    if (tsOk && !s.rst() && s.options().timestamps() == null) {
      // RFC 7323 3.2: once negotiated, every segment but a RST carries the option.
      s = s.withOptions(s.options().withTimestamps(
          new TcpOptions.Timestamps(tsVal(now), tsRecent)));
    }
    if (s.ackFlag()) {
      ackNow = false;
      unackedSegments = 0;
      delAckAt = NEVER;
      lastAckSent = s.ack();
    }
    segmentsSent++;
    out.send(this, s, now);
    if (probe != null) {
      // Sequence space sent before: a data octet or FIN below SND.NXT, or a SYN resent by the RTO.
      boolean rtx = s.syn() ? synRetransmission : s.len() > 0 && s.seq().lt(sndNxt);
      probe.segmentSent(this, s, rtx, now);
    }
  }

  // ================================================================ timers (3.8, 3.10.8)

  // Timer queue of the owning TcpLayer (null outside a layer). The layer keeps one heap entry per
  // connection whose deadline is never later than pollAt(): a timer moved earlier than that entry
  // must be reported (arm), a timer moved later or cancelled need not be, the layer finds out
  // lazily when the early entry reaches the top. So pollAt() of the layer is O(1) amortized.
  TcpLayer.TimerQueue timerQueue;
  /** The deadline of this connection's live entry in {@link #timerQueue}, or NEVER if none. */
  long queuedAt = NEVER;
  /** Creation order in the layer: poll runs due connections in this order, as a scan would. */
  long timerSeq;
  /** Collected as due by the running {@link TcpLayer#poll}. */
  boolean timerDue;

  /** Every timer deadline set goes through here: tells the layer if it moved earlier. */
  private long arm(long at) {
    if (at < queuedAt && timerQueue != null) {
      timerQueue.earlier(this, at);
    }
    return at;
  }

  /** The earliest time {@link #onTimer} has work, or {@link Long#MAX_VALUE}. */
  public long pollAt() {
    return Math.min(Math.min(Math.min(rtxAt, delAckAt), Math.min(timeWaitAt, persistAt)),
        keepaliveAt);
  }

  /** Runs every timer due at {@code now}. */
  public void onTimer(long now) {
    if (timeWaitAt <= now) {
      timeWaitAt = NEVER;
      transition(CLOSED, "Fig. 5: Timeout=2MSL in TIME-WAIT", now);
      if (probe != null) {
        probe.timerExpired(this, TcpProbe.Timer.TIME_WAIT, now);
      }
      return;
    }
    if (rtxAt <= now) {
      retransmissionTimeout(now);
      if (probe != null) {
        probe.timerExpired(this, TcpProbe.Timer.RETRANSMISSION, now);
      }
    }
    if (state == CLOSED) {
      return;
    }
    if (persistAt <= now) {
      persistAt = NEVER;
      if (sndWnd == 0 && sendPtr.equals(sndUna)) {
        persistProbes++;
        windowProbe(now);
        persistAt = arm(now + backedOff(persistProbes));
      }
      if (probe != null) {
        probe.timerExpired(this, TcpProbe.Timer.PERSIST, now);
      }
    }
    if (keepaliveAt <= now) {
      keepaliveTimeout(now);
      if (probe != null) {
        probe.timerExpired(this, TcpProbe.Timer.KEEPALIVE, now);
      }
    }
    if (delAckAt <= now) {
      delAckAt = NEVER;
      sendAck(now);
      if (probe != null) {
        probe.timerExpired(this, TcpProbe.Timer.DELAYED_ACK, now);
      }
    }
  }

  /** RFC 6298 5.4-5.7, RFC 5681 3.1 (loss window), 3.10.8 (give up: user timeout). */
  private void retransmissionTimeout(long now) {
    rtxAt = NEVER;
    if (++retransmits > cfg.maxRetransmissions()) {
      error = TcpError.TIMED_OUT;
      transition(CLOSED, "3.10.8 retransmission limit (R2): connection aborted", now);
      return;
    }
    rto = Math.min(rto * 2, cfg.rtoMaxNs()); // 5.5: back off the timer
    rttSeq = null; // Karn: no sample from a retransmitted segment
    scoreboard.clear(); // RFC 2018 8: after a timeout, SACKed data may have been reneged
    highRxt = null;
    rescueRxt = null;
    long flight = Math.max(0, sndNxt.minus(sndUna));
    ssthresh = Math.max(flight / 2, 2L * sndMss); // RFC 5681 equation 4
    cwnd = sndMss; // the loss window
    dupAcks = 0;
    inRecovery = false;
    recover = sndNxt; // RFC 6582 4
    if (sndUna.equals(iss)) {
      synRetransmission = true;
      sendSyn(state != SYN_SENT, now); // our SYN (or SYN,ACK) is still unacknowledged
      synRetransmission = false;
    } else {
      sendPtr = sndUna; // go back N
      retransmitFirst(now);
    }
    if (Faults.active(Fault.RETRANSMIT_STOPS_AFTER_FIRST_TIMEOUT)) {
      // WRONG on purpose (mutation testing): the timer stays off after its first expiry. RFC
      // 6298 5.5-5.6: back off and restart the timer, so that a lost retransmission is resent.
      rtxAt = NEVER;
    } else if (rtxAt == NEVER && !sndUna.equals(sndNxt)) {
      rtxAt = arm(now + rto);
    }
  }

  /** Retransmits the first unacknowledged segment, regardless of windows. */
  private void retransmitFirst(long now) {
    SeqNum end = bufEnd();
    int len = Math.max(0, Math.min(end.minus(sndUna), segmentSize()));
    boolean fin = finQueued && sndUna.plus(len).equals(end) && sndNxt.gt(end);
    if (len == 0 && !fin) {
      return;
    }
    SeqNum keep = sendPtr;
    sendData(sndUna, len, fin, now);
    if (keep.gt(sendPtr)) {
      sendPtr = keep; // fast retransmit: new data continues where it was
    }
  }

  private void congestionOnAck(int acked, SeqNum ack, long now) {
    if (inRecovery && sackOk) {
      if (ack.gt(recover)) {
        // RFC 6675 5 (A): the ACK covers RecoveryPoint, recovery ends; cwnd = ssthresh (RFC
        // 5681 3.2 step 6). The scoreboard above SND.UNA is kept.
        cwnd = ssthresh;
        inRecovery = false;
        dupAcks = 0;
      } else {
        // (B) a partial ACK: the scoreboard is already updated; (C) send what pipe allows.
        sackRecoverySend(now);
        rtxAt = arm(now + rto);
      }
      return;
    }
    if (inRecovery) {
      if (ack.gt(recover)) {
        // RFC 6582 3.2 step 3: full acknowledgment, deflate the window.
        long flight = Math.max(0, sndNxt.minus(sndUna));
        cwnd = Math.min(ssthresh, Math.max(flight, sndMss) + sndMss);
        inRecovery = false;
        dupAcks = 0;
      } else {
        // Step 4: partial acknowledgment, retransmit the first unacknowledged segment and
        // partly deflate the window.
        retransmitFirst(now);
        highRxt = sndUna.plus(Math.min(segmentSize(), Math.max(0, bufEnd().minus(sndUna))));
        cwnd = Math.max(cwnd - acked + sndMss, sndMss);
        rtxAt = arm(now + rto);
      }
      return;
    }
    dupAcks = 0;
    if (cwnd < ssthresh) {
      cwnd += Math.min(acked, sndMss); // RFC 5681 equation 2 (slow start)
    } else {
      cwnd += Math.max(1, (long) sndMss * sndMss / cwnd); // equation 3 (congestion avoidance)
    }
  }

  private void congestionOnDuplicateAck(long now) {
    dupAcks++;
    if (inRecovery) {
      if (sackOk) {
        sackRecoverySend(now); // RFC 6675 5 (B), (C): pipe, not window inflation, clocks sending
      } else {
        cwnd += sndMss; // RFC 6582 3.2 step 3 (RFC 5681 step 4): inflate
      }
      return;
    }
    boolean lossSignal = dupAcks >= DUP_THRESH || (sackOk && isLost(sndUna)); // RFC 6675 5 (1), (2)
    if (!lossSignal) {
      limitedTransmit(now); // RFC 3042 (RFC 6675 5 (3))
      return;
    }
    if (!sndUna.plus(-1).ge(recover)) {
      return; // RFC 6582 4 / RFC 6675 5: no new recovery before the last RecoveryPoint is acked
    }
    long flight = Math.max(0, sndNxt.minus(sndUna));
    ssthresh = Math.max(flight / 2, 2L * sndMss); // RFC 5681 equation 4
    recover = sndNxt; // RecoveryPoint = HighData
    inRecovery = true;
    fastRetransmits++;
    retransmitFirst(now); // (4.3) the segment at HighACK + 1
    highRxt = sndUna.plus(Math.min(segmentSize(), Math.max(0, bufEnd().minus(sndUna))));
    if (sackOk) {
      cwnd = ssthresh; // RFC 6675 5 (4.2)
      rescueRxt = null;
      sackRecoverySend(now); // (4.4), (4.5): SetPipe, then step (C)
    } else {
      cwnd = ssthresh + 3L * sndMss; // RFC 5681 3.2 step 3
    }
  }

  private void sampleRtt(long now, SeqNum ack) {
    if (rttSeq == null || ack.lt(rttSeq)) {
      return;
    }
    rttSeq = null;
    addRttSample(Math.max(0, now - rttSentAt));
  }

  /** RFC 6298 2.2-2.5 for one measurement {@code r}. */
  private void addRttSample(long r) {
    if (srtt < 0) {
      srtt = r; // RFC 6298 2.2
      rttvar = r / 2;
    } else {
      rttvar = (3 * rttvar + Math.abs(srtt - r)) / 4; // 2.3, beta = 1/4
      srtt = (7 * srtt + r) / 8; // alpha = 1/8
    }
    long k = Math.max(CLOCK_GRANULARITY_NS, 4 * rttvar);
    rto = Math.min(Math.max(srtt + k, cfg.rtoMinNs()), cfg.rtoMaxNs()); // 2.4, 2.5
  }

  private long backedOff(int probes) {
    long t = rto;
    for (int i = 0; i < probes && t < cfg.rtoMaxNs(); i++) {
      t *= 2;
    }
    return Math.min(t, cfg.rtoMaxNs());
  }

  /**
   * A zero-window probe: <SEQ=SND.UNA-1><ACK=RCV.NXT>, which the peer cannot accept and so
   * answers with an ACK carrying its current window (the form keep-alives also use, 3.8.4).
   */
  private void windowProbe(long now) {
    emit(Segment.control(sndUna.plus(-1), rcvNxt, TcpView.ACK, windowField(false)), now);
  }

  private void restartKeepalive(long now) {
    if (cfg.keepaliveIdleNs() > 0 && state == ESTABLISHED) {
      keepaliveAt = arm(now + cfg.keepaliveIdleNs());
      keepaliveProbes = 0;
    }
  }

  /** RFC 9293 3.8.4 / RFC 1122 4.2.3.6: probe an idle connection; give up after 9 probes. */
  private void keepaliveTimeout(long now) {
    keepaliveAt = NEVER;
    if (state != ESTABLISHED) {
      return;
    }
    if (++keepaliveProbes > 9) {
      error = TcpError.TIMED_OUT;
      transition(CLOSED, "3.8.4 keep-alive: no answer to probes", now);
      return;
    }
    windowProbe(now);
    keepaliveAt = arm(now + Math.max(cfg.rtoMinNs(), cfg.keepaliveIdleNs() / 8));
  }

  // ================================================================ inspection

  public TcpState state() {
    return state;
  }

  public TcpError error() {
    return error;
  }

  public boolean isPassive() {
    return passive;
  }

  public Ipv4Addr localAddress() {
    return localAddress;
  }

  public int localPort() {
    return localPort;
  }

  public Ipv4Addr remoteAddress() {
    return remoteAddress;
  }

  public int remotePort() {
    return remotePort;
  }

  public TcpConfig config() {
    return cfg;
  }

  public SeqNum iss() {
    return iss;
  }

  public SeqNum irs() {
    return irs;
  }

  public SeqNum sndUna() {
    return sndUna;
  }

  public SeqNum sndNxt() {
    return sndNxt;
  }

  public int sndWnd() {
    return sndWnd;
  }

  public SeqNum rcvNxt() {
    return rcvNxt;
  }

  /** RCV.WND as last advertised. */
  public int rcvWndAdvertised() {
    return rcvAdv == null || rcvNxt == null ? 0 : rcvWnd();
  }

  public int sendMss() {
    return sndMss;
  }

  public int sendScale() {
    return sndScale;
  }

  public int receiveScale() {
    return rcvScale;
  }

  /** Bytes RECEIVE can return now. */
  public int readable() {
    return rcvBuf.size();
  }

  /** Whether the remote FIN has arrived (RECEIVE returns -1 once the buffer is empty). */
  public boolean finReceived() {
    return finReceived;
  }

  /** Room left in the send buffer. */
  public int sendSpace() {
    return sndBuf.free();
  }

  /** Bytes queued and not yet acknowledged. */
  public int unacknowledged() {
    return sndBuf.size();
  }

  public long rtoNs() {
    return rto;
  }

  public long srttNs() {
    return srtt;
  }

  public long cwnd() {
    return cwnd;
  }

  public long ssthresh() {
    return ssthresh;
  }

  public long segmentsSent() {
    return segmentsSent;
  }

  public long segmentsReceived() {
    return segmentsReceived;
  }

  public long retransmissions() {
    return retransmissions;
  }

  public long challengeAcks() {
    return challengeAcks;
  }

  /** Challenge ACKs not sent because of the RFC 5961 7 rate limit. */
  public long challengeAcksSuppressed() {
    return challengeAcksSuppressed;
  }

  public long fastRetransmits() {
    return fastRetransmits;
  }

  /** Hole retransmissions chosen from the SACK scoreboard. */
  public long sackRetransmits() {
    return sackRetransmits;
  }

  /** Whether SACK was negotiated. */
  /** New segments sent on the first two duplicate ACKs (RFC 3042 limited transmit). */
  public long limitedTransmits() {
    return limitedTransmits;
  }

  public boolean sackOn() {
    return sackOk;
  }

  /** Segments dropped by PAWS (RFC 7323 5). */
  public long pawsDrops() {
    return pawsDrops;
  }

  /** Whether timestamps were negotiated. */
  public boolean timestampsOn() {
    return tsOk;
  }

  public long outOfOrderDrops() {
    return outOfOrderDrops;
  }

  @Override
  public String toString() {
    return "Tcb[" + localAddress + ":" + localPort + " -> " + remoteAddress + ":" + remotePort
        + " " + state.rfcName() + "]";
  }
}
