package dev.netspec.check;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything one model-checking job found.
 *
 * @param outcome          what TLC concluded
 * @param distinctStates   distinct states found, -1 when TLC did not report it (it stopped first)
 * @param generatedStates  states generated, -1 when not reported
 * @param depth            depth of the state graph search, -1 when not reported
 * @param duration         wall-clock time of the whole job, JVM start-up and any re-runs included
 * @param trace            the counterexample (or the behaviour leading to an evaluation error)
 * @param violatedTemporal for a temporal violation, every listed property that is violated on its own
 *                         (in configuration order); empty otherwise
 * @param exitCode         TLC's exit code (of the first run)
 * @param output           TLC's raw output of the first run (stdout then stderr), for diagnosis
 */
public record TlcResult(Outcome outcome, long distinctStates, long generatedStates, int depth, Duration duration,
                        Optional<Trace> trace, List<String> violatedTemporal, int exitCode, String output) {

    public TlcResult {
        violatedTemporal = List.copyOf(violatedTemporal);
    }

    public TlcResult withDuration(Duration d) {
        return new TlcResult(outcome, distinctStates, generatedStates, depth, d, trace, violatedTemporal, exitCode, output);
    }

    public TlcResult withTemporal(Outcome o, Optional<Trace> t, List<String> violated) {
        return new TlcResult(o, distinctStates, generatedStates, depth, duration, t, violated, exitCode, output);
    }

    /** A result for a job that never got to run TLC (missing file, I/O failure). */
    public static TlcResult error(String message, Duration duration) {
        return new TlcResult(new Outcome.Error(message), -1, -1, -1, duration, Optional.empty(), List.of(), -1, "");
    }
}
