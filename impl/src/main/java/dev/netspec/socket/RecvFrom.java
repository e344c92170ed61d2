package dev.netspec.socket;

import dev.netspec.wire.Ipv4Addr;

/**
 * What {@code recvfrom} returns: bytes copied, the sender, and whether the datagram was longer
 * than the buffer (POSIX {@code MSG_TRUNC}: the rest is discarded).
 */
public record RecvFrom(int length, Ipv4Addr source, int sourcePort, boolean truncated) {}
