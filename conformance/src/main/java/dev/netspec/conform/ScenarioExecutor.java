package dev.netspec.conform;

import dev.netspec.fault.Fault;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Runs one scenario file on the Java stack, with some faults switched on, and returns what
 * happened: the problems found on the stack itself (failed expectations, input errors, each as
 * {@code file:line:col: message}) and the traces recorded for the spec modules it names. Never
 * throws for bad input.
 */
@FunctionalInterface
public interface ScenarioExecutor {
    Execution execute(Path file, Set<Fault> faults);

    /**
     * @param inputError true when the file could not be run at all (parse error, unknown module):
     *     a usage or input error rather than a disagreement
     */
    record Execution(Path file, String name, List<String> problems, List<RecordedTrace> traces, boolean inputError) {
        public Execution {
            problems = List.copyOf(problems);
            traces = List.copyOf(traces);
        }

        static Execution inputError(Path file, List<String> problems) {
            return new Execution(file, file.getFileName().toString().replaceFirst("\\.trace$", ""), problems, List.of(), true);
        }
    }
}
