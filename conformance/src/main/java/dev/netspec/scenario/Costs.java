package dev.netspec.scenario;

import dev.netspec.sim.CostModel;
import dev.netspec.trace.ast.Pos;
import java.util.List;

/** The {@code cost OPERATION DURATION} names and how each overrides the {@link CostModel}. */
final class Costs {
    private Costs() {
    }

    /** The operation names a scenario may override, as the CostModel's components in snake case. */
    static final List<String> OPERATIONS = List.of("interrupt", "interrupt_entry", "interrupt_exit", "driver_rx",
            "driver_tx", "tx_complete", "ip_input", "ip_forward", "udp_input", "tcp_input", "socket_enqueue",
            "copy_to_user", "user_work", "syscall", "context_switch", "poll_overhead");

    /**
     * {@code base} with {@code op} costing {@code ns} of CPU time (converted to cycles at the
     * model's clock rate). {@code interrupt} is the whole interrupt overhead: half on entry, half on
     * exit.
     */
    static CostModel with(CostModel base, String op, long ns, Pos pos) {
        long c = Math.multiplyExact(ns, base.cpuHz()) / 1_000_000_000L;
        CostModel m = base;
        long[] v = {m.interruptEntry(), m.interruptExit(), m.driverRxPerPacket(), m.driverTxPerPacket(),
            m.txCompletePerPacket(), m.ipInput(), m.ipForward(), m.udpInput(), m.socketEnqueue(), m.copyToUser(),
            m.userWorkPerPacket(), m.syscall(), m.contextSwitch(), m.pollOverhead(), m.tcpInput()};
        switch (op) {
            case "interrupt" -> {
                v[0] = c / 2;
                v[1] = c - c / 2;
            }
            case "interrupt_entry" -> v[0] = c;
            case "interrupt_exit" -> v[1] = c;
            case "driver_rx" -> v[2] = c;
            case "driver_tx" -> v[3] = c;
            case "tx_complete" -> v[4] = c;
            case "ip_input" -> v[5] = c;
            case "ip_forward" -> v[6] = c;
            case "udp_input" -> v[7] = c;
            case "socket_enqueue" -> v[8] = c;
            case "copy_to_user" -> v[9] = c;
            case "user_work" -> v[10] = c;
            case "syscall" -> v[11] = c;
            case "context_switch" -> v[12] = c;
            case "poll_overhead" -> v[13] = c;
            case "tcp_input" -> v[14] = c;
            default -> throw ScenarioException.unsupported(pos, "cost operation " + op + " (known: " + String.join(", ", OPERATIONS) + ")");
        }
        return new CostModel(m.cpuHz(), v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
                v[13], m.userSliceNs(), v[14]);
    }
}
