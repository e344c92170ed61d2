package dev.netspec.trace.ast;

import java.util.Optional;

/** An argument: positional ({@code 100}) or named ({@code quota=64}). */
public record Arg(Pos pos, Optional<String> name, Value value) implements Node {
    public static Arg positional(Pos pos, Value value) {
        return new Arg(pos, Optional.empty(), value);
    }

    public static Arg named(Pos pos, String name, Value value) {
        return new Arg(pos, Optional.of(name), value);
    }
}
