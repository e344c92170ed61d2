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
    Parsed<UdpView> checked = UdpView.wrapChecked(buf);
    if (!(checked instanceof Parsed.Ok<UdpView>(UdpView v))) {
      return Parsed.rejected(((Parsed.Rejected<UdpView>) checked).reason());
    }
    // RFC 1122 4.1.3.4: "If a UDP datagram is received with a checksum that is non-zero and
    // invalid, UDP MUST silently discard the datagram."
    if (!v.checksumVerifies(src, dst)) {
      return Parsed.rejected(Rejection.UDP_BAD_CHECKSUM);
    }
    return Parsed.ok(new UdpHeader(v.sourcePort(), v.destinationPort(),
        v.length() - UdpView.HEADER_LEN));
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
