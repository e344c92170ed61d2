package dev.netspec.conform.rx;

import dev.netspec.conform.Abstraction;
import dev.netspec.conform.RouterRecording;
import dev.netspec.conform.World;
import dev.netspec.host.Host;
import dev.netspec.probe.Actions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The abstraction function of spec/ReceivePath.tla: records a router's receive path, step by
 * step, in ReceivePath's variables (see {@link ReceivePathState} for the mapping and
 * {@link RouterShape} for the router shape it accepts), with the stack's probe labels, which
 * spec/ReceivePathTrace.tla's {@code Explains} maps to ReceivePath's actions.
 *
 * <p>Constants: Design, Screend, RingSize, TxRingSize, QueueCap, Quota, HiWater and LoWater come
 * from the router (its driver, NIC, queue limits, NAPI budget and screend); a scenario's
 * {@code spec ReceivePath with ...} may repeat them (they must agree) and may set
 * {@code MaxArrivals} ({@code 0}: anonymous packets; otherwise tracked, and by default the number
 * of packets that arrived) and {@code Mutant} (default {@code "none"}).
 *
 * <p>Steps not recorded: NIC arrivals the receive path never sees (bad FCS, frame longer than
 * the RX buffers); everything the router's other tasks do is recorded, with its label.
 */
public final class ReceivePathAbstraction implements Abstraction {
    public static final String MODULE = "ReceivePath";

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public Recording attach(World world) {
        RouterShape router = RouterShape.find(world.network());
        return start(router, world.specBindings(), world::currentSource);
    }

    /** Starts recording {@code router} directly (tests, and the replayer), with no scenario around it. */
    public Recording attach(Host router, Map<String, String> bindings) {
        return start(RouterShape.of(router), bindings, () -> dev.netspec.trace.ast.Pos.NONE);
    }

    private Recording start(RouterShape router, Map<String, String> bindings,
            Supplier<dev.netspec.trace.ast.Pos> source) {
        Map<String, String> constants = constants(router, bindings);
        boolean tracked = !"0".equals(normalise(bindings.getOrDefault("MaxArrivals", "")));
        return new RecordingImpl(router, constants, bindings.containsKey("MaxArrivals"), tracked, source);
    }

    /** The derived constants, checked against the scenario's bindings. */
    static Map<String, String> constants(RouterShape router, Map<String, String> bindings) {
        Map<String, String> c = new LinkedHashMap<>(router.derivedConstants());
        for (Map.Entry<String, String> b : bindings.entrySet()) {
            String name = b.getKey();
            String value = normalise(b.getValue());
            if (!RouterShape.CONSTANTS.contains(name)) {
                throw new IllegalArgumentException("ReceivePath has no constant " + name + "; its constants are "
                        + RouterShape.CONSTANTS);
            }
            if (c.containsKey(name) && !c.get(name).equals(value)) {
                throw new IllegalArgumentException("spec ReceivePath with " + name + " = " + value
                        + ", but router " + router.host().name() + " has " + name + " = " + c.get(name)
                        + " (from its driver, NIC and queue limits)");
            }
        }
        c.put("MaxArrivals", normalise(bindings.getOrDefault("MaxArrivals", "0")));
        c.put("Mutant", normalise(bindings.getOrDefault("Mutant", "none")));
        return c;
    }

    /** A binding as a TLA+ value: a bare word (a scenario's {@code Design = napi}) is a string. */
    static String normalise(String value) {
        String v = value.trim();
        if (v.matches("[A-Za-z_][A-Za-z0-9_]*") && !v.equals("TRUE") && !v.equals("FALSE")) {
            return Tla.str(v);
        }
        return v;
    }

    private static final class RecordingImpl extends RouterRecording {
        private final RouterShape router;
        private final ReceivePathState state;

        RecordingImpl(RouterShape router, Map<String, String> constants, boolean maxArrivalsBound, boolean tracked,
                Supplier<dev.netspec.trace.ast.Pos> source) {
            super(MODULE, router.host(), constants, maxArrivalsBound, source);
            this.router = router;
            this.state = new ReceivePathState(router, tracked);
            begin();
        }

        @Override
        protected Map<String, String> observe() {
            return state.observe();
        }

        @Override
        protected boolean modelled(String actor, String action) {
            return router.ownsActor(actor);
        }

        /** Another NIC of the router did something: the model has one device, so no action explains it. */
        @Override
        protected String otherLabel(String actor, String action) {
            return "OtherDevice:" + actor + ":" + action;
        }

        @Override
        protected boolean arrivalIgnored() {
            return state.arrivalIgnored();
        }

        @Override
        protected int arrived() {
            return state.arrived();
        }

        @Override
        protected boolean countsArrivals() {
            return state.tracked();
        }
    }

    /** Labels this abstraction records (the stack's probe vocabulary), for documentation and tests. */
    public static final Set<String> LABELS = Set.of(Actions.ARRIVE, Actions.RX_INTERRUPT, Actions.TX_INTERRUPT,
            Actions.IRQ_EXIT, Actions.DRIVER_RX, Actions.POLL, Actions.POLL_YIELD, Actions.POLL_DONE,
            Actions.NAPI_DEFER, Actions.IP_INPUT, Actions.USER_STEP, Actions.TX_START, Actions.TRANSMIT,
            Actions.TX_COMPLETE);
}
