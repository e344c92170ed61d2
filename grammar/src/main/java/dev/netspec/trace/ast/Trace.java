package dev.netspec.trace.ast;

import java.util.List;

/**
 * One trace file: its items in source order. Header, includes, constants, topology,
 * timeline and recorded steps may be interleaved; the checker enforces what must be
 * unique and what must be declared before use.
 */
public record Trace(Pos pos, List<Item> items) implements Node {
    public Trace {
        items = List.copyOf(items);
    }
}
