package dev.netspec.conform;

import dev.netspec.fault.Fault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A conformance run over many scenarios: each runs on the stack (up to {@code jobs} at a time; faults
 * are per thread, so parallel scenarios never see each other's), then every recorded trace of every
 * scenario is validated in one call to the validator, which groups them by module and constants so
 * TLC starts once per group rather than once per scenario.
 */
public final class ConformanceRun {
    private final ScenarioExecutor executor;
    private final TraceValidator validator;

    public ConformanceRun(ScenarioExecutor executor, TraceValidator validator) {
        this.executor = executor;
        this.validator = validator;
    }

    /** Timing of the last run's two phases, for the benchmark. */
    public record Timing(long stackNanos, long validateNanos, int steps) {}

    private volatile Timing lastTiming = new Timing(0, 0, 0);

    public Timing lastTiming() {
        return lastTiming;
    }

    public List<ScenarioReport> run(List<Path> files, Set<Fault> faults, int jobs) throws InterruptedException {
        return runMatrix(files, List.of(faults), jobs).get(0);
    }

    /**
     * Runs every scenario once per fault set (the mutation test's matrix) and validates the traces of
     * all of them in one call to the validator: traces with the same module and constants share one
     * TLC run whichever fault produced them. Returns the reports per fault set, in the order given.
     */
    public List<List<ScenarioReport>> runMatrix(List<Path> files, List<Set<Fault>> faultSets, int jobs)
            throws InterruptedException {
        long t0 = System.nanoTime();
        List<ScenarioExecutor.Execution> runs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
            Thread t = new Thread(r, "netspec-conform");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ScenarioExecutor.Execution>> futures = new ArrayList<>();
            List<Path> order = new ArrayList<>();
            for (Set<Fault> faults : faultSets) {
                for (Path f : files) {
                    futures.add(pool.submit(() -> executor.execute(f, faults)));
                    order.add(f);
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                try {
                    runs.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    // An executor must not throw; if one does, the scenario is reported, not the run lost.
                    runs.add(ScenarioExecutor.Execution.inputError(order.get(i),
                            List.of(order.get(i) + ": running the scenario failed: " + e.getCause())));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long t1 = System.nanoTime();
        List<RecordedTrace> all = new ArrayList<>();
        for (ScenarioExecutor.Execution e : runs) {
            all.addAll(e.traces());
        }
        List<Verdict> verdicts = all.isEmpty() ? List.of() : validator.validate(all);
        long t2 = System.nanoTime();
        List<List<ScenarioReport>> out = new ArrayList<>();
        int k = 0;
        int r = 0;
        for (int s = 0; s < faultSets.size(); s++) {
            List<ScenarioReport> reports = new ArrayList<>();
            for (int f = 0; f < files.size(); f++, r++) {
                ScenarioExecutor.Execution e = runs.get(r);
                reports.add(new ScenarioReport(e, verdicts.subList(k, k + e.traces().size())));
                k += e.traces().size();
            }
            out.add(reports);
        }
        lastTiming = new Timing(t1 - t0, t2 - t1, all.stream().mapToInt(t -> t.steps().size()).sum());
        return out;
    }
}
