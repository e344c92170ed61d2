package dev.netspec.conform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

public interface Replayer {
    String module();
    /** Replays a spec behaviour on the Java stack, step by step, and returns after each step the
     *  stack's abstract state in M's variables (TLA+ values by name). Stops early, with
     *  stuck = reason, at the first step the stack cannot perform (the step is not enabled there). */
    Replay replay(java.util.Map<String, String> constants, java.util.List<SpecStep> behaviour);
    record SpecStep(String action, java.util.Map<String, String> stateAfter) {}   // action: M's action name as TLC prints it, e.g. "NapiPollRx" or "Receive"
    record Replay(java.util.List<java.util.Map<String, String>> states, java.util.Optional<String> stuck) {}

    /**
     * The loop every replayer runs: {@code perform} each step (empty when done, else why the stack
     * cannot), then {@code observe} the abstract state; the first step that cannot be performed
     * ends the replay as stuck, named by its 1-based number and action.
     */
    static Replay steps(List<SpecStep> behaviour, Function<SpecStep, Optional<String>> perform,
            Supplier<Map<String, String>> observe) {
        List<Map<String, String>> states = new ArrayList<>();
        for (SpecStep step : behaviour) {
            Optional<String> stuck = perform.apply(step);
            if (stuck.isPresent()) {
                return new Replay(states, Optional.of("step " + (states.size() + 1) + " " + step.action() + ": " + stuck.get()));
            }
            states.add(observe.get());
        }
        return new Replay(states, Optional.empty());
    }

    /** Constant {@code name} as an int; a clear error when it is missing or not a number. */
    static int integerConstant(Map<String, String> c, String name) {
        String v = c.get(name);
        if (v == null) {
            throw new IllegalArgumentException("constant " + name + " is missing");
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " = " + v + " is not a number");
        }
    }

    /** Refuses a spec mutant: the stack's bugs are faults ({@code dev.netspec.fault}), switched on separately. */
    static void requireNoMutant(Map<String, String> c) {
        String mutant = c.getOrDefault("Mutant", "none").trim().replace("\"", "");
        if (!mutant.equals("none")) {
            throw new IllegalArgumentException("the stack has no mutant " + mutant + " (its bugs are faults, dev.netspec.fault)");
        }
    }
}
