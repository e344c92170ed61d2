package dev.netspec.conform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
     */
    public record Module(String name, Supplier<Abstraction> abstraction, Supplier<Replayer> replayer,
            Map<String, String> exploreConstants) {
        public Module {
            exploreConstants = Map.copyOf(exploreConstants);
        }
    }

    private static final Map<String, Module> MODULES = new LinkedHashMap<>();

    static {
        // One line per module, e.g. (helpers R and T):
        // register(new Module("ReceivePath", ReceivePathAbstraction::new, ReceivePathReplayer::new, Map.of(...)));
        register(new Module("Tcp", () -> new dev.netspec.conform.tcp.TcpAbstraction(dev.netspec.host.Host::tcp),
                dev.netspec.conform.tcp.TcpReplayer::new, dev.netspec.conform.tcp.TcpModel.defaults()));
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
