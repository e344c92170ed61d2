/**
 * A simulated Ethernet NIC in the style of the Intel 8254x (e1000) that the lecture's lab uses:
 * receive and transmit descriptor rings in host memory with head and tail registers, DMA into
 * buffers the driver posts from an {@link dev.netspec.buf.MbufPool}, a descriptor-done status bit,
 * a missed-packet counter when the receive ring has no free descriptor, an interrupt cause register
 * with a mask and optional interrupt moderation; a {@link dev.netspec.nic.Link} joining two NICs
 * with bandwidth, delay and seeded faults; and a {@link dev.netspec.nic.PcapWriter} tap.
 *
 * <p>Everything happens in virtual time on a {@link dev.netspec.sim.Simulator}; the NIC consumes no
 * host CPU (DMA runs beside the CPU, lecture 21 "DMA can go on concurrently with compute tasks").
 */
package dev.netspec.nic;
