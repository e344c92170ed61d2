package dev.netspec.conform.ring;

import dev.netspec.conform.Abstraction;
import dev.netspec.conform.RouterRecording;
import dev.netspec.conform.World;
import dev.netspec.host.Host;
import dev.netspec.probe.Actions;
import dev.netspec.trace.ast.Pos;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The abstraction function of spec/NicRing.tla: records a router's input RX ring and output TX
 * ring, step by step, in NicRing's variables ({@link RingRouter} for the shape, {@link RingValues}
 * for the mapping, {@link NicRingState} for packet names and history), with the stack's probe
 * labels, which spec/NicRingTrace.tla's {@code Explains} maps to NicRing's actions.
 *
 * <p>Constants: N is the router's ring size plus one (see {@link RingValues}); a scenario's
 * {@code spec NicRing with ...} may repeat it (it must agree) and may set {@code MaxArrivals}
 * (default: the number of packets that arrived, at least 1) and {@code Mutant} (default
 * {@code "none"}).
 *
 * <p>Steps not recorded: arrivals that never reach the ring (bad FCS, frame longer than the RX
 * buffers). A NIC event on the input NIC's TX side or the output NIC's RX side is recorded with
 * the label {@code OtherRing:<nic>:<action>}, which nothing explains.
 */
public final class NicRingAbstraction implements Abstraction {
    public static final String MODULE = "NicRing";
    /** NicRing's constants, in declaration order. */
    static final List<String> CONSTANTS = List.of("N", "MaxArrivals", "Mutant");

    /** The stack's probe labels this abstraction records (those NicRingTrace's Explains knows). */
    public static final Set<String> LABELS = Set.of(Actions.ARRIVE, Actions.TRANSMIT, Actions.DRIVER_RX, Actions.POLL,
            Actions.TX_START, Actions.TX_COMPLETE, Actions.RX_INTERRUPT, Actions.TX_INTERRUPT, Actions.IRQ_EXIT,
            Actions.IP_INPUT, Actions.POLL_YIELD, Actions.POLL_DONE, Actions.NAPI_DEFER, Actions.USER_STEP);

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public Recording attach(World world) {
        return start(RingRouter.find(world.network()), world.specBindings(), world::currentSource);
    }

    /** Starts recording {@code router} directly (tests), with no scenario around it. */
    public Recording attach(Host router, Map<String, String> bindings) {
        return start(RingRouter.of(router), bindings, () -> Pos.NONE);
    }

    private Recording start(RingRouter router, Map<String, String> bindings, Supplier<Pos> source) {
        return new RecordingImpl(router, constants(router.n(), bindings), bindings.containsKey("MaxArrivals"), source);
    }

    /** The constants: N from the router, checked against the scenario's bindings. */
    static Map<String, String> constants(int n, Map<String, String> bindings) {
        for (Map.Entry<String, String> b : bindings.entrySet()) {
            if (!CONSTANTS.contains(b.getKey())) {
                throw new IllegalArgumentException("NicRing has no constant " + b.getKey() + "; its constants are " + CONSTANTS);
            }
        }
        String boundN = bindings.get("N");
        if (boundN != null && !boundN.trim().equals(Integer.toString(n))) {
            throw new IllegalArgumentException("spec NicRing with N = " + boundN.trim() + ", but the router's rings have "
                    + (n - 1) + " descriptors, which is NicRing's N = " + n + " (the stack's rings keep no descriptor back)");
        }
        Map<String, String> c = new LinkedHashMap<>();
        c.put("N", Integer.toString(n));
        c.put("MaxArrivals", bindings.getOrDefault("MaxArrivals", "1").trim());
        String mutant = bindings.getOrDefault("Mutant", "\"none\"").trim();
        c.put("Mutant", mutant.startsWith("\"") ? mutant : "\"" + mutant + "\"");
        return c;
    }

    private static final class RecordingImpl extends RouterRecording {
        private final RingRouter router;
        private final NicRingState state;

        RecordingImpl(RingRouter router, Map<String, String> constants, boolean maxArrivalsBound, Supplier<Pos> source) {
            super(MODULE, router.host(), constants, maxArrivalsBound, source);
            this.router = router;
            this.state = new NicRingState(router.parts());
            begin();
        }

        @Override
        protected Map<String, String> observe() {
            return state.observe().toTla();
        }

        @Override
        protected boolean modelled(String actor, String action) {
            return router.nicEventCounts(actor, action);
        }

        @Override
        protected String otherLabel(String actor, String action) {
            return "OtherRing:" + actor + ":" + action;
        }

        @Override
        protected boolean arrivalIgnored() {
            return state.arrivalIgnored();
        }

        @Override
        protected int arrived() {
            return state.arrived();
        }
    }
}
