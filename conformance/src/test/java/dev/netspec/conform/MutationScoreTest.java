package dev.netspec.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.fault.Fault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The suite's teeth: with each known bug switched on in the stack, some scenario must fail, on the
 * stack's own expectations or against the model. All fault runs are validated in one batch.
 * Prints the mutation score table. Asserted are the faults a registered module declares its
 * scenarios catch ({@link Conformance#declaredFaults()}, declared once the fault is wired into the
 * stack and its scenario exists); the others are listed with whether the impl references them yet.
 * {@code -Dnetspec.mutation.all=true} asserts every fault of the enum.
 */
class MutationScoreTest {

    /** One row: the fault and the scenarios that caught it (did not conform with it on). */
    record Row(Fault fault, boolean wired, boolean asserted, List<String> caughtBy) {}

    static List<Row> score(List<Path> files, Set<Fault> wired, Set<Fault> asserted, ConformanceRun run, List<Fault> faults)
            throws Exception {
        List<Set<Fault>> sets = new ArrayList<>();
        sets.add(Set.of());
        faults.forEach(f -> sets.add(Set.of(f)));
        List<List<ScenarioReport>> matrix = run.runMatrix(files, sets, Suite.jobs());
        List<ScenarioReport> baseline = matrix.get(0);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            List<String> caught = new ArrayList<>();
            List<ScenarioReport> withFault = matrix.get(i + 1);
            for (int s = 0; s < files.size(); s++) {
                // A scenario that fails without the fault proves nothing about the fault.
                if (baseline.get(s).status() == ScenarioReport.Status.CONFORMS
                        && withFault.get(s).status() != ScenarioReport.Status.CONFORMS) {
                    caught.add(withFault.get(s).name() + " (" + withFault.get(s).label() + ")");
                }
            }
            rows.add(new Row(faults.get(i), wired.contains(faults.get(i)), asserted.contains(faults.get(i)), caught));
        }
        return rows;
    }

    static String table(List<Row> rows, int scenarios) {
        StringBuilder b = new StringBuilder("Mutation score over " + scenarios + " scenarios\n");
        b.append(String.format("%-38s %-6s %-8s %s%n", "fault", "wired", "asserted", "caught by"));
        long caught = 0;
        for (Row r : rows) {
            if (!r.caughtBy().isEmpty()) {
                caught++;
            }
            b.append(String.format("%-38s %-6s %-8s %s%n", r.fault().label(), r.wired() ? "yes" : "no", r.asserted() ? "yes" : "no",
                    r.caughtBy().isEmpty() ? "NOT CAUGHT" : r.caughtBy().size() + ": " + String.join(", ", r.caughtBy())));
        }
        b.append("score: ").append(caught).append(" of ").append(rows.size()).append(" faults caught\n");
        return b.toString();
    }

    @Test
    void everyWiredFaultIsCaughtBySomeScenario() throws Exception {
        List<Path> files = Suite.files();
        boolean all = Boolean.getBoolean("netspec.mutation.all");
        Set<Fault> asserted = all ? EnumSet.allOf(Fault.class) : Conformance.declaredFaults();
        List<Row> rows = score(files, Suite.wired(), asserted, Suite.run(), List.of(Fault.values()));
        System.out.print(table(rows, files.size()));
        for (Row r : rows) {
            if (r.asserted()) {
                assertTrue(!r.caughtBy().isEmpty(), () -> "fault " + r.fault().label() + " is declared caught by the "
                        + "suite, but no scenario catches it\n" + table(rows, files.size()));
            }
        }
    }

    @Test
    void theScoreMachineryOnTheToyModule() throws Exception {
        ToyReplayer.register();
        Path toys = Toys.specDir().resolveSibling("scenarios");
        List<Path> files = Scenarios.expand(List.of(toys));
        ConformanceRun run = new ConformanceRun(new Scenarios(), new TlcTraceValidator(Toys.specDir()));
        int before = TlcTraceValidator.tlcRuns();
        List<Row> rows = score(files, EnumSet.of(Fault.OUT_OF_ORDER_DELIVERED), EnumSet.of(Fault.OUT_OF_ORDER_DELIVERED), run,
                List.of(Fault.OUT_OF_ORDER_DELIVERED, Fault.TIME_WAIT_SKIPPED));
        // Three fault sets, traces of two constant sets, divergences to diagnose: a handful of TLC runs, not nine.
        assertTrue(TlcTraceValidator.tlcRuns() - before <= 4, "TLC runs: " + (TlcTraceValidator.tlcRuns() - before));
        assertEquals(List.of("toy push pop (DIVERGES)"), rows.get(0).caughtBy(), table(rows, files.size()));
        // The toy ignores TIME_WAIT_SKIPPED, and the scenario that fails anyway (stuck) does not count.
        assertEquals(List.of(), rows.get(1).caughtBy(), table(rows, files.size()));
    }
}
