package dev.netspec.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.netspec.wire.Ipv4Addr;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeqNumTest {

  @Test
  void comparisonIsModularAcrossTheWrap() {
    SeqNum top = new SeqNum(0xFFFF_FFF0);
    SeqNum wrapped = top.plus(0x20); // 0x10
    assertEquals(0x10, wrapped.value());
    assertTrue(top.lt(wrapped), "0xFFFFFFF0 is before 0x10 (RFC 9293 3.4)");
    assertTrue(wrapped.gt(top));
    assertEquals(0x20, wrapped.minus(top));
    assertTrue(wrapped.inWindow(top, 0x21));
    assertFalse(wrapped.inWindow(top, 0x20));
    assertFalse(top.inWindow(top, 0), "an empty window holds nothing");
  }

  @Test
  void orderingIsAntisymmetricWithinHalfTheSpace() {
    qt().forAll(integers().all(), integers().between(1, Integer.MAX_VALUE)).check((a, d) -> {
      SeqNum x = new SeqNum(a);
      SeqNum y = x.plus(d);
      return x.lt(y) && y.gt(x) && !y.lt(x) && x.le(y) && y.minus(x) == d;
    });
  }

  @Test
  void isnDependsOnTheFourTupleAndAdvancesEveryFourMicroseconds() {
    byte[] secret = new byte[16];
    secret[0] = 1;
    IsnGenerator g = new IsnGenerator(secret);
    Ipv4Addr a = Ipv4Addr.parse("10.0.0.1");
    Ipv4Addr b = Ipv4Addr.parse("10.0.0.2");
    SeqNum i0 = g.isn(a, 1000, b, 80, 0);
    assertEquals(i0, g.isn(a, 1000, b, 80, 3_999), "same 4 us tick");
    assertEquals(i0.plus(1), g.isn(a, 1000, b, 80, 4_000), "M ticks every 4 us (RFC 6528 3)");
    assertEquals(i0.plus(250_000), g.isn(a, 1000, b, 80, 1_000_000_000L));
    assertNotEquals(i0, g.isn(a, 1001, b, 80, 0), "F differs per 4-tuple");
    byte[] other = secret.clone();
    other[0] = 2;
    assertNotEquals(i0, new IsnGenerator(other).isn(a, 1000, b, 80, 0), "keyed by the secret");
  }

  @Test
  void diagramHasEveryFigure5EdgeAndNoSelfLoops() {
    long figure5 = TcpDiagram.EDGES.values().stream().filter(v -> v.startsWith("Fig. 5")).count();
    assertEquals(19, figure5);
    Set<TcpState> reachable = EnumSet.noneOf(TcpState.class);
    TcpDiagram.EDGES.keySet().forEach(e -> {
      assertNotEquals(e.from(), e.to());
      reachable.add(e.to());
    });
    assertEquals(EnumSet.allOf(TcpState.class), reachable);
    assertFalse(TcpDiagram.isEdge(TcpState.CLOSED, TcpState.ESTABLISHED));
    assertFalse(TcpDiagram.isEdge(TcpState.TIME_WAIT, TcpState.ESTABLISHED));
  }
}
