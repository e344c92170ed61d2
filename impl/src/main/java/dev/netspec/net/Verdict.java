package dev.netspec.net;

import dev.netspec.wire.Rejection;

/**
 * What an upper-layer {@link ProtocolHandler} did with a datagram. The stack does the counting
 * and, for {@link Unreachable}, sends the ICMP error, so handlers stay free of both.
 */
public sealed interface Verdict {

  /** Consumed (e.g. queued on a socket). */
  record Delivered() implements Verdict {}

  /** Dropped for {@code reason}. */
  record Dropped(DropReason reason) implements Verdict {}

  /** The transport header failed validation. */
  record Malformed(Rejection rejection) implements Verdict {}

  /**
   * Dropped, and the sender should hear ICMP destination unreachable with {@code code} (e.g. 3,
   * port unreachable, RFC 1122 4.1.3.1), subject to the rules that suppress ICMP errors.
   */
  record Unreachable(DropReason reason, int code) implements Verdict {}

  Verdict DELIVERED = new Delivered();
}
