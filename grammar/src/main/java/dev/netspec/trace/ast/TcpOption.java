package dev.netspec.trace.ast;

import java.util.List;

/** One TCP option in packetdrill's notation: {@code mss 1460}, {@code nop}, {@code TS val 1 ecr 0}. */
public record TcpOption(Pos pos, String kind, List<String> words) implements Node {
    public TcpOption {
        words = List.copyOf(words);
    }
}
