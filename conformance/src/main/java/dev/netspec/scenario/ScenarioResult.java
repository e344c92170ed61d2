package dev.netspec.scenario;

import dev.netspec.conform.RecordedTrace;
import java.nio.file.Path;
import java.util.List;

/**
 * What running one scenario gave.
 *
 * @param file the scenario file
 * @param name its {@code scenario "..."} name, or the file name without one
 * @param problems every problem, in the order found (empty: the scenario passed)
 * @param traces one recorded trace per attached abstraction (none without {@code spec})
 * @param statements timeline statements executed
 * @param virtualTimeNs the simulator's clock at the end of the run
 * @param hostSummaries one line per host: where its frames went (its ledger) and its CPU time
 */
public record ScenarioResult(Path file, String name, List<Problem> problems, List<RecordedTrace> traces,
        int statements, long virtualTimeNs, List<String> hostSummaries) {

    public ScenarioResult {
        problems = List.copyOf(problems);
        traces = List.copyOf(traces);
        hostSummaries = List.copyOf(hostSummaries);
    }

    /** True if nothing went wrong. */
    public boolean passed() {
        return problems.isEmpty();
    }

    /** True if the file is not for the stack (recorded steps, events) and nothing else is wrong. */
    public boolean skipped() {
        return !problems.isEmpty() && problems.stream().allMatch(p -> p.kind() == Problem.Kind.NOT_FOR_STACK);
    }

    /** True if some problem is about the input rather than the stack's behaviour. */
    public boolean badInput() {
        return problems.stream().anyMatch(p -> p.kind() == Problem.Kind.INPUT);
    }
}
