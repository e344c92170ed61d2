package dev.netspec.conform;

import dev.netspec.host.Host;
import dev.netspec.host.Network;
import dev.netspec.trace.ast.Pos;
import java.util.Map;

/**
 * A scenario's running system as an {@link Abstraction} sees it: the simulated network built
 * from the scenario's topology, and the statement being executed (so recorded steps can point
 * at the scenario line that caused them).
 */
public interface World {
    Network network();

    /** The host named in the scenario; throws IllegalArgumentException if there is none. */
    Host host(String name);

    /** The scenario statement being executed now ({@link Pos#NONE} between statements). */
    Pos currentSource();

    /** The scenario's {@code spec M with K = v, ...} bindings, as TLA+ expressions. */
    Map<String, String> specBindings();
}
