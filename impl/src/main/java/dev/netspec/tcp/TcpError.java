package dev.netspec.tcp;

/** Why a connection ended abnormally, as RFC 9293 3.10 words the user signals. */
public enum TcpError {
  /** "error: connection refused" (RST in SYN-SENT, or in SYN-RECEIVED after an active OPEN). */
  REFUSED,
  /** "error: connection reset" (acceptable RST in a synchronized state). */
  RESET,
  /** "error: connection aborted due to user timeout" (3.10.8), or keep-alive gave up. */
  TIMED_OUT,
  /** The local user called ABORT (3.10.5). */
  ABORTED
}
