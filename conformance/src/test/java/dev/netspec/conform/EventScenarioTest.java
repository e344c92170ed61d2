package dev.netspec.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.fault.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event scenarios: reading, writing, replaying on the (toy) stack, and checking with TLC. */
class EventScenarioTest {
    static Path scenarios() {
        return Toys.specDir().resolveSibling("scenarios");
    }

    @BeforeAll
    static void toy() {
        ToyReplayer.register();
    }

    @Test
    void aWrittenScenarioReadsBackAsTheSameBehaviour(@TempDir Path dir) throws Exception {
        List<Replayer.SpecStep> steps = List.of(new Replayer.SpecStep("Push", Map.of("q", "<<2>>")),
                new Replayer.SpecStep("Inc", Map.of("x", "1", "q", "<<2>>")));
        String text = EventScenario.write("w", "Toy", Map.of("Max", "2"), Map.of("x", "0"), steps,
                List.of("written by a test"), Map.of(1, "the loop starts here"));
        Path f = dir.resolve("w.trace");
        Files.writeString(f, text);
        EventScenario.Result r = EventScenario.read(f);
        assertTrue(r.errors().isEmpty(), r.errors()::toString);
        EventScenario s = r.scenario().orElseThrow();
        assertEquals("Toy", s.module());
        assertEquals(Map.of("Max", "2"), s.constants());
        assertEquals(Map.of("x", "0"), s.initial());
        assertEquals(steps, s.behaviour());
        assertEquals(12, s.steps().get(1).pos().line(), text);
    }

    @Test
    void replayedScenariosConformAndAFaultIsCaughtBothWays() throws Exception {
        ConformanceRun run = new ConformanceRun(new Scenarios(), new TlcTraceValidator(Toys.specDir()));
        List<Path> files = Scenarios.expand(List.of(scenarios()));
        assertEquals(3, files.size(), files::toString);
        List<ScenarioReport> clean = run.run(files, Set.of(), 2);
        assertEquals(List.of("count_reset.trace:CONFORMS", "push_pop.trace:CONFORMS", "stuck.trace:FAILS"),
                clean.stream().map(r -> r.file().getFileName() + ":" + r.status()).toList(),
                () -> clean.stream().map(ScenarioReport::render).toList().toString());
        String stuck = clean.get(2).render();
        assertTrue(stuck.contains("stuck.trace:7:1: the stack cannot perform event Inc (step 2): x is already 1"), stuck);

        List<ScenarioReport> broken = run.run(List.of(files.get(1)), Set.of(Fault.OUT_OF_ORDER_DELIVERED), 1);
        ScenarioReport r = broken.get(0);
        // The stack pops the newest item: <<1>> is left where the spec leaves <<2>>, and no spec step does that.
        assertEquals(ScenarioReport.Status.DIVERGES, r.status(), r.render());
        assertTrue(r.render().contains("push_pop.trace:12:1: after event Pop (step 3) expected q == <<2>>, the stack has <<1>>"),
                r.render());
        Mismatch m = r.verdicts().get(0).mismatch().orElseThrow();
        assertEquals(3, m.step().index());
        assertEquals(11, m.step().source().line());
        assertTrue(m.candidates().stream().anyMatch(c -> c.action().equals("Pop")
                && c.differences().contains("q: recorded <<1>>, spec <<2>>")), r.render());
    }
}
