package dev.netspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Runs the real TLC (a child JVM per configuration) on the toy specs. */
class TlcRunnerTest {

    private static final TlcRunner TLC = TlcRunner.ofThisJvm();
    private static final Path TOYS = Captured.toySpecs();

    @Test
    void findsTheTlaToolsJar() {
        assertTrue(Files.isRegularFile(TlcRunner.tlaToolsJar()), TlcRunner.tlaToolsJar().toString());
    }

    @Test
    void passingConfiguration() throws Exception {
        TlcResult r = TLC.check(TOYS, "Counter", "MC_Counter_pass");
        assertEquals(new Outcome.Pass(), r.outcome(), r.output());
        assertEquals(12, r.distinctStates());
        assertEquals(0, r.exitCode());
        assertTrue(r.duration().toNanos() > 0);
    }

    @Test
    void invariantViolation() throws Exception {
        TlcResult r = TLC.check(TOYS, "Counter", "MC_Counter_small");
        assertEquals(new Outcome.InvariantViolated("Small"), r.outcome(), r.output());
        assertEquals(4, r.trace().orElseThrow().states().size());
    }

    @Test
    void deadlock() throws Exception {
        assertEquals(new Outcome.Deadlock(), TLC.check(TOYS, "Counter", "MC_Counter_deadlock").outcome());
    }

    @Test
    void singleTemporalPropertyIsNamedWithoutReRunning() throws Exception {
        TlcResult r = TLC.check(TOYS, "Counter", "MC_Counter_stutter");
        assertEquals(new Outcome.TemporalPropertyViolated("YEventually3"), r.outcome(), r.output());
        assertEquals(List.of("YEventually3"), r.violatedTemporal());
        assertInstanceOf(Trace.End.Stuttering.class, r.trace().orElseThrow().end());
    }

    @Test
    void firstViolatedOfSeveralTemporalPropertiesIsNamedInConfigOrder() throws Exception {
        TlcResult r = TLC.check(TOYS, "Cycle", "MC_Cycle_lasso");
        assertEquals(new Outcome.TemporalPropertyViolated("EventuallySeven"), r.outcome(), r.output());
        assertEquals(List.of("EventuallySeven", "EventuallyAlwaysOne"), r.violatedTemporal());
        assertEquals(6, r.distinctStates());
        Trace t = r.trace().orElseThrow();
        assertInstanceOf(Trace.End.BackTo.class, t.end());
        // The trace shown is the one-property re-run's: x never reaches 7 in it.
        assertTrue(t.states().stream().noneMatch(s -> s.variables().get("x").equals("7")));
    }

    @Test
    void actionProperty() throws Exception {
        assertEquals(new Outcome.ActionPropertyViolated("NeverDown"), TLC.check(TOYS, "Cycle", "MC_Cycle_down").outcome());
    }

    @Test
    void errorsAreReportedNotThrown() throws Exception {
        assertErrorContains("Bad", "MC_Bad_syntax", "parse error in module Bad");
        assertErrorContains("Counter", "MC_Counter_unassigned", "constant parameter Max is not assigned");
        assertErrorContains("Cycle", "MC_Cycle_assume", "is false");
        assertErrorContains("Ev", "MC_Ev_invariant", "The second argument of \\div is 0");
        assertErrorContains("Counter", "MC_Counter_nosuch", "MC_Counter_nosuch.cfg does not exist");
        assertErrorContains("Nosuch", "MC_Counter_pass", "Nosuch.tla does not exist");
        assertErrorContains("Counter", "MC_Counter_cfgsyntax", "TLC found an error in the configuration file at line 4");
    }

    @Test
    void constantNoModuleDeclaresIsRejectedThoughTlcWouldIgnoreIt() throws Exception {
        Outcome o = TLC.check(TOYS, "Counter", "MC_Counter_extraconst").outcome();
        assertEquals(new Outcome.Error("MC_Counter_extraconst.cfg assigns a value to Nope, which no module declares "
                + "(TLC 2.18 would silently ignore it)"), o);
    }

    @Test
    void leavesNothingInTheSpecDirectory() throws Exception {
        List<String> before = listing(TOYS);
        TLC.check(TOYS, "Counter", "MC_Counter_small");
        assertEquals(before, listing(TOYS));
    }

    private static void assertErrorContains(String module, String config, String fragment) throws InterruptedException {
        Outcome o = TLC.check(TOYS, module, config).outcome();
        Outcome.Error e = assertInstanceOf(Outcome.Error.class, o, config);
        assertTrue(e.message().contains(fragment), config + ": " + e.message());
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
