package dev.netspec.trace.ast;

/** {@code Name = value} in a {@code spec ... with} clause. */
public record Binding(Pos pos, String name, Value value) implements Node {}
