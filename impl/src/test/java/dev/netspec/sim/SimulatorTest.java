package dev.netspec.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SimulatorTest {
    @Test
    void eventsRunInTimeOrderAndTiesInSchedulingOrder() {
        Simulator sim = new Simulator(7);
        List<String> order = new ArrayList<>();
        sim.schedule(20, () -> order.add("b"));
        sim.schedule(10, () -> order.add("a"));
        sim.schedule(20, () -> order.add("c"));
        sim.runToCompletion();
        assertEquals(List.of("a", "b", "c"), order);
        assertEquals(20, sim.now());
    }

    @Test
    void cancelledEventsDoNotRun() {
        Simulator sim = new Simulator(7);
        List<String> order = new ArrayList<>();
        EventHandle h = sim.schedule(5, () -> order.add("x"));
        h.cancel();
        sim.runToCompletion();
        assertEquals(List.of(), order);
        assertFalse(h.pending());
    }

    @Test
    void runUntilStopsAtTheHorizonAndAdvancesTheClock() {
        Simulator sim = new Simulator(7);
        List<Long> at = new ArrayList<>();
        sim.schedule(100, () -> at.add(sim.now()));
        sim.schedule(300, () -> at.add(sim.now()));
        sim.runUntil(200);
        assertEquals(List.of(100L), at);
        assertEquals(200, sim.now());
    }

    @Test
    void theSameSeedGivesTheSameStreams() {
        RandomGenerator a1 = new Simulator(42).newRandom();
        RandomGenerator a2 = new Simulator(42).newRandom();
        RandomGenerator b = new Simulator(43).newRandom();
        long x = a1.nextLong();
        assertEquals(x, a2.nextLong());
        assertFalse(x == b.nextLong());
    }

    @Test
    void schedulingInThePastIsRejected() {
        Simulator sim = new Simulator(1);
        sim.runUntil(10);
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(5, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> sim.schedule(-1, () -> { }));
    }
}
