package dev.netspec.wire;

import dev.netspec.buf.Mbuf;

/**
 * A TCP header (RFC 9293 3.1) as a value. Sequence and acknowledgment numbers are the raw 32 bits
 * (the {@code tcp} package wraps them in {@code SeqNum} for modular comparison).
 *
 * @param flags control bits, {@link TcpView#FIN} ... {@link TcpView#CWR}
 */
public record TcpHeader(int sourcePort, int destinationPort, int sequence, int acknowledgment,
    int flags, int window, int urgentPointer, TcpOptions options) {

  public TcpHeader {
    if (sourcePort < 0 || sourcePort > 0xFFFF || destinationPort < 0 || destinationPort > 0xFFFF
        || flags < 0 || flags > 0xFF || window < 0 || window > 0xFFFF || urgentPointer < 0
        || urgentPointer > 0xFFFF) {
      throw new IllegalArgumentException("TCP header field out of range");
    }
    if (options == null) {
      throw new IllegalArgumentException("options must not be null; use TcpOptions.NONE");
    }
  }

  /**
   * Validates the segment that starts at index 0 of {@code buf} and ends at its last readable
   * byte (the IPv4 payload, from {@code src} to {@code dst}); never throws on any bytes. The
   * payload is {@code buf.readableBytes() - headerLen()} bytes after the header.
   */
  public static Parsed<TcpHeader> parse(Mbuf buf, Ipv4Addr src, Ipv4Addr dst) {
    // TcpView.wrapChecked's checks, made here without its wrapper objects (once per segment).
    int len = buf.readableBytes();
    if (len < TcpView.MIN_HEADER_LEN) {
      return Parsed.rejected(Rejection.TCP_TOO_SHORT);
    }
    int hl = (buf.getU8(TcpView.DATA_OFFSET) >>> 4) * 4;
    if (hl < TcpView.MIN_HEADER_LEN) {
      return Parsed.rejected(Rejection.TCP_BAD_DATA_OFFSET);
    }
    if (hl > len) {
      return Parsed.rejected(Rejection.TCP_HEADER_TRUNCATED);
    }
    // RFC 9293 3.1 / MUST-3: the checksum is always checked; a bad one means the segment is
    // discarded (3.10.7 does not even look at it).
    int sum = Checksum.pseudoHeaderSum(src, dst, Ipv4View.PROTO_TCP, len);
    if (Checksum.add(sum, Checksum.sum(buf, 0, len)) != 0xFFFF) {
      return Parsed.rejected(Rejection.TCP_BAD_CHECKSUM);
    }
    // RFC 1122 4.2.3.10: "A TCP implementation MUST ... silently discard any segment addressed
    // to a broadcast or multicast address." Checked here because the pseudo-header is at hand.
    if (dst.isBroadcast() || dst.isMulticast()) {
      return Parsed.rejected(Rejection.TCP_NOT_UNICAST);
    }
    TcpOptions o;
    if (hl == TcpView.MIN_HEADER_LEN) {
      o = TcpOptions.NONE;
    } else if (hl == TcpView.MIN_HEADER_LEN + 12
        && buf.getI32(TcpView.OPTIONS) == (TcpOptions.KIND_NOP << 24 | TcpOptions.KIND_NOP << 16
            | TcpOptions.KIND_TIMESTAMPS << 8 | 10)) {
      // NOP NOP timestamps, the options of every segment of an established connection that
      // uses them (RFC 7323 3.2, the layout TcpOptions.emit and Linux write): what the loop in
      // TcpOptions.parse would make of these 12 bytes, without its wrapper.
      o = new TcpOptions(-1, -1, false, new TcpOptions.Timestamps(
          buf.getI32(TcpView.OPTIONS + 4), buf.getI32(TcpView.OPTIONS + 8)), java.util.List.of());
    } else {
      Parsed<TcpOptions> opts = TcpOptions.parse(buf, TcpView.OPTIONS, hl);
      if (!(opts instanceof Parsed.Ok<TcpOptions>(TcpOptions parsed))) {
        return Parsed.rejected(((Parsed.Rejected<TcpOptions>) opts).reason());
      }
      o = parsed;
    }
    return Parsed.ok(new TcpHeader(buf.getU16(TcpView.SOURCE_PORT),
        buf.getU16(TcpView.DESTINATION_PORT), buf.getI32(TcpView.SEQUENCE),
        buf.getI32(TcpView.ACKNOWLEDGMENT), buf.getU8(TcpView.FLAGS), buf.getU16(TcpView.WINDOW),
        buf.getU16(TcpView.URGENT_POINTER), o));
  }

  public boolean has(int flag) {
    return (flags & flag) != 0;
  }

  public int headerLen() {
    return TcpView.MIN_HEADER_LEN + options.length();
  }

  /**
   * Writes the header at index 0 of {@code buf} and the checksum over the pseudo-header and
   * every readable byte of {@code buf} (header plus payload). With an empty payload {@code buf}
   * holds exactly {@code headerLen()} bytes.
   */
  public void emit(Mbuf buf, Ipv4Addr src, Ipv4Addr dst) {
    writeFields(buf);
    TcpView.wrapUnchecked(buf).fillChecksum(src, dst);
  }

  private void writeFields(Mbuf buf) {
    buf.setU16(TcpView.SOURCE_PORT, sourcePort);
    buf.setU16(TcpView.DESTINATION_PORT, destinationPort);
    buf.setI32(TcpView.SEQUENCE, sequence);
    buf.setI32(TcpView.ACKNOWLEDGMENT, acknowledgment);
    buf.setU8(TcpView.DATA_OFFSET, (headerLen() / 4) << 4);
    buf.setU8(TcpView.FLAGS, flags);
    buf.setU16(TcpView.WINDOW, window);
    buf.setU16(TcpView.URGENT_POINTER, urgentPointer);
    int n = options.emit(buf, TcpView.OPTIONS);
    int hl = headerLen();
    for (int i = TcpView.OPTIONS + n; i < hl; i++) {
      buf.setU8(i, TcpOptions.KIND_EOL);
    }
  }

  /** Prepends this header in front of the payload already in {@code buf} and checksums it. */
  public void prependTo(Mbuf buf, Ipv4Addr src, Ipv4Addr dst) {
    buf.prepend(headerLen());
    emit(buf, src, dst);
  }

  /**
   * Prepends this header in front of the payload already in {@code buf}, whose one's-complement
   * sum is {@code payloadSum} (as {@link Mbuf#appendBytesSummed} returned it), and checksums it
   * reading only the header.
   */
  public void prependTo(Mbuf buf, Ipv4Addr src, Ipv4Addr dst, int payloadSum) {
    buf.prepend(headerLen());
    writeFields(buf);
    TcpView.wrapUnchecked(buf).fillChecksum(src, dst, payloadSum);
  }

  @Override
  public String toString() {
    StringBuilder f = new StringBuilder();
    String[] names = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};
    for (int b = 0; b < 8; b++) {
      if ((flags & (1 << b)) != 0) {
        f.append(f.isEmpty() ? "" : ",").append(names[b]);
      }
    }
    return "TCP " + sourcePort + " > " + destinationPort + " [" + f + "] seq="
        + Integer.toUnsignedString(sequence) + " ack=" + Integer.toUnsignedString(acknowledgment)
        + " win=" + window + (options.equals(TcpOptions.NONE) ? "" : " " + options);
  }
}
