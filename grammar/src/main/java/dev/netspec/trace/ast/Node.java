package dev.netspec.trace.ast;

/** Every AST node knows where it was written. */
public interface Node {
    Pos pos();
}
