package dev.netspec.conform.rx;

import dev.netspec.buf.Mbuf;
import dev.netspec.conform.Replayer;
import dev.netspec.driver.Design;
import dev.netspec.driver.DriverConfig;
import dev.netspec.driver.Softnet;
import dev.netspec.host.Host;
import dev.netspec.host.Iface;
import dev.netspec.host.Network;
import dev.netspec.host.ScreendConfig;
import dev.netspec.nic.Nic;
import dev.netspec.nic.NicConfig;
import dev.netspec.probe.Actions;
import dev.netspec.probe.Probe;
import dev.netspec.probe.Snapshot;
import dev.netspec.sim.CostModel;
import dev.netspec.wire.EthernetHeader;
import dev.netspec.wire.EthernetView;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.Ipv4Header;
import dev.netspec.wire.Ipv4View;
import dev.netspec.wire.MacAddr;
import dev.netspec.wire.UdpHeader;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Replays a ReceivePath behaviour (TLC's action names) on a Java one-armed router built from the
 * behaviour's constants, and returns the router's abstract state after each step (the same
 * abstraction function as {@link ReceivePathAbstraction}).
 *
 * <p>The stack is driven, not scheduled: the replayer controls the environment and lets the
 * CPU run.
 * <ul>
 *   <li>{@code Arrive}: a frame (UDP, IP identification = its number) is put into the NIC now.</li>
 *   <li>{@code Transmit}: the NIC runs in directed mode ({@link Nic#setTransmitOnCommand}) and
 *       sends its oldest queued frame now; if the packet is still in ifq with a free descriptor
 *       (the abstraction counts it as on the ring), the CPU first runs its if_start.</li>
 *   <li>Any CPU action: the simulator runs event by event until the stack's abstract state
 *       changes; the step that changed it must carry a label that may explain the action
 *       ({@link #LABELS}). Steps that change nothing the model sees (if_start, the classic
 *       handler's entry) are passed over.</li>
 * </ul>
 * A step the stack cannot take is reported as stuck with the reason: the CPU has nothing to run,
 * or it did something else first (the model may choose among threads where the stack's scheduler
 * is deterministic, e.g. screend versus ksoftirqd at user level).
 */
public final class ReceivePathReplayer implements Replayer {
    /** For each ReceivePath CPU action, the stack's probe labels that perform it. */
    static final Map<String, Set<String>> LABELS = Map.ofEntries(
            Map.entry("RxInterrupt", Set.of(Actions.DRIVER_RX)),
            Map.entry("TxInterrupt", Set.of(Actions.TX_COMPLETE)),
            Map.entry("InterruptReturn", Set.of(Actions.IRQ_EXIT)),
            Map.entry("IpInput", Set.of(Actions.IP_INPUT)),
            Map.entry("PollInterrupt", Set.of(Actions.RX_INTERRUPT, Actions.TX_INTERRUPT)),
            Map.entry("PollRx", Set.of(Actions.POLL)),
            Map.entry("PollTx", Set.of(Actions.TX_COMPLETE)),
            Map.entry("PollNextTurn", Set.of(Actions.POLL_YIELD)),
            Map.entry("PollSleep", Set.of(Actions.POLL_DONE)),
            Map.entry("NapiInterrupt", Set.of(Actions.RX_INTERRUPT, Actions.TX_INTERRUPT)),
            Map.entry("NapiPollRx", Set.of(Actions.POLL)),
            Map.entry("NapiPollTx", Set.of(Actions.TX_COMPLETE)),
            Map.entry("NapiBudgetExhausted", Set.of(Actions.NAPI_DEFER, Actions.POLL_YIELD)),
            Map.entry("NapiRepoll", Set.of(Actions.POLL_DONE, Actions.POLL_YIELD)),
            Map.entry("NapiComplete", Set.of(Actions.POLL_DONE)),
            Map.entry("UserStep", Set.of(Actions.USER_STEP)));

    /** Simulator events allowed for one CPU action before the replay gives up (a runaway stack). */
    static final int EVENTS_PER_STEP = 10_000;

    private static final MacAddr R_MAC = MacAddr.parse("02:00:00:00:00:01");
    private static final MacAddr GW_MAC = MacAddr.parse("02:00:00:00:00:02");
    private static final Ipv4Addr GW = Ipv4Addr.parse("10.1.0.2");
    private static final Ipv4Addr DST = Ipv4Addr.parse("10.9.0.9");

    @Override
    public String module() {
        return ReceivePathAbstraction.MODULE;
    }

    @Override
    public Replay replay(Map<String, String> constants, List<SpecStep> behaviour) {
        Built b;
        try {
            b = build(constants);
        } catch (IllegalArgumentException e) {
            return new Replay(List.of(), Optional.of("cannot build a router for these constants: " + e.getMessage()));
        }
        return Replayer.steps(behaviour, step -> b.perform(step.action()), () -> b.current);
    }

    private static Built build(Map<String, String> c) {
        String designText = c.getOrDefault("Design", "").trim().replace("\"", "");
        Design design = Design.parse(designText);
        boolean screend = "TRUE".equals(c.getOrDefault("Screend", "FALSE").trim());
        int ring = Replayer.integerConstant(c, "RingSize");
        int txRing = Replayer.integerConstant(c, "TxRingSize");
        int cap = Replayer.integerConstant(c, "QueueCap");
        int quota = Replayer.integerConstant(c, "Quota");
        int hi = Replayer.integerConstant(c, "HiWater");
        int lo = Replayer.integerConstant(c, "LoWater");
        int maxArrivals = Replayer.integerConstant(c, "MaxArrivals");
        Replayer.requireNoMutant(c);
        Network net = new Network(1);
        int budget = design == Design.NAPI ? quota : Softnet.Limits.defaults().napiBudget();
        Host r = net.addHost("r", CostModel.dec3000(), new Host.Options(256, 256, new Softnet.Limits(cap, cap, budget), true));
        Iface eth0 = r.addInterface("eth0", R_MAC, Ipv4Addr.parse("10.1.0.1"), 24, new NicConfig(ring, txRing, 0),
                new DriverConfig(design, quota, Math.max(64, quota), 1536));
        r.addRoute(Ipv4Addr.parse("10.9.0.0"), 24, eth0, GW);
        r.addNeighbour(GW, GW_MAC);
        if (screend) {
            r.enableScreend(new ScreendConfig(cap, hi, lo));
        } else if (design == Design.POLL_FEEDBACK && (hi != r.outputHighWatermark() || lo != r.outputLowWatermark())) {
            throw new IllegalArgumentException("a router's feedback watermarks follow from QueueCap = " + cap + ": HiWater = "
                    + r.outputHighWatermark() + ", LoWater = " + r.outputLowWatermark() + "; got " + hi + " and " + lo);
        }
        eth0.nic().setTransmitOnCommand(true);
        return new Built(net, r, eth0, new ReceivePathState(RouterShape.of(r), maxArrivals > 0));
    }

    /** A router being replayed, with the observations its probe has made and not yet consumed. */
    private static final class Built implements Probe {
        final Network net;
        final Host router;
        final Iface iface;
        final ReceivePathState state;
        final ArrayDeque<String[]> seen = new ArrayDeque<>(); // label, then nothing: the state is kept apart
        final ArrayDeque<Map<String, String>> seenStates = new ArrayDeque<>();
        Map<String, String> current;
        int arrivals;

        Built(Network net, Host router, Iface iface, ReceivePathState state) {
            this.net = net;
            this.router = router;
            this.iface = iface;
            this.state = state;
            this.current = state.observe();
            router.setProbe(this);
        }

        @Override
        public boolean enabled() {
            return true;
        }

        @Override
        public void record(long timeNs, String action, String actor, Supplier<Snapshot> ignored) {
            seen.add(new String[] {action});
            seenStates.add(state.observe());
        }

        Optional<String> perform(String action) {
            return switch (action) {
                case "Arrive" -> {
                    arrivals++;
                    iface.nic().receiveFromWire(frame(arrivals));
                    yield settle("Arrive");
                }
                case "Transmit" -> transmit();
                default -> {
                    Set<String> labels = LABELS.get(action);
                    if (labels == null) {
                        yield Optional.of("ReceivePath has no action " + action);
                    }
                    yield cpu(action, labels);
                }
            };
        }

        /** Consumes the observations of a NIC event; the last one is the state after it. */
        private Optional<String> settle(String label) {
            if (seenStates.isEmpty()) {
                return Optional.of("the NIC reported no " + label);
            }
            while (!seen.isEmpty()) {
                seen.poll();
                current = seenStates.poll();
            }
            return Optional.empty();
        }

        private Optional<String> transmit() {
            Nic nic = iface.nic();
            int events = 0;
            while (nic.txRing().nicOwned() == 0) {
                Optional<String> other = passStutters();
                if (other.isPresent()) {
                    return Optional.of("the stack " + other.get() + " before it had a frame to send");
                }
                if (events++ > EVENTS_PER_STEP || !net.sim().step()) {
                    return Optional.of("Transmit is not enabled on the stack: no frame is queued on the TX ring");
                }
            }
            Optional<String> other = passStutters();
            if (other.isPresent()) {
                return Optional.of("the stack " + other.get() + " before it could send");
            }
            nic.transmitNow();
            return settle("Transmit");
        }

        /** Drops observations that changed nothing; reports the first that changed something. */
        private Optional<String> passStutters() {
            while (!seen.isEmpty()) {
                String label = seen.peek()[0];
                Map<String, String> s = seenStates.peek();
                if (!s.equals(current)) {
                    return Optional.of("took a " + label + " step");
                }
                seen.poll();
                seenStates.poll();
            }
            return Optional.empty();
        }

        private Optional<String> cpu(String action, Set<String> labels) {
            int events = 0;
            while (true) {
                while (!seen.isEmpty()) {
                    String label = seen.poll()[0];
                    Map<String, String> s = seenStates.poll();
                    if (s.equals(current)) {
                        continue; // a step the model does not see (if_start, the handler's entry)
                    }
                    if (!labels.contains(label)) {
                        return Optional.of("the stack took a " + label + " step instead (it may explain "
                                + labels + ")");
                    }
                    current = s;
                    return Optional.empty();
                }
                if (events++ > EVENTS_PER_STEP) {
                    return Optional.of("no " + action + " within " + EVENTS_PER_STEP + " simulator events");
                }
                if (!net.sim().step()) {
                    return Optional.of(action + " is not enabled on the stack: the CPU has nothing to run");
                }
            }
        }

        /** Packet {@code n}: a UDP datagram to 10.9.0.9 with IP identification n. */
        private static byte[] frame(int n) {
            int payload = 18;
            Mbuf m = Mbuf.unpooled(EthernetView.HEADER_LEN + Ipv4View.MIN_HEADER_LEN + 8, payload);
            m.append(payload);
            new UdpHeader(1234, 9, payload).prependTo(m, GW, DST);
            Ipv4Header.of(GW, DST, Ipv4View.PROTO_UDP, n & 0xFFFF, 8 + payload).prependTo(m);
            EthernetHeader.of(R_MAC, GW_MAC, EthernetView.TYPE_IPV4).prependTo(m);
            return m.toByteArray();
        }
    }
}
