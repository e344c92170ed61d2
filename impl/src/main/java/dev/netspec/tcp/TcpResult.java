package dev.netspec.tcp;

/** The refusals of RFC 9293 3.10 user calls, as its text words them. */
public enum TcpResult {
  OK,
  /** "error: connection does not exist" / "connection illegal for this process". */
  NOT_CONNECTED,
  /** "error: connection closing" (SEND or RECEIVE after the direction was closed). */
  CLOSING,
  /** "error: connection already exists". */
  ALREADY_EXISTS,
  /** "error: foreign socket unspecified" (SEND in LISTEN without a remote). */
  FOREIGN_UNSPECIFIED,
  /** A previously signalled {@link TcpError} ended the connection. */
  FAILED
}
