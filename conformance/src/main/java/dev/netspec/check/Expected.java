package dev.netspec.check;

/** The outcome a manifest row expects: {@code pass}, {@code violates <Property>} or {@code deadlock}. */
public sealed interface Expected {

    record Pass() implements Expected {}

    /** Any kind of property (invariant, action property, temporal property) named {@code property}. */
    record Violates(String property) implements Expected {}

    record Deadlock() implements Expected {}

    /**
     * Whether TLC's outcome is the expected one. {@code violates P} accepts an invariant, action property
     * or temporal property violation of P: the manifest names properties as a reader does, without
     * saying which kind each is.
     */
    default boolean matches(Outcome actual) {
        return switch (this) {
            case Pass p -> actual instanceof Outcome.Pass;
            case Deadlock d -> actual instanceof Outcome.Deadlock;
            case Violates v -> v.property().equals(actual.violatedProperty());
        };
    }

    default String describe() {
        return switch (this) {
            case Pass p -> "pass";
            case Violates v -> "violates " + v.property();
            case Deadlock d -> "deadlock";
        };
    }
}
