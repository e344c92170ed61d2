package dev.netspec.tcp;

import dev.netspec.buf.Mbuf;
import dev.netspec.wire.TcpOptions;
import dev.netspec.wire.TcpView;
import java.util.Arrays;
import java.util.Objects;

/**
 * One segment as the state machine sees it (RFC 9293 3.3.1 "current segment variables"): ports
 * belong to the connection, not here. {@code window} is the 16-bit field as on the wire
 * (unscaled). {@code data()} is never modified after construction.
 *
 * <p>The payload is held in one of three ways, so that bulk data is copied only twice on its way
 * from one socket to the other (send buffer to packet, packet to receive buffer), as Linux copies
 * user memory into an skb and out of one, instead of four times through an array of its own:
 * <ul>
 *   <li>its own array (the public constructor; segments that tests, the conformance tools and
 *       probes build, hold or compare);
 *   <li>a view of the received packet ({@link #inPacket}), made by {@link TcpLayer#input} and
 *       valid only during that call, because the packet goes back to the pool afterwards;
 *   <li>a view of the send buffer ({@link #inSendBuffer}), made by {@link Tcb} for an
 *       {@link Tcb.Output} that copies the payload before it returns ({@link
 *       Tcb.Output#copiesPayloadAtOnce}), valid only during {@link Tcb.Output#send}, because an
 *       acknowledgment may discard the bytes afterwards.
 * </ul>
 * Views are made only where nothing can keep the segment beyond that call: never while a
 * {@link TcpProbe} is attached (probes and recorders keep segments). {@link #data()} of a view
 * copies the bytes into an array of its own on first use (so a held out-of-order segment keeps
 * its bytes after the packet is gone).
 *
 * <p>Value semantics as the record it was: equal segments have equal fields and equal payload
 * bytes.
 */
public final class Segment {

  public static final byte[] NO_DATA = new byte[0];

  private final SeqNum seq;
  private final SeqNum ack;
  private final int flags;
  private final int window;
  private final TcpOptions options;
  private final int length;
  private byte[] data; // null while the payload is a view not yet copied
  private final Mbuf packet; // view: bytes [offset, offset+length) of this packet
  private final ByteRing ring; // view: bytes [offset, offset+length) from the ring's front
  private final int offset;

  public Segment(SeqNum seq, SeqNum ack, int flags, int window, TcpOptions options, byte[] data) {
    this(seq, ack, flags, window, options, Objects.requireNonNull(data, "data"), data.length, null,
        null, 0);
  }

  private Segment(SeqNum seq, SeqNum ack, int flags, int window, TcpOptions options, byte[] data,
      int length, Mbuf packet, ByteRing ring, int offset) {
    if (window < 0 || window > 0xFFFF) {
      throw new IllegalArgumentException("window field out of range: " + window);
    }
    this.seq = seq;
    this.ack = ack;
    this.flags = flags;
    this.window = window;
    this.options = options;
    this.data = data;
    this.length = length;
    this.packet = packet;
    this.ring = ring;
    this.offset = offset;
  }

  /** A control segment without options or data. */
  public static Segment control(SeqNum seq, SeqNum ack, int flags, int window) {
    return new Segment(seq, ack, flags, window, TcpOptions.NONE, NO_DATA);
  }

  /** Payload = packet bytes {@code [offset, offset+length)}; valid while the packet is open. */
  static Segment inPacket(SeqNum seq, SeqNum ack, int flags, int window, TcpOptions options,
      Mbuf packet, int offset, int length) {
    if (length == 0) {
      return new Segment(seq, ack, flags, window, options, NO_DATA);
    }
    return new Segment(seq, ack, flags, window, options, null, length, packet, null, offset);
  }

  /**
   * Payload = {@code length} bytes {@code offset} bytes from the front of {@code ring}; valid
   * while the ring is unchanged.
   */
  static Segment inSendBuffer(SeqNum seq, SeqNum ack, int flags, int window, TcpOptions options,
      ByteRing ring, int offset, int length) {
    if (length == 0) {
      return new Segment(seq, ack, flags, window, options, NO_DATA);
    }
    return new Segment(seq, ack, flags, window, options, null, length, null, ring, offset);
  }

  public SeqNum seq() {
    return seq;
  }

  public SeqNum ack() {
    return ack;
  }

  public int flags() {
    return flags;
  }

  public int window() {
    return window;
  }

  public TcpOptions options() {
    return options;
  }

  /** The payload bytes (copied out of a view on first use). Do not modify. */
  public byte[] data() {
    byte[] d = data;
    if (d == null) {
      d = new byte[length];
      copyData(0, d, 0, length);
      data = d;
    }
    return d;
  }

  /** Payload bytes: {@code data().length} without copying a view. */
  public int dataLength() {
    return length;
  }

  /** Whether the payload is a view (tests: the fast path is taken). */
  boolean isView() {
    return data == null;
  }

  private void copyData(int from, byte[] dst, int off, int len) {
    if (data != null) {
      System.arraycopy(data, from, dst, off, len);
    } else if (packet != null) {
      packet.getBytes(offset + from, dst, off, len);
    } else {
      ring.peek(offset + from, dst, off, len);
    }
  }

  /**
   * Appends the payload to {@code m}, one copy from wherever it is, and returns its
   * one's-complement sum (folded to 16 bits; RFC 1071), computed during the copy for the
   * checksum.
   */
  int appendDataTo(Mbuf m) {
    if (data != null) {
      return m.appendBytesSummed(data, 0, length);
    } else if (packet != null) {
      return m.appendBytesSummed(data(), 0, length); // a received segment sent on: kept total
    } else {
      return ring.appendTo(m, offset, length);
    }
  }

  /** Writes payload bytes {@code [from, length)} into {@code r}; returns how many fitted. */
  int writeDataTo(ByteRing r, int from) {
    if (data != null) {
      return r.write(data, from, length - from);
    }
    if (packet != null) {
      return r.write(packet, offset + from, length - from);
    }
    byte[] tmp = new byte[length - from]; // a send-buffer view is never received; kept total
    ring.peek(offset + from, tmp, 0, tmp.length);
    return r.write(tmp, 0, tmp.length);
  }

  /** This segment with other options, the payload held the same way. */
  Segment withOptions(TcpOptions o) {
    return new Segment(seq, ack, flags, window, o, data, length, packet, ring, offset);
  }

  /**
   * Payload bytes {@code [from, from+len)} as a segment starting at {@code newSeq} with {@code
   * newFlags} (a view stays a view, an array is copied).
   */
  Segment trimmed(SeqNum newSeq, int newFlags, int from, int len) {
    if (from == 0 && len == length && newFlags == flags && newSeq.equals(seq)) {
      return this;
    }
    if (len == 0) {
      return new Segment(newSeq, ack, newFlags, window, options, NO_DATA);
    }
    if (data != null) {
      byte[] d = from == 0 && len == length ? data : Arrays.copyOfRange(data, from, from + len);
      return new Segment(newSeq, ack, newFlags, window, options, d);
    }
    return new Segment(newSeq, ack, newFlags, window, options, null, len, packet, ring,
        offset + from);
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
    return length + (syn() ? 1 : 0) + (fin() ? 1 : 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Segment s && s.flags == flags && s.window == window
        && Objects.equals(s.seq, seq) && Objects.equals(s.ack, ack)
        && Objects.equals(s.options, options) && Arrays.equals(s.data(), data());
  }

  @Override
  public int hashCode() {
    return Objects.hash(seq, ack, flags, window, options, Arrays.hashCode(data()));
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
        + ">" + (length > 0 ? "[" + length + " bytes]" : "");
  }
}
