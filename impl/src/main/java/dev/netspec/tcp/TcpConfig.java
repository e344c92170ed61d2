package dev.netspec.tcp;

/**
 * Per-connection settings. Defaults follow the RFCs; {@link #forTests()} shrinks the long timers
 * (MSL, user timeout) so simulated runs end quickly.
 *
 * @param mss the MSS we announce and the largest segment we send (RFC 9293 3.7.1)
 * @param sendBuffer SO_SNDBUF in bytes
 * @param receiveBuffer SO_RCVBUF in bytes; the receive window never exceeds it
 * @param windowScale our window scale shift (RFC 7323 2.2), or -1 to not offer scaling
 * @param mslNs maximum segment lifetime; TIME-WAIT lasts 2 MSL (RFC 9293 3.4.2: 2 minutes)
 * @param rtoInitialNs RTO before any RTT sample (RFC 6298 2.1: 1 second)
 * @param rtoMinNs lower bound of the RTO (RFC 6298 2.4: 1 second)
 * @param rtoMaxNs upper bound of the RTO (RFC 6298 2.5: at least 60 seconds)
 * @param maxRetransmissions retransmissions of one segment before the connection is given up
 *     (RFC 9293 3.8.3 / RFC 1122 4.2.3.5 threshold R2, here counted rather than timed)
 * @param delayedAckNs how long an ACK may be delayed (RFC 9293 3.8.6.3: less than 0.5 s)
 * @param noDelay TCP_NODELAY: turn off the Nagle algorithm (RFC 9293 3.7.4)
 * @param keepaliveIdleNs idle time before keep-alive probes (RFC 9293 3.8.4: at least 2 h), or 0
 *     for off (the default: keep-alives MUST default to off)
 * @param timestamps offer the timestamps option (RFC 7323 3): RTT measurement and PAWS
 * @param sack offer SACK (RFC 2018): report out-of-order data, retransmit only the holes
 */
public record TcpConfig(int mss, int sendBuffer, int receiveBuffer, int windowScale, long mslNs,
    long rtoInitialNs, long rtoMinNs, long rtoMaxNs, int maxRetransmissions, long delayedAckNs,
    boolean noDelay, long keepaliveIdleNs, boolean timestamps, boolean sack) {

  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;

  public TcpConfig {
    if (mss < 64 || mss > 65495 || sendBuffer < 1 || receiveBuffer < 1 || windowScale < -1
        || windowScale > 14 || mslNs < 0 || rtoMinNs <= 0 || rtoInitialNs < rtoMinNs
        || rtoMaxNs < rtoInitialNs || maxRetransmissions < 1 || delayedAckNs < 0
        || delayedAckNs >= 500 * MS || keepaliveIdleNs < 0) {
      throw new IllegalArgumentException("bad TCP configuration: " + this.toString0(mss,
          sendBuffer, receiveBuffer, windowScale));
    }
  }

  private String toString0(int mss, int snd, int rcv, int ws) {
    return "mss=" + mss + " sndbuf=" + snd + " rcvbuf=" + rcv + " wscale=" + ws;
  }

  /** RFC defaults: MSS 1460 (Ethernet), 64 KiB buffers, MSL 2 min, RTO 1 s..60 s, 200 ms ACKs. */
  public static TcpConfig defaults() {
    return new TcpConfig(1460, 65536, 65536, 2, 120 * S, 1 * S, 1 * S, 60 * S, 12, 200 * MS,
        false, 0, true, true);
  }

  /** As {@link #defaults()} with MSL 1 s and at most 8 retransmissions, for simulated tests. */
  public static TcpConfig forTests() {
    return defaults().withMsl(1 * S).withMaxRetransmissions(8);
  }

  public TcpConfig withMss(int v) {
    return new TcpConfig(v, sendBuffer, receiveBuffer, windowScale, mslNs, rtoInitialNs, rtoMinNs,
        rtoMaxNs, maxRetransmissions, delayedAckNs, noDelay, keepaliveIdleNs, timestamps, sack);
  }

  public TcpConfig withBuffers(int snd, int rcv) {
    return new TcpConfig(mss, snd, rcv, windowScale, mslNs, rtoInitialNs, rtoMinNs, rtoMaxNs,
        maxRetransmissions, delayedAckNs, noDelay, keepaliveIdleNs, timestamps, sack);
  }

  public TcpConfig withWindowScale(int v) {
    return new TcpConfig(mss, sendBuffer, receiveBuffer, v, mslNs, rtoInitialNs, rtoMinNs,
        rtoMaxNs, maxRetransmissions, delayedAckNs, noDelay, keepaliveIdleNs, timestamps, sack);
  }

  public TcpConfig withMsl(long v) {
    return new TcpConfig(mss, sendBuffer, receiveBuffer, windowScale, v, rtoInitialNs, rtoMinNs,
        rtoMaxNs, maxRetransmissions, delayedAckNs, noDelay, keepaliveIdleNs, timestamps, sack);
  }

  public TcpConfig withMaxRetransmissions(int v) {
    return new TcpConfig(mss, sendBuffer, receiveBuffer, windowScale, mslNs, rtoInitialNs,
        rtoMinNs, rtoMaxNs, v, delayedAckNs, noDelay, keepaliveIdleNs, timestamps, sack);
  }

  public TcpConfig withNoDelay(boolean v) {
    return new TcpConfig(mss, sendBuffer, receiveBuffer, windowScale, mslNs, rtoInitialNs,
        rtoMinNs, rtoMaxNs, maxRetransmissions, delayedAckNs, v, keepaliveIdleNs, timestamps, sack);
  }

  public TcpConfig withTimestamps(boolean v) {
    return new TcpConfig(mss, sendBuffer, receiveBuffer, windowScale, mslNs, rtoInitialNs,
        rtoMinNs, rtoMaxNs, maxRetransmissions, delayedAckNs, noDelay, keepaliveIdleNs, v, sack);
  }

  public TcpConfig withSack(boolean v) {
    return new TcpConfig(mss, sendBuffer, receiveBuffer, windowScale, mslNs, rtoInitialNs,
        rtoMinNs, rtoMaxNs, maxRetransmissions, delayedAckNs, noDelay, keepaliveIdleNs, timestamps,
        v);
  }

  public TcpConfig withKeepalive(long idleNs) {
    return new TcpConfig(mss, sendBuffer, receiveBuffer, windowScale, mslNs, rtoInitialNs,
        rtoMinNs, rtoMaxNs, maxRetransmissions, delayedAckNs, noDelay, idleNs, timestamps, sack);
  }
}
