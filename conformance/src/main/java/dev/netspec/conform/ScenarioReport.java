package dev.netspec.conform;

import java.nio.file.Path;
import java.util.List;

/** What {@code netspec conform} says about one scenario: on the stack, and against the spec. */
public record ScenarioReport(ScenarioExecutor.Execution execution, List<Verdict> verdicts) {
    public ScenarioReport {
        verdicts = List.copyOf(verdicts);
    }

    public enum Status {
        /** Every expectation held and every recorded trace is a behaviour of its spec. */
        CONFORMS,
        /** An expectation failed on the stack (the spec may still agree with what happened). */
        FAILS,
        /** A recorded trace is not a behaviour of its spec. */
        DIVERGES,
        /** The scenario or its trace could not be checked (input error, TLC error). */
        ERROR
    }

    public Path file() {
        return execution.file();
    }

    public String name() {
        return execution.name();
    }

    public Status status() {
        if (execution.inputError() || verdicts.stream().anyMatch(v -> v.status() == Verdict.Status.ERROR)) {
            return Status.ERROR;
        }
        if (verdicts.stream().anyMatch(v -> v.status() == Verdict.Status.DIVERGES)) {
            return Status.DIVERGES;
        }
        return execution.problems().isEmpty() ? Status.CONFORMS : Status.FAILS;
    }

    /** The status as printed: {@code FAILS(expectations)} says what failed. */
    public String label() {
        Status s = status();
        return s == Status.FAILS ? "FAILS(expectations)" : s.name();
    }

    public int steps() {
        return verdicts.stream().mapToInt(v -> v.trace().steps().size()).sum();
    }

    /** The full report: stack problems, then each trace's verdict with its mismatch. */
    public String render() {
        StringBuilder b = new StringBuilder();
        b.append(label()).append("  ").append(name()).append("  (").append(file()).append(")\n");
        for (String p : execution.problems()) {
            b.append("  ").append(p).append('\n');
        }
        for (Verdict v : verdicts) {
            if (v.conforms()) {
                b.append("  ").append(v.trace().module()).append(": conforms, ").append(v.stepsValidated())
                        .append(" steps explained\n");
            } else {
                for (String line : MismatchReport.render(v).split("\n")) {
                    b.append("  ").append(line).append('\n');
                }
            }
        }
        if (verdicts.isEmpty() && !execution.inputError()) {
            b.append("  (no spec named: checked on the stack only)\n");
        }
        return b.toString();
    }
}
