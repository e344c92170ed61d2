package dev.netspec.conform.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.conform.RecordedTrace;
import dev.netspec.conform.TlcTraceValidator;
import dev.netspec.conform.Verdict;
import dev.netspec.fault.Fault;
import dev.netspec.scenario.RunOptions;
import dev.netspec.scenario.ScenarioResult;
import dev.netspec.scenario.ScenarioRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ring scenarios' teeth on their own (the whole folder conforms in ConformanceSuiteTest): with
 * each ring fault on, the ring scenario written for it diverges from NicRing at the step that
 * does the damage, so the model, not only an expectation, catches the bug.
 */
class RingScenarioSuiteTest {

    static Path scenario(String name) {
        return Path.of(System.getProperty("netspec.root"), "conformance", "src", "test", "resources", "scenarios", "ring", name);
    }

    /** The verdict of {@code file} run with {@code faults} (without faults, its own expectations must hold too). */
    static Verdict verdict(String file, Set<Fault> faults) {
        ScenarioResult r = ScenarioRunner.run(scenario(file), RunOptions.defaults().withFaults(faults)
                .withAbstractions(List.of(new NicRingAbstraction())));
        if (faults.isEmpty()) {
            assertEquals(List.of(), r.problems(), file);
        }
        assertEquals(1, r.traces().size(), file);
        List<RecordedTrace> traces = new ArrayList<>(r.traces());
        return new TlcTraceValidator(Path.of(System.getProperty("netspec.root"), "spec"), 1).validate(traces).get(0);
    }

    @Test
    void aRefillOverAnUnreadFrameDivergesFromNicRing() {
        assertTrue(verdict("napi-ring-full-missed.trace", Set.of()).conforms());
        Verdict v = verdict("napi-ring-full-missed.trace", Set.of(Fault.RING_SLOT_REUSED_UNREAD));
        assertEquals(Verdict.Status.DIVERGES, v.status(), v.detail());
        // The poll that takes one frame also overwrites the next: no NicRing action explains it.
        assertEquals("Poll", v.mismatch().orElseThrow().step().label());
    }

    @Test
    void aReclaimOfAnUnsentDescriptorDivergesFromNicRing() {
        Verdict v = verdict("napi-tx-ring-full.trace", Set.of(Fault.TX_RECLAIM_UNSENT));
        assertEquals(Verdict.Status.DIVERGES, v.status(), v.detail());
        assertEquals("TxComplete", v.mismatch().orElseThrow().step().label());
    }
}
