package dev.netspec.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.wire.Ipv4Addr;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private static Ipv4Addr ip(String s) {
    return Ipv4Addr.parse(s);
  }

  @Test
  void longestPrefixWinsWhateverTheInsertionOrder() {
    RouteTable t = new RouteTable();
    t.add(new Route(ip("0.0.0.0"), 0, ip("10.0.0.254"), 0));
    t.add(new Route(ip("10.1.2.0"), 24, null, 2));
    t.add(new Route(ip("10.0.0.0"), 8, null, 1));
    t.add(new Route(ip("10.1.2.128"), 25, ip("10.1.2.1"), 3));
    assertEquals(3, t.lookup(ip("10.1.2.200")).ifIndex());
    assertEquals(2, t.lookup(ip("10.1.2.100")).ifIndex());
    assertEquals(1, t.lookup(ip("10.9.9.9")).ifIndex());
    assertEquals(0, t.lookup(ip("8.8.8.8")).ifIndex());
    assertEquals(ip("10.0.0.254"), t.lookup(ip("8.8.8.8")).nextHop(ip("8.8.8.8")));
    assertEquals(ip("10.1.2.100"), t.lookup(ip("10.1.2.100")).nextHop(ip("10.1.2.100")));
  }

  @Test
  void noRouteWithoutDefault() {
    RouteTable t = new RouteTable();
    t.add(new Route(ip("192.168.0.0"), 16, null, 0));
    assertNull(t.lookup(ip("192.169.0.1")));
  }

  @Test
  void networkIsMaskedAndDuplicatesRejected() {
    RouteTable t = new RouteTable();
    t.add(new Route(ip("10.1.2.3"), 24, null, 0));
    assertEquals(ip("10.1.2.0"), t.routes().get(0).network());
    assertThrows(IllegalArgumentException.class, () -> t.add(new Route(ip("10.1.2.9"), 24, null, 1)));
    assertTrue(t.remove(ip("10.1.2.77"), 24));
    assertNull(t.lookup(ip("10.1.2.3")));
  }

  @Test
  void hostRouteBeatsEverything() {
    RouteTable t = new RouteTable();
    t.add(new Route(ip("0.0.0.0"), 0, ip("1.1.1.1"), 0));
    t.add(new Route(ip("10.0.0.7"), 32, ip("2.2.2.2"), 1));
    assertEquals(1, t.lookup(ip("10.0.0.7")).ifIndex());
    assertEquals(0, t.lookup(ip("10.0.0.8")).ifIndex());
  }
}
