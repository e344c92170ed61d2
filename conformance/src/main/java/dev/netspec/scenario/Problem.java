package dev.netspec.scenario;

import dev.netspec.trace.ast.Pos;

/**
 * Something wrong with a scenario run, at the statement it concerns: a bad input (the file does not
 * parse, names something the stack cannot build, asks for something the executor cannot do) or a
 * failed expectation (an {@code expect} that did not hold, a call that returned something else than
 * written, a segment the stack did not send).
 *
 * @param kind whether the scenario is wrong ({@link Kind#INPUT}) or the stack disagreed with it
 */
public record Problem(Kind kind, String file, int line, int column, String message) {

    /**
     * What kind of problem: the CLI exits 2 for input problems and 1 for failed expectations;
     * {@code NOT_FOR_STACK} says the file is for another tool (a recorded trace, an event
     * scenario without an event handler) and the CLI reports it as skipped.
     */
    public enum Kind { INPUT, EXPECTATION, NOT_FOR_STACK }

    static Problem input(Pos pos, String message) {
        return new Problem(Kind.INPUT, pos.file(), pos.line(), pos.column(), message);
    }

    static Problem notForStack(Pos pos, String message) {
        return new Problem(Kind.NOT_FOR_STACK, pos.file(), pos.line(), pos.column(), message);
    }

    static Problem failed(Pos pos, String message) {
        return new Problem(Kind.EXPECTATION, pos.file(), pos.line(), pos.column(), message);
    }

    /** {@code file:line:col: message}, as compilers print it. */
    public String render() {
        return file + ":" + line + ":" + column + ": " + message;
    }

    @Override
    public String toString() {
        return render();
    }
}
