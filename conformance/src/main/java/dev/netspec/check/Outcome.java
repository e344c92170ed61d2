package dev.netspec.check;

/**
 * What one TLC run concluded. Closed hierarchy: a run passes, violates exactly one named property,
 * deadlocks, or fails to check at all ({@link Error}: parse, semantic or configuration errors, a false
 * ASSUME, an evaluation error, a crash).
 */
public sealed interface Outcome {

    /** Model checking completed and found no error. */
    record Pass() implements Outcome {}

    /** A state violates the invariant {@code name} (TLC messages 2107 and 2110). */
    record InvariantViolated(String name) implements Outcome {}

    /** A step violates the action property {@code name}, a {@code [][A]_v} formula (TLC message 2112). */
    record ActionPropertyViolated(String name) implements Outcome {}

    /**
     * A behaviour violates the temporal property {@code name} (TLC message 2116). TLC 2.18 does not say
     * which property failed; {@link TlcRunner} finds it by re-running TLC once per listed property.
     */
    record TemporalPropertyViolated(String name) implements Outcome {}

    /** A reachable state has no successor and the configuration checks for deadlock (TLC message 2114). */
    record Deadlock() implements Outcome {}

    /** TLC could not check the configuration; {@code message} is one line, fit for a table cell. */
    record Error(String message) implements Outcome {}

    /** The manifest's spelling of this outcome: {@code pass}, {@code violates P}, {@code deadlock}, {@code error: ...}. */
    default String describe() {
        return switch (this) {
            case Pass p -> "pass";
            case InvariantViolated v -> "violates " + v.name();
            case ActionPropertyViolated v -> "violates " + v.name();
            case TemporalPropertyViolated v -> "violates " + (v.name().isEmpty() ? "(an unnamed temporal property)" : v.name());
            case Deadlock d -> "deadlock";
            case Error e -> "error: " + e.message();
        };
    }

    /** The violated property's name, or null when this outcome is not a property violation. */
    default String violatedProperty() {
        return switch (this) {
            case InvariantViolated v -> v.name();
            case ActionPropertyViolated v -> v.name();
            case TemporalPropertyViolated v -> v.name();
            default -> null;
        };
    }
}
