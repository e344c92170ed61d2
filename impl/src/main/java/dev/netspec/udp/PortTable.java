package dev.netspec.udp;

/**
 * Sockets by UDP port, 0..65535, looked up once per received datagram. A two-level array (256
 * pages of 256 ports, a page created on the first bind in it) instead of a {@code Map<Integer, ?>}:
 * a lookup neither boxes the port (ports above 127 would allocate an {@code Integer} per packet)
 * nor hashes, and a host with a few bound ports holds a few small pages.
 */
final class PortTable {
  private final UdpSocket[][] pages = new UdpSocket[256][];

  /** The socket bound to {@code port}, or null (also for a number that is not a port). */
  UdpSocket get(int port) {
    if (port < 0 || port > 0xFFFF) {
      return null;
    }
    UdpSocket[] page = pages[port >>> 8];
    return page == null ? null : page[port & 0xFF];
  }

  boolean contains(int port) {
    return get(port) != null;
  }

  void put(int port, UdpSocket s) {
    UdpSocket[] page = pages[port >>> 8];
    if (page == null) {
      page = new UdpSocket[256];
      pages[port >>> 8] = page;
    }
    page[port & 0xFF] = s;
  }

  void remove(int port) {
    if (port < 0 || port > 0xFFFF) {
      return;
    }
    UdpSocket[] page = pages[port >>> 8];
    if (page != null) {
      page[port & 0xFF] = null;
    }
  }
}
