package dev.netspec.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.buf.Mbuf;
import java.util.ArrayDeque;
import org.junit.jupiter.api.Test;

class ReceiveQueueTest {
  /** FIFO order and fields survive wrap-around and growth, checked against an ArrayDeque model. */
  @Test
  void keepsFifoOrderThroughWrapAroundAndGrowth() {
    UdpSocket.ReceiveQueue q = new UdpSocket.ReceiveQueue();
    ArrayDeque<Object[]> model = new ArrayDeque<>();
    int next = 0;
    // Interleave adds and removes so the head walks round the ring before it has to grow twice.
    for (int round = 0; round < 6; round++) {
      for (int i = 0; i < 10 + round * 5; i++) {
        Mbuf m = Mbuf.unpooled(0, 1);
        q.add(next, 1000 + next, m);
        model.addLast(new Object[] {next, 1000 + next, m});
        next++;
      }
      for (int i = 0; i < 7; i++) {
        Object[] want = model.pollFirst();
        assertEquals((int) want[0], q.headSource());
        assertEquals((int) want[1], q.headPort());
        Mbuf got = q.removeHead();
        assertSame(want[2], got);
        got.close();
      }
      assertEquals(model.size(), q.size());
    }
    while (!model.isEmpty()) {
      assertSame(model.pollFirst()[2], q.removeHead());
    }
    assertTrue(q.isEmpty());
    assertThrows(IllegalStateException.class, q::removeHead);
  }
}
