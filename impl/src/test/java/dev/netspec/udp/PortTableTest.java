package dev.netspec.udp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PortTableTest {
  @Test
  void findsWhatWasPutAtEveryPageBoundaryAndNothingElse() {
    PortTable t = new PortTable();
    UdpSocket a = new UdpSocket();
    UdpSocket b = new UdpSocket();
    int[] ports = {0, 1, 255, 256, 5201, 65535};
    for (int p : ports) {
      assertNull(t.get(p));
      t.put(p, p % 2 == 0 ? a : b);
    }
    for (int p : ports) {
      assertSame(p % 2 == 0 ? a : b, t.get(p));
      assertTrue(t.contains(p));
    }
    assertNull(t.get(257));
    assertNull(t.get(5200));
    t.remove(5201);
    assertFalse(t.contains(5201));
    assertSame(a, t.get(256));
  }

  @Test
  void numbersOutsideThePortRangeAreNeverBound() {
    PortTable t = new PortTable();
    assertNull(t.get(-1));
    assertNull(t.get(65536));
    assertFalse(t.contains(Integer.MAX_VALUE));
    t.remove(70000); // no page: nothing to do
  }
}
