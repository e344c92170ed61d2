package dev.netspec.tcp;

import dev.netspec.wire.Ipv4Addr;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Initial sequence numbers per RFC 6528 section 3: {@code ISN = M + F(localip, localport,
 * remoteip, remoteport, secretkey)}, where M is a timer ticking every 4 microseconds (RFC 9293
 * 3.4.1) and F a keyed hash (here the first 32 bits of SHA-256 over the secret and the 4-tuple;
 * RFC 6528 asks for a PRF such as MD5 or better). The clock is the virtual {@code now} passed in,
 * so runs stay deterministic for a given secret; each connection 4-tuple gets its own sequence
 * space, and a new incarnation of the same 4-tuple starts above the old one as time passes.
 */
public final class IsnGenerator {
  private final byte[] secret;

  /** {@code secret} should be random per host (RFC 6528: "SHOULD be ... unknown to attackers"). */
  public IsnGenerator(byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("RFC 6528 secret should be at least 128 bits");
    }
    this.secret = secret.clone();
  }

  /** An ISN for the connection at virtual time {@code nowNs}. */
  public SeqNum isn(Ipv4Addr local, int localPort, Ipv4Addr remote, int remotePort, long nowNs) {
    int m = (int) (nowNs / 4_000L); // RFC 6528 3: "M is the 4 microsecond timer"
    return new SeqNum(m + hash(local, localPort, remote, remotePort));
  }

  /** F of RFC 6528: constant per 4-tuple and secret, unpredictable without the secret. */
  int hash(Ipv4Addr local, int localPort, Ipv4Addr remote, int remotePort) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(secret);
      sha.update(ByteBuffer.allocate(12).putInt(local.bits()).putShort((short) localPort)
          .putInt(remote.bits()).putShort((short) remotePort).array());
      return ByteBuffer.wrap(sha.digest()).getInt();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
