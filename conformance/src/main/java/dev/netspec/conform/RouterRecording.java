package dev.netspec.conform;

import dev.netspec.host.Host;
import dev.netspec.probe.Actions;
import dev.netspec.probe.Probe;
import dev.netspec.probe.Snapshot;
import dev.netspec.trace.ast.Pos;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the receive-side abstractions (ReceivePath, NicRing) share: a probe on one router host
 * that records each step's label with the abstract state after it, and finishes the trace with the
 * constants, binding MaxArrivals to the packets seen when the scenario left it open. A subclass
 * says which events belong to the modelled device, how the state is observed, and which arrivals
 * never reach the model.
 */
public abstract class RouterRecording implements Abstraction.Recording, Probe {
    private final String module;
    private final Host host;
    private final Map<String, String> constants;
    private final boolean maxArrivalsBound;
    private final Supplier<Pos> source;
    private final List<RecordedStep> steps = new ArrayList<>();
    private Map<String, String> initial;
    private boolean finished;

    /**
     * @param maxArrivalsBound whether the scenario bound MaxArrivals (else {@link #finish} binds it
     *     to {@link #arrived()}, when {@link #countsArrivals()})
     */
    protected RouterRecording(String module, Host host, Map<String, String> constants, boolean maxArrivalsBound,
            Supplier<Pos> source) {
        this.module = module;
        this.host = host;
        this.constants = new LinkedHashMap<>(constants);
        this.maxArrivalsBound = maxArrivalsBound;
        this.source = source;
    }

    /** Takes the initial state and puts the probe on the host; call at the end of the subclass constructor. */
    protected final void begin() {
        initial = observe();
        host.setProbe(this);
    }

    /** The abstract state now, as TLA+ values by variable name. */
    protected abstract Map<String, String> observe();

    /** Whether {@code action} by {@code actor} is an event of the modelled device (else it gets {@link #otherLabel}). */
    protected abstract boolean modelled(String actor, String action);

    /** The label of an event on another device of the router, which no spec action explains. */
    protected abstract String otherLabel(String actor, String action);

    /** Whether the arrival just reported never reached what the model sees (bad FCS, oversize frame). */
    protected abstract boolean arrivalIgnored();

    /** Packets that arrived so far (MaxArrivals when the scenario left it open). */
    protected abstract int arrived();

    /** Whether packets are numbered, so that an open MaxArrivals is bound to {@link #arrived()}. */
    protected boolean countsArrivals() {
        return true;
    }

    @Override
    public final boolean enabled() {
        return !finished;
    }

    @Override
    public final void record(long timeNs, String action, String actor, Supplier<Snapshot> ignored) {
        if (finished) {
            return;
        }
        if (!modelled(actor, action)) {
            steps.add(new RecordedStep(steps.size() + 1, timeNs, otherLabel(actor, action), observe(), source.get()));
            return;
        }
        if (Actions.ARRIVE.equals(action) && arrivalIgnored()) {
            return;
        }
        steps.add(new RecordedStep(steps.size() + 1, timeNs, action, observe(), source.get()));
    }

    @Override
    public final RecordedTrace finish(String name) {
        if (!finished) {
            finished = true;
            host.setProbe(Probe.OFF);
        }
        Map<String, String> c = new LinkedHashMap<>(constants);
        if (countsArrivals() && !maxArrivalsBound) {
            c.put("MaxArrivals", Integer.toString(Math.max(1, arrived())));
        }
        return new RecordedTrace(name, module, c, initial, steps);
    }
}
