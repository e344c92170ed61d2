package dev.netspec.conform.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netspec.conform.RecordedStep;
import dev.netspec.conform.RecordedTrace;
import dev.netspec.host.Host;
import dev.netspec.scenario.RunOptions;
import dev.netspec.scenario.ScenarioResult;
import dev.netspec.scenario.ScenarioRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The abstraction attached to a scenario world: the first host is Tcp's A, the second B; the
 * scenario's bindings override Tcp's defaults; each step points at the scenario line that caused
 * it; a one-host world records no steps.
 */
class TcpAbstractionTest {
    private static final Path TCP = Path.of(System.getProperty("netspec.root", ".."),
            "conformance/src/test/resources/scenarios/tcp");

    private static RecordedTrace record(String scenario) {
        ScenarioResult r = ScenarioRunner.run(TCP.resolve(scenario), RunOptions.defaults()
                .withAbstractions(List.of(new TcpAbstraction(Host::tcp))));
        assertEquals(List.of(), r.problems());
        assertEquals(1, r.traces().size());
        return r.traces().get(0);
    }

    @Test
    void aClientServerCloseIsRecordedEndToEnd() {
        RecordedTrace t = record("close-client-first.trace");
        assertEquals("Tcp", t.module());
        assertEquals("3", t.constants().get("MaxData"), "the scenario's binding");
        assertEquals("4", t.constants().get("Window"), "Tcp's default for conformance");
        List<String> labels = t.steps().stream().map(RecordedStep::label).toList();
        assertEquals(List.of("PassiveOpen(B)", "ActiveOpen(A)", "Receive(B)", "Receive(A)",
                "Receive(B)"), labels.subList(0, 5));
        assertTrue(labels.contains("Close(A)") && labels.contains("Close(B)"), labels.toString());
        RecordedStep last = t.steps().get(t.steps().size() - 1);
        assertEquals("[A |-> \"TIME-WAIT\", B |-> \"CLOSED\"]", last.fields().get("state"));
        // The client's connect() is scenario line 14 (client is the first host: A).
        RecordedStep open = t.steps().get(1);
        assertEquals(14, open.source().line());
    }

    @Test
    void aOneHostWorldRecordsNoSteps() {
        RecordedTrace t = record("rst-exact-resets.trace");
        assertEquals(List.of(), t.steps());
        assertTrue(t.name().contains("one host"), t.name());
    }

    @Test
    void unknownBindingsAreRefused() {
        try {
            TcpRecorder.constants(java.util.Map.of("MaxDat", "1"));
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("MaxData"), e.getMessage());
            return;
        }
        throw new AssertionError("accepted");
    }
}
