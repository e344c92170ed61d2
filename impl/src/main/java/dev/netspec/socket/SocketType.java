package dev.netspec.socket;

/** Socket types (POSIX {@code SOCK_DGRAM}, {@code SOCK_STREAM}). */
public enum SocketType {
  DGRAM,
  STREAM
}
