package dev.netspec.tcp;

import dev.netspec.wire.TcpOptions;
import dev.netspec.wire.TcpView;

/**
 * One segment as the state machine sees it (RFC 9293 3.3.1 "current segment variables"): ports
 * belong to the connection, not here. {@code window} is the 16-bit field as on the wire
 * (unscaled). {@code data} is owned by the segment: never modified after construction.
 */
public record Segment(SeqNum seq, SeqNum ack, int flags, int window, TcpOptions options,
    byte[] data) {

  public static final byte[] NO_DATA = new byte[0];

  public Segment {
    if (window < 0 || window > 0xFFFF) {
      throw new IllegalArgumentException("window field out of range: " + window);
    }
  }

  /** A control segment without options or data. */
  public static Segment control(SeqNum seq, SeqNum ack, int flags, int window) {
    return new Segment(seq, ack, flags, window, TcpOptions.NONE, NO_DATA);
  }

  public boolean has(int flag) {
    return (flags & flag) != 0;
  }

  public boolean syn() {
    return has(TcpView.SYN);
  }

  public boolean fin() {
    return has(TcpView.FIN);
  }

  public boolean rst() {
    return has(TcpView.RST);
  }

  public boolean ackFlag() {
    return has(TcpView.ACK);
  }

  /** SEG.LEN: data bytes plus one each for SYN and FIN (RFC 9293 3.4). */
  public int len() {
    return data.length + (syn() ? 1 : 0) + (fin() ? 1 : 0);
  }

  @Override
  public String toString() {
    StringBuilder f = new StringBuilder();
    String[] names = {"FIN", "SYN", "RST", "PSH", "ACK"};
    for (int b = 0; b < names.length; b++) {
      if ((flags & (1 << b)) != 0) {
        f.append(f.isEmpty() ? "" : ",").append(names[b]);
      }
    }
    return "<SEQ=" + seq + (ackFlag() ? "><ACK=" + ack : "") + "><CTL=" + f + "><WND=" + window
        + ">" + (data.length > 0 ? "[" + data.length + " bytes]" : "");
  }
}
