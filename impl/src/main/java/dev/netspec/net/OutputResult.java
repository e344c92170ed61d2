package dev.netspec.net;

/** The fate of a datagram handed to {@link NetStack#output}, for the socket layer's errno. */
public enum OutputResult {
  /** Handed to the device. */
  SENT,
  /** Waiting for ARP; may still be dropped later (counted then). */
  QUEUED_FOR_ARP,
  NO_ROUTE,
  MTU_EXCEEDED,
  NO_BUFFER,
  TX_QUEUE_FULL,
  /** Dropped at once by the ARP cache (full). */
  ARP_CACHE_FULL;

  /** Whether the datagram left or may still leave. */
  public boolean accepted() {
    return this == SENT || this == QUEUED_FOR_ARP;
  }
}
