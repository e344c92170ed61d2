package dev.netspec.tcp;

import dev.netspec.wire.Ipv4Addr;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SYN cookies (RFC 4987 3.6, after Bernstein): when a listener's queue is full, the SYN,ACK's
 * sequence number encodes what the server would otherwise have stored, so the half-open
 * connection costs no memory. The cookie (our ISS) is, from the top bit down:
 *
 * <pre>
 *   5 bits  t mod 32, t = now / 64 s           (the cookie's age)
 *   2 bits  index of the MSS in {@link #MSS_TABLE}
 *  25 bits  a keyed hash (SHA-256) of secret, 4-tuple, t, MSS index and the client's ISN
 * </pre>
 *
 * The final ACK proves the client saw the SYN,ACK: ACK - 1 must be a cookie that verifies for
 * the ACK's 4-tuple and SEQ - 1, minted in the current or the previous 64-second period.
 *
 * <p>The 32-bit cookie has no room for the SYN's other options (RFC 4987 3.6 names their loss as
 * the price of cookies). When the client sent timestamps (RFC 7323 3), the SYN,ACK's TSval has
 * room instead, because the client echoes it in TSecr of the ACK: its low {@link #OPTION_BITS}
 * bits carry the client's window shift (0-14, or 15 for none) and SACK-permitted, and the TSval
 * is moved back by one step of that field if needed so that it never runs ahead of the
 * connection's timestamp clock (a later, smaller TSval would fail the client's PAWS test,
 * RFC 7323 5). Those bits are not authenticated; a client that forges them only changes its
 * own connection.
 */
final class SynCookies {
  static final int[] MSS_TABLE = {536, 1220, 1440, 1460};
  private static final long PERIOD_NS = 64_000_000_000L;

  /** Low TSval bits that carry options: 4 for the window shift, 1 for SACK-permitted. */
  static final int OPTION_BITS = 5;
  private static final int OPTION_MASK = (1 << OPTION_BITS) - 1;
  private static final int NO_SCALE = 15;

  /** Options of the client's SYN that a cookie connection restores. */
  record Options(int windowScale, boolean sackPermitted) {
    Options {
      if (windowScale < -1 || windowScale > 14) {
        throw new IllegalArgumentException("window shift " + windowScale + " not in -1..14");
      }
    }
  }

  /**
   * The TSval for a cookie SYN,ACK: the clock value {@code clock} with the options in its low
   * bits, never greater than {@code clock} in sequence-space order (RFC 7323 5.2's PAWS uses
   * modular comparison).
   */
  static int encodeTsval(int clock, Options o) {
    int bits = (o.windowScale() < 0 ? NO_SCALE : o.windowScale()) | (o.sackPermitted() ? 16 : 0);
    int v = (clock & ~OPTION_MASK) | bits;
    if (v - clock > 0) {
      v -= OPTION_MASK + 1; // one field step back: stays behind the clock
    }
    return v;
  }

  /** The options a cookie SYN,ACK's TSval (echoed as TSecr by the client) carries. */
  static Options decodeTsecr(int tsecr) {
    int scale = tsecr & 15;
    return new Options(scale == NO_SCALE ? -1 : Math.min(scale, 14), (tsecr & 16) != 0);
  }

  private final byte[] secret;

  SynCookies(byte[] secret) {
    this.secret = secret.clone();
  }

  /** The cookie ISS for a SYN from {@code remote} with sequence number {@code irs}. */
  SeqNum make(Ipv4Addr local, int localPort, Ipv4Addr remote, int remotePort, SeqNum irs,
      int peerMss, long now) {
    int t = (int) ((now / PERIOD_NS) & 31);
    int m = 0;
    for (int i = 0; i < MSS_TABLE.length; i++) {
      if (MSS_TABLE[i] <= peerMss) {
        m = i;
      }
    }
    return new SeqNum((t << 27) | (m << 25) | (mac(local, localPort, remote, remotePort, t, m, irs)
        & 0x1FF_FFFF));
  }

  /**
   * The MSS the cookie {@code iss} encodes if it verifies for this 4-tuple and client ISN at
   * {@code now}, else -1.
   */
  int check(Ipv4Addr local, int localPort, Ipv4Addr remote, int remotePort, SeqNum irs,
      SeqNum iss, long now) {
    int v = iss.value();
    int t = v >>> 27;
    int m = (v >>> 25) & 3;
    int nowT = (int) ((now / PERIOD_NS) & 31);
    if (((nowT - t) & 31) > 1) {
      return -1; // older than one period: expired
    }
    int expect = mac(local, localPort, remote, remotePort, t, m, irs) & 0x1FF_FFFF;
    return (v & 0x1FF_FFFF) == expect ? MSS_TABLE[m] : -1;
  }

  private int mac(Ipv4Addr local, int localPort, Ipv4Addr remote, int remotePort, int t, int m,
      SeqNum irs) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(secret);
      sha.update(ByteBuffer.allocate(20).putInt(local.bits()).putShort((short) localPort)
          .putInt(remote.bits()).putShort((short) remotePort).put((byte) t).put((byte) m)
          .putInt(irs.value()).array());
      return ByteBuffer.wrap(sha.digest()).getInt();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
