package dev.netspec.conform;

import dev.netspec.fault.Fault;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The spec modules the conformance engine knows, each with its abstraction function (stack to
 * spec, for trace validation), its replayer (spec to stack, for event scenarios and
 * {@code netspec explore}) and the constants {@code explore} uses when no configuration is given.
 * A module's trace spec is {@code spec/<M>Trace.tla} (Contract 1 in docs/conformance.md).
 *
 * <p>Adding a module is one line in the static block below.
 */
public final class Conformance {
    private Conformance() {
    }

    /**
     * One module's plug-ins.
     *
     * @param name the TLA+ module
     * @param abstraction a fresh abstraction per scenario (null if the module has none yet)
     * @param replayer a fresh replayer per replay (null if the module has none yet)
     * @param exploreConstants constants for {@code netspec explore} without {@code --config}
     * @param faults the faults of the stack this module's scenarios are meant to catch: the mutation
     *     test asserts that each is caught (declare a fault once it is wired and has its scenario)
     */
    public record Module(String name, Supplier<Abstraction> abstraction, Supplier<Replayer> replayer,
            Map<String, String> exploreConstants, Set<Fault> faults) {
        public Module {
            exploreConstants = Map.copyOf(exploreConstants);
            faults = faults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(faults));
        }

        /** A module that declares no faults (yet). */
        public Module(String name, Supplier<Abstraction> abstraction, Supplier<Replayer> replayer,
                Map<String, String> exploreConstants) {
            this(name, abstraction, replayer, exploreConstants, Set.of());
        }
    }

    /** The faults some registered module declares its scenarios catch (what the mutation test asserts). */
    public static synchronized Set<Fault> declaredFaults() {
        Set<Fault> out = EnumSet.noneOf(Fault.class);
        MODULES.values().forEach(m -> out.addAll(m.faults()));
        return out;
    }

    private static final Map<String, Module> MODULES = new LinkedHashMap<>();

    static {
        // One line per module, e.g. (helpers R and T):
        // register(new Module("ReceivePath", ReceivePathAbstraction::new, ReceivePathReplayer::new, Map.of(...)));
        register(new Module("ReceivePath", dev.netspec.conform.rx.ReceivePathAbstraction::new,
                dev.netspec.conform.rx.ReceivePathReplayer::new, Map.of("Design", "\"napi\"", "Screend", "FALSE",
                        "RingSize", "2", "TxRingSize", "1", "QueueCap", "2", "Quota", "2", "HiWater", "1", "LoWater", "0",
                        "MaxArrivals", "4", "Mutant", "\"none\""),
                EnumSet.of(Fault.NAPI_EARLY_REENABLE, Fault.RING_SLOT_REUSED_UNREAD, Fault.FEEDBACK_EARLY_RESUME,
                        Fault.TX_RECLAIM_UNSENT)));
        // Tcp (helper T): abstraction, replayer, and the six TCP faults its scenarios catch.
        register(new Module("Tcp", () -> new dev.netspec.conform.tcp.TcpAbstraction(dev.netspec.host.Host::tcp),
                dev.netspec.conform.tcp.TcpReplayer::new, dev.netspec.conform.tcp.TcpModel.defaults(),
                EnumSet.of(Fault.FIN_NOT_ACKED, Fault.RST_OUTSIDE_WINDOW_ACCEPTED, Fault.SYN_IN_ESTABLISHED_RESETS,
                        Fault.TIME_WAIT_SKIPPED, Fault.RETRANSMIT_STOPS_AFTER_FIRST_TIMEOUT,
                        Fault.OUT_OF_ORDER_DELIVERED)));
        // NicRing: the router's input RX ring and output TX ring (conform/ring); the two ring faults.
        register(new Module("NicRing", dev.netspec.conform.ring.NicRingAbstraction::new,
                dev.netspec.conform.ring.NicRingReplayer::new, Map.of("N", "3", "MaxArrivals", "4", "Mutant", "\"none\""),
                EnumSet.of(Fault.RING_SLOT_REUSED_UNREAD, Fault.TX_RECLAIM_UNSENT)));
    }

    /** Adds or replaces a module (tests register toy modules this way). */
    public static synchronized void register(Module m) {
        MODULES.put(m.name(), m);
    }

    public static synchronized Optional<Module> module(String name) {
        return Optional.ofNullable(MODULES.get(name));
    }

    public static synchronized List<String> names() {
        return List.copyOf(MODULES.keySet());
    }

    /** A fresh abstraction of every module that has one, for the scenario runner. */
    public static synchronized List<Abstraction> abstractions() {
        List<Abstraction> out = new ArrayList<>();
        for (Module m : MODULES.values()) {
            if (m.abstraction() != null) {
                out.add(m.abstraction().get());
            }
        }
        return out;
    }
}
