package dev.netspec.trace.ast;

import java.util.List;

/** One protocol layer of an injected frame: {@code ipv4(src=10.0.0.2, ttl=64)}. */
public record Layer(Pos pos, String protocol, List<Arg> fields) implements Node {
    public Layer {
        fields = List.copyOf(fields);
    }
}
