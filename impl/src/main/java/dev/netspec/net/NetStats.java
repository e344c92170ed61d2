package dev.netspec.net;

import dev.netspec.wire.Rejection;
import java.util.EnumMap;
import java.util.Map;

/**
 * The counters of one {@link NetStack}. Two ledgers, each of which must balance after every call
 * into the stack:
 *
 * <pre>
 *   input:  framesReceived   = framesDelivered + framesForwarded + sum(inputDrops)  + inputHeld
 *   output: packetsOriginated = packetsSent                       + sum(outputDrops) + outputHeld
 * </pre>
 *
 * A received frame is <em>delivered</em> when a protocol consumes it (ARP updates the cache, ICMP
 * answers an echo, UDP queues the datagram on a socket), <em>forwarded</em> when it leaves on
 * another hop, <em>held</em> while it waits for ARP. A reply the stack generates (ARP reply, echo
 * reply, ICMP error, ARP request) is a new originated packet on the output ledger. Malformed
 * frames are counted once under {@link DropReason#MALFORMED} and once under their {@link
 * Rejection}.
 */
public final class NetStats {
  private static final DropReason[] REASONS = DropReason.values();
  private static final Rejection[] REJECTIONS = Rejection.values();

  long framesReceived;
  long framesDelivered;
  long framesForwarded;
  final long[] inputDrops = new long[REASONS.length];
  final long[] malformed = new long[REJECTIONS.length];
  int inputHeld;

  long packetsOriginated;
  long packetsSent;
  final long[] outputDrops = new long[REASONS.length];
  int outputHeld;

  long icmpErrorsSent;
  long loopedBack;
  long loopbackDiscarded;
  long icmpErrorsSuppressed;
  long arpRequestsSent;
  long arpRepliesSent;

  public long framesReceived() {
    return framesReceived;
  }

  public long framesDelivered() {
    return framesDelivered;
  }

  public long framesForwarded() {
    return framesForwarded;
  }

  /** Received frames dropped for {@code reason}. */
  public long inputDrops(DropReason reason) {
    return inputDrops[reason.ordinal()];
  }

  /** All received frames dropped. */
  public long inputDropsTotal() {
    long s = 0;
    for (long d : inputDrops) {
      s += d;
    }
    return s;
  }

  /** Received frames rejected by a parser for {@code rejection}. */
  public long malformed(Rejection rejection) {
    return malformed[rejection.ordinal()];
  }

  /** Received frames (being forwarded) now waiting for ARP. */
  public int inputHeld() {
    return inputHeld;
  }

  public long packetsOriginated() {
    return packetsOriginated;
  }

  public long packetsSent() {
    return packetsSent;
  }

  public long outputDrops(DropReason reason) {
    return outputDrops[reason.ordinal()];
  }

  public long outputDropsTotal() {
    long s = 0;
    for (long d : outputDrops) {
      s += d;
    }
    return s;
  }

  /** Locally originated packets now waiting for ARP. */
  public int outputHeld() {
    return outputHeld;
  }

  /**
   * Datagrams this node sent to one of its own addresses: counted in {@link #packetsSent()} when
   * queued and in {@link #framesReceived()} when {@code poll} delivers them, never on a device.
   */
  public long loopedBack() {
    return loopedBack;
  }

  /** Looped-back datagrams discarded undelivered by {@code NetStack.close()}. */
  public long loopbackDiscarded() {
    return loopbackDiscarded;
  }

  public long icmpErrorsSent() {
    return icmpErrorsSent;
  }

  /** ICMP errors not sent because RFC 1812 4.3.2.7 / RFC 1122 3.2.2 forbid them. */
  public long icmpErrorsSuppressed() {
    return icmpErrorsSuppressed;
  }

  public long arpRequestsSent() {
    return arpRequestsSent;
  }

  public long arpRepliesSent() {
    return arpRepliesSent;
  }

  /** The input ledger balances (see the class comment). */
  public boolean inputBalanced() {
    return framesReceived == framesDelivered + framesForwarded + inputDropsTotal() + inputHeld;
  }

  /** The output ledger balances (see the class comment). */
  public boolean outputBalanced() {
    return packetsOriginated == packetsSent + outputDropsTotal() + outputHeld;
  }

  /** Non-zero input drop counters, in enum order. */
  public Map<DropReason, Long> inputDropMap() {
    return nonZero(inputDrops);
  }

  /** Non-zero output drop counters, in enum order. */
  public Map<DropReason, Long> outputDropMap() {
    return nonZero(outputDrops);
  }

  /** Non-zero rejection counters, in enum order. */
  public Map<Rejection, Long> malformedMap() {
    Map<Rejection, Long> m = new EnumMap<>(Rejection.class);
    for (Rejection r : REJECTIONS) {
      if (malformed[r.ordinal()] != 0) {
        m.put(r, malformed[r.ordinal()]);
      }
    }
    return m;
  }

  private static Map<DropReason, Long> nonZero(long[] counts) {
    Map<DropReason, Long> m = new EnumMap<>(DropReason.class);
    for (DropReason r : REASONS) {
      if (counts[r.ordinal()] != 0) {
        m.put(r, counts[r.ordinal()]);
      }
    }
    return m;
  }

  @Override
  public String toString() {
    return "NetStats[received=" + framesReceived + ", delivered=" + framesDelivered
        + ", forwarded=" + framesForwarded + ", inputDrops=" + inputDropMap() + ", malformed="
        + malformedMap() + ", inputHeld=" + inputHeld + "; originated=" + packetsOriginated
        + ", sent=" + packetsSent + ", outputDrops=" + outputDropMap() + ", outputHeld="
        + outputHeld + "]";
  }
}
