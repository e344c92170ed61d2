package dev.netspec.trace.ast;

/** The left side of an expectation. */
public sealed interface Observable extends Node {

    /** The current value at a path: {@code a.tcp[fd].state}. */
    record Current(Pos pos, Path path) implements Observable {}

    /** A counter's rate over an interval: {@code rate(b.eth0.rx_packets) over 1ms..5ms}. */
    record Rate(Pos pos, Path counter, Value from, Value to) implements Observable {}
}
