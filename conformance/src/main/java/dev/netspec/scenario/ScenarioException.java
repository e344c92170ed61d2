package dev.netspec.scenario;

import dev.netspec.trace.ast.Pos;

/** A problem found while executing a statement; caught by the runner and turned into a {@link Problem}. */
final class ScenarioException extends RuntimeException {
    private final transient Problem problem;

    ScenarioException(Problem problem) {
        super(problem.render(), null, false, false);
        this.problem = problem;
    }

    static ScenarioException input(Pos pos, String message) {
        return new ScenarioException(Problem.input(pos, message));
    }

    static ScenarioException unsupported(Pos pos, String what) {
        return new ScenarioException(Problem.input(pos, "not supported by the executor: " + what));
    }

    Problem problem() {
        return problem;
    }
}
