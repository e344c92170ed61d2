package dev.netspec.tcp;

/**
 * Observation points of the TCP implementation, for conformance recording (the TLA+ model's
 * actions are user calls, segment arrivals, transmissions and timer expiries; see
 * {@code spec/Tcp.tla}). Every method has an empty default, so a probe implements only what it
 * needs. A {@link Tcb} or {@link TcpLayer} without a probe pays one null check per event: the
 * stack is benchmarked, and the probe effect is real.
 *
 * <p>The events come at the points where the model's actions end, so that a recorder can read
 * the TCB there and get the model's intermediate states: a user call is reported after it took
 * effect but before the TCB transmits what it now may (the model's SEND only queues, its
 * Transmit sends); an arrival is reported after 3.10.7 processed it, before the output it
 * enables. State changes are reported separately through {@link Tcb.TransitionListener}.
 */
public interface TcpProbe {

  /** The user calls of RFC 9293 3.10 that the model has. */
  enum Call { PASSIVE_OPEN, ACTIVE_OPEN, SEND, CLOSE, ABORT }

  /** The timers of 3.8 and 3.10.8. */
  enum Timer { RETRANSMISSION, TIME_WAIT, DELAYED_ACK, PERSIST, KEEPALIVE }

  /**
   * A user call on {@code tcb} took effect; {@code bytes} is what SEND accepted (0 otherwise).
   * Reported only for calls that did something (not for calls refused with an error result).
   */
  default void userCall(Tcb tcb, Call call, int bytes, long now) {
  }

  /** A call on a listening port (no TCB yet): {@code PASSIVE_OPEN} (listen) or {@code CLOSE}. */
  default void listenerCall(TcpLayer layer, int port, Call call) {
  }

  /**
   * {@code seg} arrived at {@code tcb} and SEGMENT ARRIVES (3.10.7) processed it; {@code before}
   * is the state it arrived in; {@code replied} whether processing sent a segment or owes an
   * immediate ACK (a delayed ACK is not owed yet). Reported before the TCB transmits what the
   * arrival allows.
   */
  default void segmentArrived(Tcb tcb, Segment seg, TcpState before, boolean replied, long now) {
  }

  /**
   * {@code seg} arrived for no connection: to a listening port that did not make a TCB of it, or
   * to a port with nothing (3.10.7.1, CLOSED), and {@code reply} (or null) answered it.
   */
  default void segmentWithoutTcb(TcpLayer layer, Segment seg, boolean listening, Segment reply,
      long now) {
  }

  /**
   * {@code tcb} sent {@code seg}; {@code retransmission} when it carries sequence numbers sent
   * before (an RTO, a fast retransmit, go-back-N).
   */
  default void segmentSent(Tcb tcb, Segment seg, boolean retransmission, long now) {
  }

  /**
   * In-order text from sequence number {@code seq} ({@code len} octets) was queued for the user
   * (3.10.7.4 seventh step). {@code seq} is where the octets were in the peer's stream.
   */
  default void delivered(Tcb tcb, SeqNum seq, int len, long now) {
  }

  /**
   * Text or a FIN beyond RCV.NXT, from {@code seq}, was held for later processing (3.10.7.4: "may
   * be held"); it reaches the user through {@link #delivered} once the gap is filled.
   */
  default void heldOutOfOrder(Tcb tcb, SeqNum seq, long now) {
  }

  /** A timer expired and {@code tcb} handled it (reported after what it did). */
  default void timerExpired(Tcb tcb, Timer timer, long now) {
  }
}
