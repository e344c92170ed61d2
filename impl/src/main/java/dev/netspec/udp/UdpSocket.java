package dev.netspec.udp;

import dev.netspec.buf.Mbuf;
import dev.netspec.wire.Ipv4Addr;
import java.util.ArrayDeque;

/**
 * A UDP endpoint: its local address and port and its receive queue. Datagrams wait in the queue
 * in the buffers they arrived in (no copy until {@link UdpLayer#receive}, the one copy to user
 * memory of lecture 5), and each is charged the full capacity of its buffer against the receive
 * limit, as Linux charges an skb's truesize to {@code SO_RCVBUF}: a queue of tiny datagrams in
 * 2048-byte clusters fills up long before its payload bytes do, which is the point.
 */
public final class UdpSocket {
  /** Default receive limit: 32 clusters. */
  public static final int DEFAULT_RECEIVE_LIMIT = 32 * 2048;

  record Queued(Ipv4Addr source, int sourcePort, Mbuf payload) {}

  Ipv4Addr localAddress = Ipv4Addr.ANY;
  int localPort; // 0 while unbound
  int receiveLimit = DEFAULT_RECEIVE_LIMIT;
  int queuedBytes;
  boolean closed;
  final ArrayDeque<Queued> queue = new ArrayDeque<>();
  long datagramsReceived;
  long receiveBufferDrops;

  UdpSocket() {}

  public Ipv4Addr localAddress() {
    return localAddress;
  }

  /** The bound port, or 0 if unbound. */
  public int localPort() {
    return localPort;
  }

  public boolean isBound() {
    return localPort != 0;
  }

  public boolean isClosed() {
    return closed;
  }

  /** Datagrams waiting to be received. */
  public int queuedDatagrams() {
    return queue.size();
  }

  /** Bytes charged against the receive limit. */
  public int queuedBytes() {
    return queuedBytes;
  }

  public int receiveLimit() {
    return receiveLimit;
  }

  /** Datagrams queued over the socket's life. */
  public long datagramsReceived() {
    return datagramsReceived;
  }

  /** Datagrams dropped because the receive limit was reached. */
  public long receiveBufferDrops() {
    return receiveBufferDrops;
  }
}
