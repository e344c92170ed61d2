package dev.netspec.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One state of a TLC counterexample: its 1-based number, the action that produced it
 * ({@code "Initial predicate"} for the first), where that action is defined (TLC's
 * {@code line a, col b to line c, col d of module M}, empty when TLC gives none), and each variable's
 * value as TLC prints it, in TLC's order, with TLC's line breaks folded into single spaces.
 */
public record TraceState(int number, String action, String location, Map<String, String> variables) {

    public TraceState {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }
}
