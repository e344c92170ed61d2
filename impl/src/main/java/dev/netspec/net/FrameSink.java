package dev.netspec.net;

import dev.netspec.buf.Mbuf;

/**
 * "A NIC that can send a frame": the one thing the network layer needs from a device. The
 * simulated NIC (package {@code nic}) implements or adapts it; tests use a list.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@code frame} is a complete Ethernet II frame at index 0 (destination MAC first), without
 *       preamble or FCS. It may be shorter than the 60-byte minimum: padding is the device's job,
 *       as on the e1000 (TCTL.PSP, "pad short packets").
 *   <li>Returning {@code true} transfers ownership: the device closes the frame once transmitted
 *       (lecture 5: "Transmit: allocate in socket layer, free in NIC driver").
 *   <li>Returning {@code false} means the transmit queue/ring is full: ownership stays with the
 *       caller, which closes the frame and counts {@link DropReason#TX_QUEUE_FULL}.
 *   <li>Must not call back into the stack synchronously (no re-entrancy): a device that wants to
 *       deliver a frame to another host does so through its own event queue.
 * </ul>
 */
@FunctionalInterface
public interface FrameSink {
  boolean transmit(Mbuf frame);
}
