package dev.netspec.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link BoundedQueue} against a model (a plain {@link ArrayDeque} with the limit checked by
 * hand): any sequence of offers and polls gives the same answers, sizes, high-water mark and
 * contents in order. The queue keeps its own ring, so wrap-around is where it could go wrong.
 */
class BoundedQueueModelTest {

  @Test
  void behavesLikeALimitedFifo() {
    qt().forAll(integers().between(1, 6), lists().of(integers().between(-1, 99)).ofSizeBetween(0, 80))
        .checkAssert((limit, ops) -> {
          BoundedQueue<Integer> q = new BoundedQueue<>("q", "q_full", limit);
          ArrayDeque<Integer> model = new ArrayDeque<>();
          int highWater = 0;
          for (int op : ops) {
            if (op < 0 || op % 3 == 0) { // a poll for about a third of the operations
              assertEquals(model.peekFirst(), q.peek());
              assertEquals(model.pollFirst(), q.poll());
            } else {
              boolean room = model.size() < limit;
              assertEquals(room, q.offer(op));
              if (room) {
                model.addLast(op);
                highWater = Math.max(highWater, model.size());
              }
            }
            assertEquals(model.size(), q.size());
            assertEquals(model.isEmpty(), q.isEmpty());
            assertEquals(model.size() >= limit, q.isFull());
            assertEquals(highWater, q.highWater());
            List<Integer> items = new ArrayList<>();
            q.items().forEach(items::add);
            assertEquals(new ArrayList<>(model), items);
          }
        });
  }
}
