package dev.netspec.wire;

import dev.netspec.buf.Mbuf;

/** A UDP header (RFC 768) as a value; {@code payloadLength} is the length field minus 8. */
public record UdpHeader(int sourcePort, int destinationPort, int payloadLength) {

  public UdpHeader {
    if (sourcePort < 0 || sourcePort > 0xFFFF || destinationPort < 0 || destinationPort > 0xFFFF
        || payloadLength < 0 || payloadLength > 0xFFFF - UdpView.HEADER_LEN) {
      throw new IllegalArgumentException("UDP header field out of range");
    }
  }

  /**
   * Validates the datagram that starts at index 0 of {@code buf} (the IPv4 payload, from
   * {@code src} to {@code dst}); never throws on any bytes. Bytes after the length field's end are
   * left for the caller to trim.
   */
  public static Parsed<UdpHeader> parse(Mbuf buf, Ipv4Addr src, Ipv4Addr dst) {
    int length = validate(buf, src.bits(), dst.bits());
    if (length < 0) {
      return Parsed.rejected(Rejection.fromCode(length));
    }
    return Parsed.ok(new UdpHeader(buf.getU16(UdpView.SOURCE_PORT),
        buf.getU16(UdpView.DESTINATION_PORT), length - UdpView.HEADER_LEN));
  }

  /**
   * The checks of {@link #parse} without building anything: the UDP length field (8 or more) if
   * the datagram from {@code src} to {@code dst} (address bits) is valid, otherwise the negative
   * {@link Rejection#code()} of the first rule broken. Never throws, never allocates.
   */
  public static int validate(Mbuf buf, int src, int dst) {
    // UdpView.wrapChecked's checks, in its order, with one range check for the header.
    int have = buf.readableBytes();
    if (have < UdpView.HEADER_LEN) {
      return Rejection.UDP_TOO_SHORT.code();
    }
    int o = buf.headerOffset(0, UdpView.HEADER_LEN);
    long header = buf.getI64Abs(o); // source port, destination port, length, checksum
    int length = (int) (header >>> 16) & 0xFFFF;
    if (length < UdpView.HEADER_LEN || length > have) {
      return Rejection.UDP_BAD_LENGTH.code();
    }
    // RFC 1122 4.1.3.4: "If a UDP datagram is received with a checksum that is non-zero and
    // invalid, UDP MUST silently discard the datagram." Zero means none was sent (RFC 768).
    if ((header & 0xFFFF) != 0) {
      int s = Checksum.pseudoHeaderWords(src, dst, Ipv4View.PROTO_UDP, length);
      if (buf.onesComplementSum(0, length, s) != 0xFFFF) {
        return Rejection.UDP_BAD_CHECKSUM.code();
      }
    }
    return length;
  }

  public int headerLen() {
    return UdpView.HEADER_LEN;
  }

  /**
   * Writes the header at index 0 of {@code buf} and the checksum over the pseudo-header, the
   * header and the {@code payloadLength} bytes after it. {@code buf} must hold at least
   * {@code headerLen() + payloadLength} bytes; with an empty payload, exactly {@code headerLen()}.
   */
  public void emit(Mbuf buf, Ipv4Addr src, Ipv4Addr dst) {
    UdpView v = UdpView.wrapUnchecked(buf);
    v.setPorts(sourcePort, destinationPort);
    v.setLength(UdpView.HEADER_LEN + payloadLength);
    v.fillChecksum(src, dst);
  }

  /** Prepends this header in front of the payload already in {@code buf} and checksums it. */
  public void prependTo(Mbuf buf, Ipv4Addr src, Ipv4Addr dst) {
    buf.prepend(headerLen());
    emit(buf, src, dst);
  }
}
