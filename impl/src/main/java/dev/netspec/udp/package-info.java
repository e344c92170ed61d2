/**
 * UDP (RFC 768; host requirements RFC 1122 4.1): port demultiplexing, per-socket receive queues
 * with a byte limit, and output through {@link dev.netspec.net.NetStack#output}. The POSIX-style
 * API with error numbers is {@link dev.netspec.socket.Sockets}, built on this package.
 */
package dev.netspec.udp;
