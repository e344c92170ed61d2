package dev.netspec.conform.tcp;

import dev.netspec.conform.Abstraction;
import dev.netspec.conform.RecordedTrace;
import dev.netspec.conform.World;
import dev.netspec.host.Host;
import dev.netspec.tcp.TcpLayer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The abstraction function of {@code spec/Tcp.tla} for scenario worlds (see {@link TcpRecorder}
 * for what maps to what). The model's endpoints are the world's first two hosts, in the order
 * the scenario declares them: the first is "A", the second "B". Constants: Tcp's defaults
 * ({@link TcpModel#defaults}) overridden by the scenario's {@code spec Tcp with ...} bindings.
 *
 * <p>A world with one host (a packetdrill-style scenario whose peer is played by segment lines)
 * has only one of the model's endpoints; the model's variables are whole functions over both
 * ends, so nothing of it can be recorded faithfully: its trace has no steps, and the scenario is
 * checked by its stack expectations alone (the trace's name says so).
 */
public final class TcpAbstraction implements Abstraction {
    private final Function<Host, TcpLayer> tcpOf;

    /** @param tcpOf a host's TCP layer */
    public TcpAbstraction(Function<Host, TcpLayer> tcpOf) {
        this.tcpOf = tcpOf;
    }

    @Override
    public String module() {
        return TcpModel.MODULE;
    }

    @Override
    public Recording attach(World world) {
        Map<String, String> constants = TcpRecorder.constants(world.specBindings());
        TcpRecorder recorder = new TcpRecorder(constants, world::currentSource,
                () -> world.network().sim().now());
        List<Host> hosts = world.network().hosts();
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException(
                    "spec Tcp needs hosts running TCP: the model's endpoints A and B are the "
                    + "scenario's first two hosts");
        }
        if (hosts.size() == 1) {
            return name -> new RecordedTrace(name + " (one host: Tcp's other end is not observed,"
                    + " only the stack expectations check it)", TcpModel.MODULE, constants,
                    Map.of(), List.of());
        }
        recorder.attach("A", tcpOf.apply(hosts.get(0)));
        recorder.attach("B", tcpOf.apply(hosts.get(1)));
        return recorder::trace;
    }
}
