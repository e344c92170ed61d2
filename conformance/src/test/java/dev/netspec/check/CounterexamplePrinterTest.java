package dev.netspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CounterexamplePrinterTest {

    @Test
    void marksChangesNamesActionsAndTheLoop() {
        Trace t = new Trace(List.of(
                state(1, "Initial predicate", "", "x", "0", "log", "<<>>"),
                state(2, "Step", "line 10, col 9 to line 10, col 63 of module Cycle", "x", "1", "log", "<<>>"),
                state(3, "Step", "line 10, col 9 to line 10, col 63 of module Cycle", "x", "2", "log", "<<1>>")),
                new Trace.End.BackTo(2, "Step", ""));
        String text = CounterexamplePrinter.render(t, 80);
        assertEquals("""
                Counterexample: 3 states, a lasso looping back to state 2 (* = changed by the step)

                State 1: Initial predicate
                    variable | value
                    ---------+-----------------------------------------
                    x        | 0
                    log      | <<>>

                State 2: Step  (Cycle.tla:10:9)
                    variable | value
                    ---------+-----------------------------------------
                  * x        | 1
                    log      | <<>>

                State 3: Step  (Cycle.tla:10:9)
                    variable | value
                    ---------+-----------------------------------------
                  * x        | 2
                  * log      | <<1>>

                -- loop: back to state 2 (by Step), and around again forever --
                """, text);
    }

    @Test
    void stutteringEndSaysWhere() {
        Trace t = new Trace(List.of(state(1, "Initial predicate", "", "b", "0"), state(2, "Next", "", "b", "1")),
                new Trace.End.Stuttering());
        assertTrue(CounterexamplePrinter.render(t, 80).endsWith("-- loop: stutters in state 2 forever --\n"));
    }

    @Test
    void longValuesWrapAtCommasAndVeryLongOnesAreCut() {
        String ring = "<< " + String.join(", ", java.util.Collections.nCopies(10, "\"owned_by_the_nic\"")) + " >>";
        List<String> lines = CounterexamplePrinter.wrap(ring, 45);
        assertTrue(lines.size() > 1);
        assertTrue(lines.stream().allMatch(l -> l.length() <= 45), lines.toString());
        assertTrue(lines.get(0).endsWith(","), "breaks after a comma: " + lines.get(0));
        assertEquals(ring, String.join(" ", lines));

        String huge = "x".repeat(10_000);
        List<String> cut = CounterexamplePrinter.wrap(huge, 50);
        assertEquals(CounterexamplePrinter.MAX_VALUE_LINES, cut.size());
        assertEquals("... (" + (10_000 - 50 * (CounterexamplePrinter.MAX_VALUE_LINES - 1)) + " more characters)",
                cut.get(cut.size() - 1));
    }

    @Test
    void realCapturedTraceRendersEveryState() {
        Trace t = Captured.result("MC_Ring_wide").trace().orElseThrow();
        String text = CounterexamplePrinter.render(t, 100);
        for (int i = 1; i <= 10; i++) {
            assertTrue(text.contains("State " + i + ": "), "state " + i);
        }
        assertTrue(text.contains("State 10: Fill  (Ring.tla:11:9)"));
        assertTrue(text.lines().allMatch(l -> l.length() <= 100), "fits the width");
    }

    private static TraceState state(int n, String action, String location, String... kv) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            vars.put(kv[i], kv[i + 1]);
        }
        return new TraceState(n, action, location, vars);
    }
}
