package dev.netspec.conform;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run recorded for one TLA+ module: the module's constants (TLA+ expressions by name), the
 * recorded part of the initial state, and the steps in order.
 *
 * @param name what the trace is called in reports (usually the scenario's file and name)
 * @param module the TLA+ module, e.g. {@code ReceivePath} or {@code Tcp}
 * @param constants every constant of the module, as TLA+ expressions
 * @param initial the recorded spec variables of the initial state (may be empty)
 * @param steps the steps, indices 1..n
 */
public record RecordedTrace(String name, String module, Map<String, String> constants,
        Map<String, String> initial, List<RecordedStep> steps) {
    public RecordedTrace {
        constants = Collections.unmodifiableMap(new LinkedHashMap<>(constants));
        initial = Collections.unmodifiableMap(new LinkedHashMap<>(initial));
        steps = List.copyOf(steps);
    }
}
