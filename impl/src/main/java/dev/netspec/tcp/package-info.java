/**
 * TCP (RFC 9293) as a sans-I/O state machine: {@link dev.netspec.tcp.Tcb} follows section 3.10's
 * event processing step by step, every state change goes through one checked method against
 * {@link dev.netspec.tcp.TcpDiagram#EDGES}, and {@link dev.netspec.tcp.TcpLayer} plugs
 * connections into {@code net.NetStack} as IP protocol 6. See {@code docs/tcp.md} for every RFC
 * feature implemented, with its section, and what is not implemented.
 */
package dev.netspec.tcp;
