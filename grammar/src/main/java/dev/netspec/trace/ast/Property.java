package dev.netspec.trace.ast;

/** {@code key value} inside a NIC or link block, or a load generator parameter. */
public record Property(Pos pos, String key, Value value) implements Node {}
