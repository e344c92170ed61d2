package dev.netspec.conform;

import dev.netspec.trace.ast.Pos;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a run, in the vocabulary of a TLA+ module: the action label names the spec
 * action(s) allowed to explain it, {@code fields} the values of spec variables after the step
 * (TLA+ expressions, e.g. {@code "<<1, 2>>"} or {@code "TRUE"}). Spec variables not in
 * {@code fields} are unconstrained: the validator lets TLC choose them.
 *
 * @param index 1-based position in its trace
 * @param timeNs virtual time of the step
 * @param label the action label (see the module's action map)
 * @param fields recorded spec variables after the step, in recording order
 * @param source the scenario statement that caused the step ({@link Pos#NONE} if none)
 */
public record RecordedStep(int index, long timeNs, String label, Map<String, String> fields, Pos source) {
    public RecordedStep {
        Objects.requireNonNull(label, "label");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        source = source == null ? Pos.NONE : source;
    }
}
