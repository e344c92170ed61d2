package dev.netspec.udp;

import dev.netspec.buf.Mbuf;
import dev.netspec.wire.Ipv4Addr;

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

  /**
   * The receive queue: a FIFO of (source address, source port, payload) kept in parallel arrays
   * that double when full, so queueing a datagram allocates nothing in steady state (a record per
   * datagram would; see bench/ and BENCHMARKS.md).
   */
  static final class ReceiveQueue {
    private Mbuf[] payloads = new Mbuf[16];
    private int[] sources = new int[16];
    private int[] ports = new int[16];
    private int head;
    private int size;

    void add(int source, int port, Mbuf payload) {
      if (size == payloads.length) {
        grow();
      }
      int t = (head + size) & (payloads.length - 1);
      payloads[t] = payload;
      sources[t] = source;
      ports[t] = port;
      size++;
    }

    int size() {
      return size;
    }

    boolean isEmpty() {
      return size == 0;
    }

    /** Source address bits of the oldest datagram; the queue must not be empty. */
    int headSource() {
      return sources[head];
    }

    /** Source port of the oldest datagram; the queue must not be empty. */
    int headPort() {
      return ports[head];
    }

    /** Removes the oldest datagram and returns its payload (the caller owns it). */
    Mbuf removeHead() {
      if (size == 0) {
        throw new IllegalStateException("receive queue is empty");
      }
      Mbuf m = payloads[head];
      payloads[head] = null;
      head = (head + 1) & (payloads.length - 1);
      size--;
      return m;
    }

    private void grow() {
      int n = payloads.length;
      Mbuf[] p = new Mbuf[2 * n];
      int[] s = new int[2 * n];
      int[] o = new int[2 * n];
      for (int i = 0; i < size; i++) {
        int from = (head + i) & (n - 1);
        p[i] = payloads[from];
        s[i] = sources[from];
        o[i] = ports[from];
      }
      payloads = p;
      sources = s;
      ports = o;
      head = 0;
    }
  }

  Ipv4Addr localAddress = Ipv4Addr.ANY;
  /** {@code localAddress.bits()} (0 for the wildcard), compared with every received datagram. */
  int localBits;
  int localPort; // 0 while unbound
  int receiveLimit = DEFAULT_RECEIVE_LIMIT;
  int queuedBytes;
  boolean closed;
  final ReceiveQueue queue = new ReceiveQueue();
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
