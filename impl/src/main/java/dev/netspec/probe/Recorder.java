package dev.netspec.probe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/** A probe that keeps every observation in memory, up to a limit (then it counts what it dropped). */
public final class Recorder implements Probe {
    /** One recorded step. */
    public record Observation(long timeNs, String action, String actor, Snapshot state) {
        @Override
        public String toString() {
            return timeNs + " " + actor + " " + action + " " + state;
        }
    }

    private final int limit;
    private final List<Observation> observations = new ArrayList<>();
    private long overflow;

    public Recorder(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0");
        }
        this.limit = limit;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public void record(long timeNs, String action, String actor, Supplier<Snapshot> state) {
        if (observations.size() >= limit) {
            overflow++;
            return;
        }
        observations.add(new Observation(timeNs, action, actor, state.get()));
    }

    public List<Observation> observations() {
        return Collections.unmodifiableList(observations);
    }

    /** Observations not kept because the limit was reached. */
    public long overflow() {
        return overflow;
    }
}
