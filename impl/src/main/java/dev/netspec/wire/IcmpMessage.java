package dev.netspec.wire;

import dev.netspec.buf.Mbuf;

/**
 * The ICMP messages this stack speaks (RFC 792), as values. Only the 8-byte header is in the
 * value; the data (echo payload, or the offending datagram's header plus 64 bits) stays in the
 * buffer after it.
 */
public sealed interface IcmpMessage {

  /** Type 8 (RFC 792 "Echo or Echo Reply Message"). */
  record EchoRequest(int identifier, int sequence) implements IcmpMessage {
    public EchoRequest {
      checkU16(identifier, sequence);
    }
  }

  /** Type 0. */
  record EchoReply(int identifier, int sequence) implements IcmpMessage {
    public EchoReply {
      checkU16(identifier, sequence);
    }
  }

  /**
   * Type 3 (RFC 792 "Destination Unreachable Message"); {@code nextHopMtu} is meaningful only for
   * code 4, fragmentation needed (RFC 1191 section 4), and zero otherwise.
   */
  record DestinationUnreachable(int code, int nextHopMtu) implements IcmpMessage {
    public static final int NET = 0;
    public static final int HOST = 1;
    public static final int PROTOCOL = 2;
    public static final int PORT = 3;
    public static final int FRAGMENTATION_NEEDED = 4;

    public DestinationUnreachable {
      checkU16(nextHopMtu, code);
      if (code > 255) {
        throw new IllegalArgumentException("ICMP code > 255: " + code);
      }
    }
  }

  /** Type 11 (RFC 792 "Time Exceeded Message"). */
  record TimeExceeded(int code) implements IcmpMessage {
    /** Code 0: time to live exceeded in transit. */
    public static final int TTL_EXCEEDED = 0;
    /** Code 1: fragment reassembly time exceeded. */
    public static final int REASSEMBLY = 1;

    public TimeExceeded {
      if (code < 0 || code > 255) {
        throw new IllegalArgumentException("ICMP code out of 0..255: " + code);
      }
    }
  }

  private static void checkU16(int a, int b) {
    if (a < 0 || a > 0xFFFF || b < 0 || b > 0xFFFF) {
      throw new IllegalArgumentException("ICMP field out of 0..65535");
    }
  }

  /** The 8-byte header; the data follows it. */
  default int headerLen() {
    return IcmpView.HEADER_LEN;
  }

  /**
   * Validates the ICMP message that is exactly the readable bytes of {@code buf}; never throws
   * on any bytes.
   */
  static Parsed<IcmpMessage> parse(Mbuf buf) {
    Parsed<IcmpView> checked = IcmpView.wrapChecked(buf);
    if (!(checked instanceof Parsed.Ok<IcmpView>(IcmpView v))) {
      return Parsed.rejected(Rejection.ICMP_TOO_SHORT);
    }
    if (!v.checksumVerifies()) {
      return Parsed.rejected(Rejection.ICMP_BAD_CHECKSUM);
    }
    return switch (v.type()) {
      case IcmpView.TYPE_ECHO_REQUEST -> v.code() != 0
          ? Parsed.rejected(Rejection.ICMP_BAD_CODE)
          : Parsed.ok(new EchoRequest(v.identifier(), v.sequence()));
      case IcmpView.TYPE_ECHO_REPLY -> v.code() != 0
          ? Parsed.rejected(Rejection.ICMP_BAD_CODE)
          : Parsed.ok(new EchoReply(v.identifier(), v.sequence()));
      // RFC 1122 3.2.2.1: an unknown Destination Unreachable code is still a valid message.
      case IcmpView.TYPE_DEST_UNREACHABLE -> Parsed.ok(new DestinationUnreachable(v.code(),
          v.code() == DestinationUnreachable.FRAGMENTATION_NEEDED ? v.nextHopMtu() : 0));
      case IcmpView.TYPE_TIME_EXCEEDED -> Parsed.ok(new TimeExceeded(v.code()));
      default -> Parsed.rejected(Rejection.ICMP_UNSUPPORTED_TYPE);
    };
  }

  /**
   * Writes the header at index 0 of {@code buf} and the checksum over all its readable bytes
   * (header and the data already behind it).
   */
  default void emit(Mbuf buf) {
    IcmpView v = IcmpView.wrapUnchecked(buf);
    switch (this) {
      case EchoRequest e -> {
        v.setTypeCode(IcmpView.TYPE_ECHO_REQUEST, 0);
        v.setRest(e.identifier(), e.sequence());
      }
      case EchoReply e -> {
        v.setTypeCode(IcmpView.TYPE_ECHO_REPLY, 0);
        v.setRest(e.identifier(), e.sequence());
      }
      case DestinationUnreachable d -> {
        v.setTypeCode(IcmpView.TYPE_DEST_UNREACHABLE, d.code());
        v.setRest(0, d.nextHopMtu());
      }
      case TimeExceeded t -> {
        v.setTypeCode(IcmpView.TYPE_TIME_EXCEEDED, t.code());
        v.setRest(0, 0);
      }
    }
    v.fillChecksum();
  }

  /** Prepends this header in front of the data already in {@code buf} and checksums it all. */
  default void prependTo(Mbuf buf) {
    buf.prepend(headerLen());
    emit(buf);
  }
}
