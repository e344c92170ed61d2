package dev.netspec.conform.rx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.conform.RecordedTrace;
import dev.netspec.conform.TlcTraceValidator;
import dev.netspec.conform.Verdict;
import dev.netspec.fault.Fault;
import dev.netspec.scenario.ScenarioResult;
import dev.netspec.scenario.ScenarioRunner;
import dev.netspec.scenario.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The receive-path scenario suite (scenarios/rx/): every scenario runs on the Java stack with its
 * expectations met and its recorded trace accepted by TLC (one validator batch); with each of the
 * four receive-path faults switched on, at least one scenario fails (an expectation or the model).
 */
class RxScenarioSuiteTest {
    static final Set<Fault> RX_FAULTS = EnumSet.of(Fault.NAPI_EARLY_REENABLE, Fault.RING_SLOT_REUSED_UNREAD,
            Fault.FEEDBACK_EARLY_RESUME, Fault.TX_RECLAIM_UNSENT);

    static List<Path> scenarios() throws IOException {
        Path dir = Path.of(System.getProperty("netspec.root"), "conformance", "src", "test", "resources", "scenarios", "rx");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".trace")).sorted().toList();
        }
    }

    static Path specDir() {
        return Path.of(System.getProperty("netspec.root"), "spec");
    }

    /** Runs every scenario with {@code faults}; returns one line per failure (stack problem or divergence). */
    static List<String> failures(Set<Fault> faults, List<String> report) throws IOException {
        List<String> failures = new ArrayList<>();
        List<RecordedTrace> traces = new ArrayList<>();
        List<Path> owners = new ArrayList<>();
        for (Path p : scenarios()) {
            ScenarioResult r = ScenarioRunner.run(p, RunOptions.defaults().withFaults(faults)
                    .withAbstractions(List.of(new ReceivePathAbstraction())));
            r.problems().forEach(pr -> failures.add(p.getFileName() + ": " + pr));
            if (r.traces().size() != 1) {
                failures.add(p.getFileName() + ": expected one ReceivePath trace, got " + r.traces().size());
            }
            for (RecordedTrace t : r.traces()) {
                traces.add(t);
                owners.add(p);
            }
        }
        long t0 = System.nanoTime();
        List<Verdict> verdicts = new TlcTraceValidator(specDir()).validate(traces);
        report.add("validation of " + traces.size() + " traces, " + traces.stream().mapToInt(t -> t.steps().size()).sum()
                + " steps: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        for (int i = 0; i < verdicts.size(); i++) {
            Verdict v = verdicts.get(i);
            report.add(owners.get(i).getFileName() + ": " + v.status() + ", " + traces.get(i).steps().size() + " steps; "
                    + v.detail());
            if (!v.conforms()) {
                failures.add(owners.get(i).getFileName() + ": " + v.status() + " " + v.detail()
                        + v.mismatch().map(m -> " at step " + m.step().index() + " " + m.step().label()).orElse(""));
            }
        }
        return failures;
    }

    @Test
    void everyScenarioRunsAndConformsToReceivePath() throws IOException {
        List<String> report = new ArrayList<>();
        List<String> failures = failures(Set.of(), report);
        report.forEach(System.out::println);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertTrue(scenarios().size() >= 1);
    }

    /** The scenarios whose header says they are meant to catch {@code f}. */
    static List<Path> meantToCatch(Fault f) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : scenarios()) {
            String header = Files.readAllLines(p).stream().filter(l -> l.startsWith("// Meant to catch:")).findFirst().orElse("");
            if (header.contains(f.label())) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Teeth: with each receive-path fault on, some scenario meant to catch it fails, by a stack
     * expectation or by its trace diverging from ReceivePath. The stack runs first; TLC is asked
     * only about faults no expectation caught, all in one validator batch.
     */
    @Test
    void everyReceivePathFaultIsCaughtByTheScenariosMeantForIt() throws IOException {
        java.util.Map<Fault, String> caught = new java.util.EnumMap<>(Fault.class);
        List<RecordedTrace> pending = new ArrayList<>();
        List<Fault> pendingFault = new ArrayList<>();
        List<Path> pendingFile = new ArrayList<>();
        for (Fault f : RX_FAULTS) {
            List<Path> targets = meantToCatch(f);
            assertTrue(!targets.isEmpty(), "no scenario says it is meant to catch " + f.label());
            for (Path p : targets) {
                ScenarioResult r = ScenarioRunner.run(p, RunOptions.defaults().withFaults(Set.of(f))
                        .withAbstractions(List.of(new ReceivePathAbstraction())));
                if (!r.problems().isEmpty()) {
                    caught.putIfAbsent(f, p.getFileName() + " (stack: " + r.problems().get(0).message() + ")");
                }
                for (RecordedTrace t : r.traces()) {
                    pending.add(t);
                    pendingFault.add(f);
                    pendingFile.add(p);
                }
            }
        }
        for (int i = pending.size() - 1; i >= 0; i--) {
            if (caught.containsKey(pendingFault.get(i))) {
                pending.remove(i);
                pendingFault.remove(i);
                pendingFile.remove(i);
            }
        }
        List<Verdict> verdicts = new TlcTraceValidator(specDir()).validate(pending);
        for (int i = 0; i < verdicts.size(); i++) {
            Verdict v = verdicts.get(i);
            if (v.status() == Verdict.Status.DIVERGES) {
                caught.putIfAbsent(pendingFault.get(i), pendingFile.get(i).getFileName() + " (model: "
                        + v.mismatch().map(m -> "step " + m.step().index() + " " + m.step().label()).orElse(v.detail()) + ")");
            }
        }
        caught.forEach((f, how) -> System.out.println(f.label() + " caught by " + how));
        assertEquals(RX_FAULTS, caught.keySet(), "caught: " + caught);
    }
}
