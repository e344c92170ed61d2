package dev.netspec.sim;

import java.util.Objects;

/**
 * One unit of work a {@link Task} asks the CPU to do: it occupies the CPU for {@code cycles} cycles
 * (possibly split by preemption) and then its {@code effect} runs atomically at the instant the
 * work completes. State changes happen only in effects, so an observer sees the system move from
 * one consistent state to the next, one labelled action at a time.
 *
 * @param label action label reported to probes (e.g. {@code IpInput}); see {@code dev.netspec.probe.Actions}
 * @param cycles CPU cycles the work takes, at least zero
 * @param effect what happens when the work is done
 * @param yieldAfter if true the task goes to the back of its priority level's run queue after the
 *     effect (a quota ending a polling round)
 */
public record Step(String label, long cycles, Runnable effect, boolean yieldAfter) {
    public Step {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(effect, "effect");
        if (cycles < 0) {
            throw new IllegalArgumentException("negative cycles for " + label + ": " + cycles);
        }
    }

    public static Step of(String label, long cycles, Runnable effect) {
        return new Step(label, cycles, effect, false);
    }

    public static Step yielding(String label, long cycles, Runnable effect) {
        return new Step(label, cycles, effect, true);
    }
}
