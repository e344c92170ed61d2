package dev.netspec.sim;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Something the CPU runs: an interrupt handler, a software interrupt, a kernel thread or a user
 * process. Its {@code body} is asked for the next {@link Step} whenever the task holds the CPU
 * between steps; returning {@code null} means "nothing to do", and the task blocks until someone
 * calls {@link Cpu#wake(Task)}. Bodies decide from state, so a wake is only a hint and a wake that
 * races with the task going idle is never lost.
 */
public final class Task {
    private final String name;
    private final Priority priority;
    private final Supplier<Step> body;

    // scheduler state, owned by Cpu
    boolean runnable;
    Step partial;
    long remainingNs;
    long sliceStartNs;
    long busyNs;
    long steps;

    public Task(String name, Priority priority, Supplier<Step> body) {
        this.name = Objects.requireNonNull(name, "name");
        this.priority = Objects.requireNonNull(priority, "priority");
        this.body = Objects.requireNonNull(body, "body");
    }

    public String name() {
        return name;
    }

    public Priority priority() {
        return priority;
    }

    /** True if the task is on a run queue (running, preempted or waiting for the CPU). */
    public boolean runnable() {
        return runnable;
    }

    /** Virtual nanoseconds of CPU this task has used. */
    public long busyNs() {
        return busyNs;
    }

    /** Steps completed. */
    public long steps() {
        return steps;
    }

    Step next() {
        return body.get();
    }

    @Override
    public String toString() {
        return name + "@" + priority;
    }
}
