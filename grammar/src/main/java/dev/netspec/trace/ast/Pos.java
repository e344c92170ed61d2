package dev.netspec.trace.ast;

/**
 * Where a node came from: file name, 1-based line and 1-based column.
 *
 * <p>Positions are metadata, not part of a node's value: two positions are always
 * {@link #equals equal}, so two ASTs compare equal exactly when they say the same
 * thing, wherever they were written. That is what lets the printer property state
 * {@code parse(print(ast)).equals(ast)} and lets a formatter compare trees. Code that
 * needs the coordinates reads the components.
 */
public record Pos(String file, int line, int column) {

    /** Position of nodes built in code (tests, generators) rather than parsed. */
    public static final Pos NONE = new Pos("<none>", 0, 0);

    @Override
    public boolean equals(Object other) {
        return other instanceof Pos;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
