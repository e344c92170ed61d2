package dev.netspec.socket;

/**
 * What {@code poll} reports for one descriptor (POSIX {@code poll()} revents): {@code readable}
 * is POLLIN (data, end of stream, a connection to accept, or an error to collect),
 * {@code writable} POLLOUT (room in the send buffer of a connected socket), {@code error}
 * POLLERR, {@code hangup} POLLHUP (the connection is finished in both directions).
 */
public record Readiness(boolean readable, boolean writable, boolean error, boolean hangup) {}
