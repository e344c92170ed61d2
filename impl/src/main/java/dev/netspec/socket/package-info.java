/**
 * The sockets API as a small facade with POSIX names: {@code socket}, {@code bind}, {@code
 * sendto}, {@code recvfrom}, {@code close}, {@code setsockopt(SO_RCVBUF)}. Calls return a
 * {@link dev.netspec.socket.SysResult}: the value, or an {@link dev.netspec.socket.Errno} named as
 * in POSIX. Non-blocking only ({@code EAGAIN} when nothing is queued): the simulator, not a
 * thread, decides when the application runs. Datagram sockets live in {@link dev.netspec.socket.Sockets}; stream (TCP) sockets in {@link
 * dev.netspec.socket.TcpSockets}, with {@code listen}, {@code accept}, {@code connect}, {@code
 * send}, {@code recv}, {@code shutdown}, socket options and {@code poll} readiness.
 */
package dev.netspec.socket;
