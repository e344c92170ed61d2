package dev.netspec.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.fault.Fault;
import dev.netspec.fault.Faults;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec-to-stack: TLC's random walks of the toy module, named, replayed, compared and shrunk. */
class ExplorerTest {
    @Test
    void walksAreBehavioursTheCorrectStackFollowsAndTheBrokenOneIsShrunk() throws Exception {
        Explorer explorer = new Explorer(Toys.specDir());
        Map<String, String> k = Map.of("Max", "2");
        List<Explorer.Walk> walks = explorer.simulate("Toy", k, 30, 10, 7);
        assertEquals(30, walks.size());
        for (Explorer.Walk w : walks) {
            assertEquals(10, w.steps().size()); // Toy never deadlocks
            assertEquals("0", w.initial().get("x"));
            for (Replayer.SpecStep s : w.steps()) {
                assertTrue(Set.of("Inc", "Push", "Pop", "Reset", "Lose").contains(s.action()), s::toString);
            }
            assertEquals(Optional.empty(), Explorer.compare(new ToyReplayer(), k, w), w::toString);
        }
        // With pops out of order, some walk that pushes two different items and pops shows it.
        Set<Fault> bug = Set.of(Fault.OUT_OF_ORDER_DELIVERED);
        Explorer.Walk failing = walks.stream()
                .filter(w -> Faults.with(bug, () -> Explorer.compare(new ToyReplayer(), k, w)).isPresent())
                .findFirst().orElseThrow();
        Explorer.Walk shrunk = Faults.with(bug, () -> explorer.shrink(ToyReplayer::new, k, failing));
        assertTrue(Faults.with(bug, () -> Explorer.compare(new ToyReplayer(), k, shrunk)).isPresent());
        // Shrinking keeps a sub-sequence of the walk's states that the spec allows step by step: the
        // steps that made no difference are gone, the two pushes and the pop that shows the bug stay.
        int firstFailure = Faults.with(bug, () -> Explorer.compare(new ToyReplayer(), k, failing)).orElseThrow().step();
        List<String> actions = shrunk.steps().stream().map(Replayer.SpecStep::action).toList();
        assertTrue(actions.size() <= firstFailure, actions::toString);
        assertEquals("Pop", actions.get(actions.size() - 1), actions::toString);
        assertEquals(2, actions.stream().filter("Push"::equals).count(), actions::toString);
        assertEquals(0, actions.stream().filter(a -> a.equals("Reset") || a.equals("Lose")).count(), actions::toString);
    }
}
