package dev.netspec.scenario;

import dev.netspec.trace.ast.Trace;
import java.nio.file.Path;

/**
 * Runs event scenarios ({@code event Name(...)} lines, the spec-scenario form): the model replayer
 * implements it. {@link ScenarioRunner} hands a scenario whose timeline is made of events to the
 * handler in {@link RunOptions#eventHandler()}; without one it answers with a problem saying where
 * such scenarios are replayed.
 */
@FunctionalInterface
public interface EventHandler {
    /**
     * Replays the parsed and checked scenario {@code trace} read from {@code file}.
     * Must not throw for bad input: problems go into the result.
     */
    ScenarioResult replay(Path file, Trace trace, RunOptions options);
}
