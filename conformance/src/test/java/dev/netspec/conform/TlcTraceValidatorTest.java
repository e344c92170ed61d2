package dev.netspec.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validator on the toy module: verdicts, the failing step, its diagnosis, errors, batching. */
class TlcTraceValidatorTest {
    private final TlcTraceValidator validator = new TlcTraceValidator(Toys.specDir());

    @Test
    void aBatchOfTracesIsJudgedInOneRunEachOnItsOwn() {
        RecordedTrace good = Toys.trace("good", "3", "inc x=1", "push q=<<2>>", "inc x=2", "pop q=<<>>", "reset x=0");
        // Step 3 claims x jumps from 1 to 3: no action does that.
        RecordedTrace bad = Toys.trace("bad", "3", "inc x=1", "push q=<<1>>", "inc x=3", "pop q=<<>>");
        // The recorder missed a lost item: the pop empties a queue that held two.
        RecordedTrace silent = Toys.trace("silent", "3", "push q=<<1>>", "push q=<<1, 2>>", "pop q=<<>>");
        int before = TlcTraceValidator.tlcRuns();
        List<Verdict> v = validator.validate(List.of(good, bad, silent));
        assertEquals(List.of(Verdict.Status.CONFORMS, Verdict.Status.DIVERGES, Verdict.Status.CONFORMS),
                v.stream().map(Verdict::status).toList(), v::toString);
        // One run validates, one more diagnoses the divergent trace.
        assertEquals(2, TlcTraceValidator.tlcRuns() - before);
        assertEquals(5, v.get(0).stepsValidated());
        Verdict b = v.get(1);
        assertEquals(2, b.stepsValidated());
        Mismatch m = b.mismatch().orElseThrow();
        assertEquals(3, m.step().index());
        assertEquals("bad.trace", m.step().source().file());
        assertEquals("1", m.before().get("x"));
        assertEquals("<<1>>", m.before().get("q"));
        Mismatch.Candidate inc = m.candidates().stream().filter(c -> c.action().equals("Inc")).findFirst().orElseThrow();
        assertEquals(List.of("x: recorded 3, spec 2"), inc.differences());
        assertTrue(m.candidates().stream().anyMatch(c -> c.action().equals("Lose")), m::toString);
        String report = MismatchReport.render(b);
        assertTrue(report.contains("bad.trace:5:1"), report);
        assertTrue(report.contains("Inc"), report);
    }

    @Test
    void aWrongInitialStateIsReported() {
        RecordedTrace t = new RecordedTrace("init", "Toy", Map.of("Max", "3"), Map.of("x", "7"), List.of());
        Verdict v = validator.validate(List.of(t)).get(0);
        assertEquals(Verdict.Status.DIVERGES, v.status(), v::toString);
        assertEquals(0, v.mismatch().orElseThrow().step().index());
    }

    @Test
    void aTraceTlcCannotEvaluateIsAnErrorAndDoesNotSpoilItsBatch() {
        RecordedTrace good = Toys.trace("good", "3", "inc x=1");
        RecordedTrace typo = Toys.trace("typo", "3", "inc x=\"one\"");
        List<Verdict> v = validator.validate(List.of(good, typo));
        assertEquals(Verdict.Status.CONFORMS, v.get(0).status(), v::toString);
        assertEquals(Verdict.Status.ERROR, v.get(1).status(), v::toString);
        assertTrue(v.get(1).detail().startsWith("TLC could not check this trace: "), v.get(1).detail());
        assertTrue(!v.get(1).detail().contains("\n"), v.get(1).detail());
    }

    @Test
    void badConstantsAndUnknownModulesAreErrors() {
        RecordedTrace noMax = new RecordedTrace("nomax", "Toy", Map.of(), Map.of(), List.of());
        RecordedTrace other = new RecordedTrace("other", "Nope", Map.of(), Map.of(), List.of());
        List<Verdict> v = validator.validate(List.of(noMax, other));
        assertEquals(Verdict.Status.ERROR, v.get(0).status(), v::toString);
        assertTrue(v.get(0).detail().contains("Max"), v.get(0).detail());
        assertEquals(Verdict.Status.ERROR, v.get(1).status());
        assertTrue(v.get(1).detail().contains("NopeTrace.tla"), v.get(1).detail());
    }

    @Test
    void aTenThousandStepTraceIsValidatedInOneRun() {
        List<String> steps = new ArrayList<>();
        for (int i = 1; i <= 10_000; i++) {
            steps.add(i % 100 == 0 ? "reset x=0" : "inc x=" + (i % 100));
        }
        RecordedTrace t = Toys.trace("long", "100", steps.toArray(String[]::new));
        Verdict v = validator.validate(List.of(t)).get(0);
        assertEquals(Verdict.Status.CONFORMS, v.status(), v::toString);
        assertEquals(10_000, v.stepsValidated());
    }
}
