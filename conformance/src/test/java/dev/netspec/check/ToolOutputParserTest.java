package dev.netspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The -tool output parser against real TLC 2.18 output of the toy specs. */
class ToolOutputParserTest {

    @Test
    void passingRunHasCountsAndDepthButNoTrace() {
        TlcResult r = Captured.result("MC_Counter_pass");
        assertEquals(new Outcome.Pass(), r.outcome());
        assertEquals(12, r.distinctStates());
        assertEquals(12, r.generatedStates());
        assertEquals(12, r.depth());
        assertTrue(r.trace().isEmpty());
    }

    @Test
    void invariantViolationNamesTheInvariantAndKeepsTheTrace() {
        TlcResult r = Captured.result("MC_Counter_small");
        assertEquals(new Outcome.InvariantViolated("Small"), r.outcome());
        assertEquals(4, r.distinctStates());
        Trace t = r.trace().orElseThrow();
        assertEquals(4, t.states().size());
        assertInstanceOf(Trace.End.Finite.class, t.end());
        TraceState first = t.states().get(0);
        assertEquals("Initial predicate", first.action());
        assertEquals("", first.location());
        assertEquals(Map.of("x", "0", "y", "0"), first.variables());
        TraceState last = t.states().get(3);
        assertEquals(4, last.number());
        assertEquals("Inc", last.action());
        assertEquals("line 9, col 8 to line 9, col 43 of module Counter", last.location());
        assertEquals("3", last.variables().get("x"));
    }

    @Test
    void invariantViolatedByTheInitialStateCarriesThatState() {
        TlcResult r = Captured.result("MC_Counter_initial");
        assertEquals(new Outcome.InvariantViolated("Positive"), r.outcome());
        assertEquals(-1, r.distinctStates(), "TLC stops before reporting counts");
        Trace t = r.trace().orElseThrow();
        assertEquals(1, t.states().size());
        assertEquals(Map.of("x", "0", "y", "0"), t.states().get(0).variables());
    }

    @Test
    void deadlock() {
        TlcResult r = Captured.result("MC_Counter_deadlock");
        assertEquals(new Outcome.Deadlock(), r.outcome());
        assertEquals(9, r.distinctStates());
        assertEquals(9, r.trace().orElseThrow().states().size());
        assertEquals(Map.of("x", "2", "y", "2"), r.trace().orElseThrow().states().get(8).variables());
    }

    @Test
    void temporalViolationIsUnnamedByTlcAndEndsStuttering() {
        TlcResult r = Captured.result("MC_Counter_stutter");
        assertEquals(new Outcome.TemporalPropertyViolated(""), r.outcome());
        assertEquals(12, r.distinctStates());
        Trace t = r.trace().orElseThrow();
        assertEquals(12, t.states().size());
        assertInstanceOf(Trace.End.Stuttering.class, t.end());
        assertTrue(t.isLasso());
    }

    @Test
    void lassoLoopsBackToANumberedState() {
        TlcResult r = Captured.result("MC_Cycle_lasso");
        assertEquals(new Outcome.TemporalPropertyViolated(""), r.outcome());
        Trace t = r.trace().orElseThrow();
        Trace.End.BackTo loop = assertInstanceOf(Trace.End.BackTo.class, t.end());
        assertEquals("Step", loop.action());
        TraceState target = t.states().get(loop.state() - 1);
        TraceState last = t.states().get(t.states().size() - 1);
        // The loop closes: one more Step from the last state gives the state it goes back to.
        int x = Integer.parseInt(last.variables().get("x"));
        assertEquals(String.valueOf((x + 1) % 4), target.variables().get("x"));
    }

    @Test
    void actionPropertyViolationIsNamed() {
        TlcResult r = Captured.result("MC_Cycle_down");
        assertEquals(13, r.exitCode(), "TLC 2.18 exits 13 for an action property listed under PROPERTY");
        assertEquals(new Outcome.ActionPropertyViolated("NeverDown"), r.outcome());
        List<TraceState> s = r.trace().orElseThrow().states();
        assertEquals("0", s.get(s.size() - 1).variables().get("x"));
    }

    @Test
    void valuesSpreadOverLinesAreFoldedIntoOne() {
        TlcResult r = Captured.result("MC_Ring_wide");
        assertEquals(new Outcome.InvariantViolated("QueueShort"), r.outcome());
        TraceState last = r.trace().orElseThrow().states().get(9);
        assertEquals("[ head |-> 9, owner |-> \"driver\", label |-> \"a long string value that does not fit\" ]",
                last.variables().get("rec"));
        assertEquals("<<1, 2, 3, 4, 5, 6, 7, 8, 9>>", last.variables().get("q"));
        assertTrue(last.variables().get("ring").startsWith("<< \"owned_by_the_nic\", \"owned_by_the_nic\","));
        assertTrue(last.variables().get("ring").endsWith("\"free\" >>"));
    }

