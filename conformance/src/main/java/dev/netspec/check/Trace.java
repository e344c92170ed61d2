package dev.netspec.check;

import java.util.List;

/**
 * A counterexample: the states of the behaviour TLC printed, and how it ends.
 * A safety violation or a deadlock ends {@link End.Finite finitely}; a liveness counterexample is a
 * lasso that either loops {@link End.BackTo back to} an earlier state or {@link End.Stuttering stutters}
 * forever in its last state.
 */
public record Trace(List<TraceState> states, End end) {

    public Trace {
        states = List.copyOf(states);
    }

    public sealed interface End {
        /** The behaviour stops at its last state (safety violation, deadlock, evaluation error). */
        record Finite() implements End {}

        /**
         * The last state steps with {@code action} to state {@code state} and the loop repeats forever
         * (TLC message 2122, "N: Back to state").
         */
        record BackTo(int state, String action, String location) implements End {}

        /** The behaviour stays in its last state forever (TLC message 2218, "N: Stuttering"). */
        record Stuttering() implements End {}
    }

    public boolean isLasso() {
        return !(end instanceof End.Finite);
    }
}
