package dev.netspec.trace.ast;

import java.util.List;

/**
 * A path into the observable state: {@code a.tcp[fd].state}, {@code r.eth0.rx_dropped[ring_full]}.
 * The head is a host (in expectations) or any name (in values).
 */
public record Path(Pos pos, String head, List<Segment> segments) implements Node {
    public Path {
        segments = List.copyOf(segments);
    }

    /** One step along a path. */
    public sealed interface Segment extends Node {
        /** {@code .name} */
        record Field(Pos pos, String name) implements Segment {}

        /** {@code [value]} */
        record Index(Pos pos, Value index) implements Segment {}
    }
}