    @Test
    void errorsAreOneClearLine() {
        assertError("MC_Bad_syntax", "Parsing or semantic analysis failed: parse error in module Bad: Encountered");
        assertError("MC_Counter_unassigned", "The constant parameter Max is not assigned a value by the configuration file.");
        assertError("MC_Counter_undefined",
                "The invariant NoSuchInvariant specified in the configuration file is not defined in the specification.");
        assertError("MC_Counter_cfgsyntax", "TLC found an error in the configuration file at line 4");
        assertError("MC_Cycle_assume", "Assumption line 5, col 8 to line 5, col 12 of module Cycle is false.");
        assertError("MC_Ev_invariant", "Evaluating invariant DividesByZero failed. The second argument of \\div is 0.");
        assertError("MC_Sem_unknown", "Parsing or semantic analysis failed: semantic error: "
                + "line 5, col 14 to line 5, col 14 of module Sem: Unknown operator: `y'.");
        assertError("MC_Ext_missing", "Parsing or semantic analysis failed: error: "
                + "Cannot find source file for module NoSuchModule imported in module Ext.");
        assertError("MC_Ev_next", "Attempted to apply tuple <<1>> to integer 2 which is out of domain. "
                + "(at line 6, col 39 to line 6, col 43 of module Ev)");
    }

    @Test
    void evaluationErrorKeepsTheBehaviourLeadingToIt() {
        TlcResult r = Captured.result("MC_Ev_next");
        assertEquals(3, r.trace().orElseThrow().states().size());
        assertEquals(Map.of("x", "2"), r.trace().orElseThrow().states().get(2).variables());
    }

    @Test
    void tlcIgnoresAConstantTheModuleDoesNotDeclare() {
        // Pins a TLC 2.18 behaviour the runner cannot see through: "Nope = 3" is silently dropped.
        assertEquals(new Outcome.Pass(), Captured.result("MC_Counter_extraconst").outcome());
    }

    @Test
    void violationWhoseExitCodeDisagreesIsNotTrusted() {
        String out = Captured.text("/tlc-output/MC_Counter_small.out");
        Outcome o = ToolOutputParser.parse(out, "", 0).outcome();
        Outcome.Error e = assertInstanceOf(Outcome.Error.class, o);
        assertEquals("TLC reported 'Invariant Small is violated.' but exited with code 0", e.message());
    }

    @Test
    void crashWithoutMessagesReportsTheLastStderrLine() {
        Outcome o = ToolOutputParser.parse("", "Exception in thread \"main\"\njava.lang.OutOfMemoryError: Java heap space\n", 1)
                .outcome();
        assertEquals(new Outcome.Error("TLC exited with code 1 without reporting a result: "
                + "java.lang.OutOfMemoryError: Java heap space"), o);
    }

    @Test
    void nestedMessagesAreSplitInStartOrderAndUntaggedTextKept() {
        ToolOutput out = ToolOutput.split("before\n@!@!@STARTMSG 1000:1 @!@!@\nouter\n: @!@!@STARTMSG 5006:0 @!@!@\ninner\n"
                + "@!@!@ENDMSG 5006 @!@!@\n@!@!@ENDMSG 1000 @!@!@\nafter\n");
        assertEquals(List.of(1000, 5006), out.messages().stream().map(ToolMessage::code).toList());
        assertEquals("outer\n: inner\n", out.messages().get(0).text());
        assertEquals("inner\n", out.messages().get(1).text());
        assertEquals("before\nafter\n", out.untagged());
    }

    @Test
    void truncatedOutputStillYieldsWhatWasPrinted() {
        ToolOutput out = ToolOutput.split("@!@!@STARTMSG 2217:4 @!@!@\n1: <Initial predicate>\nx = 0\n");
        assertEquals(1, out.messages().size());
        assertEquals(Map.of("x", "0"), ToolOutputParser.parseState(out.messages().get(0).text()).orElseThrow().variables());
    }

    @Test
    void countsWithThousandsSeparators() {
        String out = "@!@!@STARTMSG 2199:0 @!@!@\n1,234,567 states generated, 89,012 distinct states found, 0 states left on queue.\n"
                + "@!@!@ENDMSG 2199 @!@!@\n@!@!@STARTMSG 2193:0 @!@!@\nModel checking completed. No error has been found.\n"
                + "@!@!@ENDMSG 2193 @!@!@\n";
        TlcResult r = ToolOutputParser.parse(out, "", 0);
        assertEquals(1_234_567, r.generatedStates());
        assertEquals(89_012, r.distinctStates());
    }

    private static void assertError(String config, String expectedStart) {
        Outcome o = Captured.result(config).outcome();
        Outcome.Error e = assertInstanceOf(Outcome.Error.class, o, config);
        assertTrue(e.message().startsWith(expectedStart), config + ": '" + e.message() + "' should start with '" + expectedStart + "'");
        assertTrue(e.message().indexOf('\n') < 0, config + ": one line");
    }
}
