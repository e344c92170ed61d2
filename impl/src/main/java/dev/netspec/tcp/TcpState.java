package dev.netspec.tcp;

/** The eleven connection states of RFC 9293 3.3.2. */
public enum TcpState {
  CLOSED,
  LISTEN,
  SYN_SENT,
  SYN_RECEIVED,
  ESTABLISHED,
  FIN_WAIT_1,
  FIN_WAIT_2,
  CLOSE_WAIT,
  CLOSING,
  LAST_ACK,
  TIME_WAIT;

  /**
   * Whether the connection is synchronized (RFC 9293 3.5.2: ESTABLISHED and every state after
   * it; SYN-RECEIVED is "non-synchronized" for RST generation but shares the acceptability test).
   */
  public boolean synchronized_() {
    return ordinal() >= ESTABLISHED.ordinal();
  }

  /** RFC 9293 names ("SYN-RECEIVED"). */
  public String rfcName() {
    return name().replace('_', '-');
  }
}
