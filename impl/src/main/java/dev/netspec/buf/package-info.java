/**
 * Packet buffers: {@link dev.netspec.buf.Mbuf} (one packet's bytes with headroom for headers
 * prepended on the way out) and {@link dev.netspec.buf.MbufPool} (a bounded allocator with
 * small buffers and clusters, and counters that catch leaks and double frees).
 *
 * <p>Modelled on the BSD mbuf the L41 lecture 5 describes ("Ops: alloc, free, prepend, append,
 * truncate"; "bi-modal packet-size distribution; e.g. TCP ACKs vs. data"), with the ownership
 * model of Netty 5's {@code Buffer} ({@code close()}, {@code split()}, {@code move()} instead of
 * public reference counts). Unlike the BSD mbuf there are no chains: a packet is one contiguous
 * buffer, because every frame this stack handles fits in one 2048-byte cluster.
 *
 * <p>Single-threaded by design: the simulator runs one thing at a time, so nothing here locks.
 */
package dev.netspec.buf;
