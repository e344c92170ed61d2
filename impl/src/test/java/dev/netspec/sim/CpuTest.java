package dev.netspec.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The CPU runs the highest priority first, preempts lower levels, and never preempts its own level. */
class CpuTest {
    // 1 GHz: one cycle is one nanosecond, which keeps the expected times readable.
    private final Simulator sim = new Simulator(1);
    private final Cpu cpu = new Cpu(sim, 1_000_000_000L, 0, 1_000_000);
    private final List<String> log = new ArrayList<>();

    /** A task that runs {@code n} steps of {@code cycles} each, logging "name@completion-time". */
    private Task worker(String name, Priority p, int n, long cycles) {
        int[] left = {n};
        Supplier<Step> body = () -> left[0] == 0 ? null
                : Step.of(name, cycles, () -> {
                    left[0]--;
                    log.add(name + "@" + sim.now());
                });
        return new Task(name, p, body);
    }

    @Test
    void hardirqPreemptsAUserStepWhichResumesWithItsRemainingTime() {
        Task user = worker("user", Priority.USER, 1, 1_000);
        Task irq = worker("irq", Priority.HARDIRQ, 1, 100);
        cpu.wake(user);
        sim.schedule(300, () -> cpu.wake(irq));
        sim.runToCompletion();
        // irq runs 300..400; the user step had 700 ns left and finishes at 1100, not 1000.
        assertEquals(List.of("irq@400", "user@1100"), log);
        assertEquals(1, cpu.preemptions());
        assertEquals(1_000, cpu.busyNs(Priority.USER));
        assertEquals(100, cpu.busyNs(Priority.HARDIRQ));
    }

    @Test
    void kernelPreemptsUserButNotHardirq() {
        Task irq = worker("irq", Priority.HARDIRQ, 1, 500);
        Task soft = worker("soft", Priority.KERNEL, 1, 100);
        Task user = worker("user", Priority.USER, 1, 100);
        cpu.wake(user);
        sim.schedule(10, () -> cpu.wake(irq));
        sim.schedule(20, () -> cpu.wake(soft));
        sim.runToCompletion();
        assertEquals(List.of("irq@510", "soft@610", "user@700"), log);
    }

    @Test
    void sameLevelNeverPreemptsAndRunsInWakeOrder() {
        Task a = worker("a", Priority.KERNEL, 3, 100);
        Task b = worker("b", Priority.KERNEL, 1, 100);
        cpu.wake(a);
        sim.schedule(50, () -> cpu.wake(b));
        sim.runToCompletion();
        // a keeps the CPU between its steps until it blocks: b waits although woken at 50.
        assertEquals(List.of("a@100", "a@200", "a@300", "b@400"), log);
        assertEquals(0, cpu.preemptions());
    }

    @Test
    void aYieldingStepSendsTheTaskToTheBackOfItsLevel() {
        int[] left = {2};
        Task a = new Task("a", Priority.KERNEL, () -> left[0] == 0 ? null
                : Step.yielding("a", 100, () -> {
                    left[0]--;
                    log.add("a@" + sim.now());
                }));
        Task b = worker("b", Priority.KERNEL, 1, 100);
        cpu.wake(a);
        cpu.wake(b);
        sim.runToCompletion();
        assertEquals(List.of("a@100", "b@200", "a@300"), log);
    }

    @Test
    void userTasksShareTheCpuByTimeSlices() {
        Cpu sliced = new Cpu(sim, 1_000_000_000L, 0, 250);
        Task a = worker("a", Priority.USER, 4, 100);
        Task b = worker("b", Priority.USER, 4, 100);
        sliced.wake(a);
        sliced.wake(b);
        sim.runToCompletion();
        // a runs 3 steps (300 ns >= 250 ns slice), then b gets its slice, then a again.
        assertEquals(List.of("a@100", "a@200", "a@300", "b@400", "b@500", "b@600", "a@700", "b@800"), log);
    }

    @Test
    void contextSwitchCostIsChargedWhenAnotherThreadStarts() {
        Cpu cs = new Cpu(sim, 1_000_000_000L, 50, 1_000_000);
        Task a = worker("a", Priority.KERNEL, 2, 100);
        Task b = worker("b", Priority.KERNEL, 1, 100);
        cs.wake(a);
        cs.wake(b);
        sim.runToCompletion();
        // a pays the switch once (first start), then b pays it.
        assertEquals(List.of("a@150", "a@250", "b@400"), log);
        assertEquals(1, cs.contextSwitches());
    }

    @Test
    void wakeIsIdempotentAndABlockedTaskSleepsUntilWoken() {
        Task a = worker("a", Priority.KERNEL, 1, 100);
        cpu.wake(a);
        cpu.wake(a);
        sim.runToCompletion();
        assertEquals(List.of("a@100"), log);
        assertTrue(!a.runnable());
    }

    @Test
    void cyclesConvertToNanosecondsRoundingUp() {
        Cpu slow = new Cpu(sim, 150_000_000L, 0, 1);
        assertEquals(200_000, slow.nanos(30_000));
        assertEquals(7, slow.nanos(1)); // 6.67 ns rounds up so no step takes zero time
        assertThrows(IllegalArgumentException.class, () -> new Cpu(sim, 0, 0, 1));
    }
}
