/**
 * The network layer: Ethernet demultiplexing, ARP with a cache and hold queue, IPv4 input,
 * local delivery, forwarding, output, ICMP, and a longest-prefix-match route table.
 *
 * <p>Sans-I/O, after smoltcp's {@code iface}: nothing here reads a clock, starts a thread or
 * logs. Every entry point takes {@code now} (virtual nanoseconds, supplied by the simulator), and
 * frames leave through {@link dev.netspec.net.FrameSink}, the one interface a NIC implements.
 * Every packet that is not delivered or sent is counted under a {@link dev.netspec.net.DropReason}
 * (and, when malformed, under the {@link dev.netspec.wire.Rejection} that says why), so that
 * {@link dev.netspec.net.NetStats#inputBalanced()} holds after every call.
 */
package dev.netspec.net;
