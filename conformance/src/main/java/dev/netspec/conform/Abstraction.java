package dev.netspec.conform;

/**
 * The abstraction function of one TLA+ module: maps the Java stack's concrete state to the
 * module's variables and labels the stack's steps with the module's action labels. One class per
 * spec module (ReceivePath, NicRing, Tcp), each tested on its own.
 */
public interface Abstraction {
    /** The TLA+ module this abstraction maps to. */
    String module();

    /**
     * Starts recording on a built (not yet run) world. The scenario runner calls this before the
     * first statement and {@link Recording#finish} after the last.
     *
     * @throws IllegalArgumentException if the world does not have the shape the module needs
     *     (e.g. ReceivePath needs one router with an input and an output interface); the message
     *     is shown to the user
     */
    Recording attach(World world);

    /** A recording in progress. */
    interface Recording {
        /** Stops recording and returns the trace, named {@code name}. */
        RecordedTrace finish(String name);
    }
}
