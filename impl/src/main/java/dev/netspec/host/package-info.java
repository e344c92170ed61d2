/**
 * Hosts and networks: a {@link dev.netspec.host.Host} wires NICs, drivers, a CPU and the protocol
 * path (IPv4 input, forwarding, UDP delivery, an optional user-level screening process); a
 * {@link dev.netspec.host.Network} holds the simulator, hosts and links. This is the builder API
 * that tests, the CLI and the trace language use.
 */
package dev.netspec.host;
