package dev.netspec.probe;

import java.util.function.Supplier;

/** Receives (action, state) pairs. {@link #OFF} ignores them and is what hosts start with. */
public interface Probe {
    /** True if {@link #record} wants calls; callers skip building snapshots otherwise. */
    boolean enabled();

    /**
     * One step happened.
     *
     * @param timeNs virtual time
     * @param action label from {@link Actions}
     * @param actor who did it (a task or NIC name)
     * @param state the abstract state after the step, built only if needed
     */
    void record(long timeNs, String action, String actor, Supplier<Snapshot> state);

    Probe OFF = new Probe() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void record(long timeNs, String action, String actor, Supplier<Snapshot> state) {
        }
    };
}
