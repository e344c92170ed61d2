package dev.netspec.scenario;

import dev.netspec.conform.Abstraction;
import dev.netspec.conform.RecordedTrace;
import dev.netspec.conform.World;
import dev.netspec.host.Host;
import dev.netspec.host.Network;
import dev.netspec.nic.PcapWriter;
import dev.netspec.sim.Priority;
import dev.netspec.sim.Simulator;
import dev.netspec.trace.ast.Action;
import dev.netspec.trace.ast.Binding;
import dev.netspec.trace.ast.CompareOp;
import dev.netspec.trace.ast.Item;
import dev.netspec.trace.ast.Observable;
import dev.netspec.trace.ast.Path;
import dev.netspec.trace.ast.Pos;
import dev.netspec.trace.ast.Time;
import dev.netspec.trace.ast.Value;
import dev.netspec.trace.check.Units;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One run of a host scenario: builds the network, then executes the timeline in virtual time and
 * collects every problem. Also the {@link World} that abstractions record.
 */
final class Execution implements World, Calls.Context {
    /** Stops the run: the step limit was reached. */
    private static final class StepLimitReached extends RuntimeException {
        StepLimitReached() {
            super(null, null, false, false);
        }
    }

    /** An {@code expect eventually} waiting to hold. */
    private record Pending(Action.Expect expect, Observed[] last) { }

    private final java.nio.file.Path file;
    private final RunOptions options;
    private final ScenarioDocument doc;
    private final Values values = new Values();
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Map<String, Sock>> sockets = new HashMap<>();
    private final Map<String, Flow> flows = new LinkedHashMap<>();
    private final List<Pending> eventually = new ArrayList<>();
    private final Map<Action.Expect, Map<Long, Observed>> rateSamples = new IdentityHashMap<>();
    private final Map<Action.Expect, ScenarioException> rateErrors = new IdentityHashMap<>();
    private final List<OutputStream> pcaps = new ArrayList<>();
    private final Map<String, String> specBindings = new LinkedHashMap<>();
    private Topology topology;
    private Simulator sim;
    private FrameBuilder frames;
    private Observables observables;
    private Calls calls;
    private Pos current = Pos.NONE;
    /** The statement being executed or waited for (for messages; {@link #current} is the contract's). */
    private Pos statement = Pos.NONE;
    private long startEvents;
    private int statements;
    private int ipIdent;

    Execution(java.nio.file.Path file, RunOptions options, ScenarioDocument doc) {
        this.file = file;
        this.options = options;
        this.doc = doc;
    }

    ScenarioResult run() {
        List<RecordedTrace> traces = new ArrayList<>();
        try {
            build();
        } catch (ScenarioException e) {
            problems.add(e.problem());
            return result(traces);
        }
        List<Abstraction.Recording> recordings = new ArrayList<>();
        doc.spec().ifPresent(spec -> {
            for (Abstraction a : options.abstractions()) {
                if (a.module().equals(spec.module())) {
                    try {
                        recordings.add(a.attach(this));
                    } catch (IllegalArgumentException bad) {
                        problems.add(Problem.input(spec.pos(), "cannot record " + spec.module() + " on this scenario: " + bad.getMessage()));
                    }
                }
            }
        });
        try {
            scheduleRateSamples();
            for (Item.Timed t : doc.timeline()) {
                statements++;
                statement = t.pos();
                try {
                    advanceTo(target(t.time()));
                    current = t.pos();
                    execute(t.action());
                } catch (ScenarioException e) {
                    problems.add(e.problem());
                } finally {
                    current = Pos.NONE;
                }
            }
            drainEventually();
        } catch (StepLimitReached stop) {
            problems.add(Problem.input(statement == Pos.NONE ? doc.firstPos() : statement, "the run reached its limit of "
                    + options.stepLimit() + " simulator events at t=" + sim.now() + "ns; raise RunOptions.stepLimit or shorten the scenario"));
        }
        for (Abstraction.Recording r : recordings) {
            try {
                traces.add(r.finish(doc.name()));
            } catch (RuntimeException e) {
                problems.add(Problem.input(doc.spec().map(Item.SpecRef::pos).orElse(doc.firstPos()), "recording failed: " + e));
            }
        }
        return result(traces);
    }

    private ScenarioResult result(List<RecordedTrace> traces) {
        for (OutputStream o : pcaps) {
            try {
                o.close();
            } catch (IOException e) {
                problems.add(Problem.input(doc.firstPos(), "cannot write pcap: " + e.getMessage()));
            }
        }
        List<String> summaries = new ArrayList<>();
        if (topology != null) {
            for (Map.Entry<String, Host> e : topology.hosts.entrySet()) {
                Host h = e.getValue();
                long busy = h.cpu().busyNs(Priority.HARDIRQ) + h.cpu().busyNs(Priority.KERNEL) + h.cpu().busyNs(Priority.USER);
                summaries.add(e.getKey() + ": " + h.ledger() + "; cpu busy " + busy + "ns; tcp in/out "
                        + h.tcp().segmentsIn() + "/" + h.tcp().segmentsOut());
            }
        }
        return new ScenarioResult(file, doc.name(), problems, traces, statements, sim == null ? 0 : sim.now(), summaries);
    }

    // ------------------------------------------------------------------ building

    private void build() {
        for (Item.Const c : doc.constants()) {
            values.define(c.name(), c.value());
        }
        doc.spec().ifPresent(spec -> {
            for (Binding b : spec.constants()) {
                specBindings.put(b.name(), tla(values.resolve(b.value())));
            }
        });
        topology = new Topology(doc.seed(), values);
        sim = topology.network.sim();
        frames = new FrameBuilder(values);
        for (Item.Host h : doc.hosts()) {
            topology.addHost(h, doc.globalCosts(), problems);
        }
        for (Item.Link l : doc.links()) {
            topology.addLink(l);
        }
        for (Item.Flow f : doc.flows()) {
            addFlow(f);
        }
        if (options.pcapDir() != null) {
            openPcaps();
        }
        observables = new Observables(topology, this::socket, 0);
        calls = new Calls(values, this);
        startEvents = sim.eventsFired();
    }

    private void addFlow(Item.Flow f) {
        Topology.NicInfo nic = topology.nic(f.nic());
        Values.Endpoint remote = values.endpoint(f.from());
        Values.Endpoint local = values.endpoint(f.to());
        if (!local.address().equals(nic.iface.address())) {
            throw ScenarioException.input(f.to().pos(), "the flow's stack end " + local + " is not the address of " + f.nic()
                    + " (" + nic.iface.address() + ")");
        }
        MacAddr remoteMac = null;
        for (Topology.NicInfo other : topology.nics.values()) {
            if (other.iface.address().equals(remote.address())) {
                remoteMac = other.iface.mac();
            }
        }
        if (remoteMac == null) {
            remoteMac = new MacAddr(0x02fe_0000_0000L | (flows.size() + 1));
        }
        if (!nic.iface.onLink(remote.address())) {
            throw ScenarioException.unsupported(f.from().pos(), "a flow whose remote end " + remote.address()
                    + " is not on the subnet of " + f.nic() + " (segments are injected on that NIC's wire)");
        }
        // The remote end lives on the wire the executor plays: its MAC is known, as after an ARP exchange.
        nic.h.addNeighbour(remote.address(), remoteMac);
        Flow flow = new Flow(f.name(), nic, remote, local, remoteMac);
        flows.put(f.name(), flow);
        List<Flow> onNic = flows.values().stream().filter(x -> x.nic == nic).toList();
        nic.iface.nic().setTransmitFilter(frame -> {
            for (Flow x : onNic) {
                if (x.matches(frame)) {
                    x.sent.add(new Flow.Sent(sim.now(), frame.clone()));
                    return true;
                }
            }
            return false;
        });
    }

    private void openPcaps() {
        try {
            Files.createDirectories(options.pcapDir());
            String stem = file.getFileName().toString().replaceFirst("\\.trace$", "");
            for (Map.Entry<String, Topology.NicInfo> e : topology.nics.entrySet()) {
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(options.pcapDir().resolve(stem + "." + e.getKey() + ".pcap")));
                pcaps.add(out);
                e.getValue().iface.nic().setTap(new PcapWriter(out));
            }
        } catch (IOException e) {
            throw ScenarioException.input(doc.firstPos(), "cannot write pcap files in " + options.pcapDir() + ": " + e.getMessage());
        }
    }

    /** A TLA+ expression for a written value (network literals become strings). */
    static String tla(Value v) {
        return switch (v) {
            case Value.Num n -> n.value().toPlainString();
            case Value.Bool b -> b.value() ? "TRUE" : "FALSE";
            case Value.Str s -> "\"" + s.text().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            case Value.Name n -> n.name();
            case Value.RecordOf r -> "[" + String.join(", ", r.fields().stream().map(f -> f.name() + " |-> " + tla(f.value())).toList()) + "]";
            case Value.SequenceOf s -> "<<" + String.join(", ", s.elements().stream().map(Execution::tla).toList()) + ">>";
            case Value.SetOf s -> "{" + String.join(", ", s.elements().stream().map(Execution::tla).toList()) + "}";
            default -> "\"" + Values.describe(v) + "\"";
        };
    }

    // ------------------------------------------------------------------ time

    private long target(java.util.Optional<Time> time) {
        if (time.isEmpty()) {
            return sim.now();
        }
        Time t = time.get();
        long ns = t.unit().isEmpty() ? 0
                : Units.DURATION.toBase(t.amount(), t.unit()).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return t.relative() ? sim.now() + ns : ns;
    }

    /** Runs every event up to {@code t} and sets the clock there (never backwards). */
    private void advanceTo(long t) {
        while (sim.nextEventTime() <= t) {
            stepOne();
        }
        if (t > sim.now()) {
            sim.runUntil(t);
        }
    }

    private void stepOne() {
        sim.step();
        if (sim.eventsFired() - startEvents > options.stepLimit()) {
            throw new StepLimitReached();
        }
        if (!eventually.isEmpty()) {
            checkEventually();
        }
    }

    /**
     * Steps the simulator until {@code done} holds or {@code deadline} passes. When no event at all
     * is pending, nothing can ever change the state, so the wait ends at once without moving the
     * clock (an idle system: a blocking call that nothing can complete returns its timeout error
     * now rather than after the bound).
     */
    @Override
    public boolean waitUntil(BooleanSupplier done, long deadline) {
        while (!done.getAsBoolean()) {
            long next = sim.nextEventTime();
            if (next == Long.MAX_VALUE) {
                return false;
            }
            if (next > deadline) {
                advanceTo(deadline);
                return done.getAsBoolean();
            }
            stepOne();
        }
        return true;
    }

    @Override
    public long now() {
        return sim.now();
    }

    @Override
    public long blockLimitNs() {
        return options.blockLimitNs();
    }

    // ------------------------------------------------------------------ statements

    private void execute(Action a) {
        switch (a) {
            case Action.Inject inj -> inject(inj);
            case Action.Load load -> load(load);
            case Action.Call call -> call(call);
            case Action.Segment seg -> {
                Flow f = flows.get(seg.flow());
                if (f == null) {
                    throw ScenarioException.input(seg.pos(), "unknown flow " + seg.flow());
                }
                if (seg.direction() == Action.Direction.INBOUND) {
                    inbound(f, seg);
                } else {
                    outbound(f, seg);
                }
            }
            case Action.Event ev -> throw ScenarioException.unsupported(ev.pos(),
                    "an event line in a host scenario (event scenarios are replayed by the model replayer, netspec conform)");
            case Action.Run run -> advanceTo(sim.now() + values.durationNs(run.duration()));
            case Action.Expect exp -> expect(exp);
        }
    }

    private void inject(Action.Inject inj) {
        Topology.NicInfo nic = topology.nic(inj.nic());
        MacAddr peerMac = nic.peer != null ? nic.peer.iface.mac() : new MacAddr(0x02fe_0000_00feL);
        Ipv4Addr peerIp = nic.peer != null ? nic.peer.iface.address() : otherAddressOnLink(nic);
        byte[] frame = frames.build(inj.layers(), new FrameBuilder.Defaults(peerMac, nic.iface.mac(), peerIp, nic.iface.address()));
        nic.iface.nic().receiveFromWire(frame);
    }

    /** An address on the NIC's subnet that is not the NIC's own (for frames "from the wire"). */
    private static Ipv4Addr otherAddressOnLink(Topology.NicInfo nic) {
        int mask = nic.iface.prefixLength() == 0 ? 0 : -1 << (32 - nic.iface.prefixLength());
        int net = nic.iface.address().bits() & mask;
        int candidate = net | 1;
        if (candidate == nic.iface.address().bits()) {
            candidate = net | 2;
        }
        return new Ipv4Addr(candidate);
    }

    /**
     * {@code load N rate R [duration D] [count K] [arrivals constant|poisson] template ...}: frames
     * put on N's link at the rate (evenly spaced, or Poisson), as a traffic generator on that port would (the host's CPU and rings are not
     * used). A bandwidth rate is turned into frames per second from the template's wire size.
     */
    private void load(Action.Load load) {
        Topology.NicInfo nic = topology.nic(load.nic());
        MacAddr dstMac = nic.peer != null ? nic.peer.iface.mac() : MacAddr.BROADCAST;
        Ipv4Addr dstIp = nic.peer != null ? nic.peer.iface.address() : otherAddressOnLink(nic);
        byte[] frame = frames.build(load.template(), new FrameBuilder.Defaults(nic.iface.mac(), dstMac, nic.iface.address(), dstIp));
        double pps = -1;
        long duration = -1;
        long count = -1;
        boolean poisson = false;
        for (var p : load.parameters()) {
            switch (p.key()) {
                case "rate" -> {
                    Value v = values.resolve(p.value());
                    if (v instanceof Value.Quantity q && Units.PACKET_RATE.has(q.unit())) {
                        pps = Units.PACKET_RATE.toBase(q.amount(), q.unit()).doubleValue();
                    } else if (v instanceof Value.Quantity q && Units.BANDWIDTH.has(q.unit())) {
                        double bps = Units.BANDWIDTH.toBase(q.amount(), q.unit()).doubleValue();
                        pps = bps / ((Math.max(frame.length, 60) + 24) * 8.0);
                    } else {
                        throw ScenarioException.input(p.pos(), "rate takes a packet rate (100kpps) or a bandwidth (1Gbps)");
                    }
                }
                case "duration" -> duration = values.durationNs(p.value());
                case "count" -> count = values.integer(p.value(), 1, Long.MAX_VALUE, "count");
                case "arrivals" -> poisson = values.word(p.value()).equals("poisson");
                default -> throw ScenarioException.unsupported(p.pos(), "load parameter " + p.key());
            }
        }
        if (!(pps > 0)) {
            throw ScenarioException.input(load.pos(), "a load generator needs a positive rate");
        }
        if (duration < 0 && count < 0) {
            throw ScenarioException.input(load.pos(), "a load generator needs a duration or a count (an endless load never lets the run end)");
        }
        long start = sim.now();
        long end = duration < 0 ? Long.MAX_VALUE : start + duration;
        long limit = count < 0 ? Long.MAX_VALUE : count;
        double mean = 1e9 / pps;
        // Poisson arrivals: exponential gaps (inverse transform) from a stream split off the seed.
        java.util.random.RandomGenerator random = poisson ? sim.newRandom() : null;
        new Object() {
            long k;
            double t = start;

            void next() {
                long at = Math.round(t);
                if (k >= limit || at >= end) {
                    return;
                }
                sim.scheduleAt(Math.max(at, sim.now()), () -> {
                    nic.iface.nic().sendOnWire(frame);
                    k++;
                    t = random == null ? start + k * mean : t - Math.log(1 - random.nextDouble()) * mean;
                    next();
                });
            }
        }.next();
    }

    private void call(Action.Call c) {
        Host h = topology.host(c.host(), c.pos());
        Calls.Outcome got = calls.execute(c, h);
        c.result().ifPresent(want -> {
            Value v = values.resolve(want.value());
            boolean ok;
            if (v instanceof Value.Num n) {
                ok = n.value().compareTo(BigDecimal.valueOf(got.value())) == 0;
            } else if (v instanceof Value.Name n) {
                ok = n.name().equals(got.errno()) || (got.errno() == null && got.value() == 0 && n.name().equals("0"));
            } else {
                throw ScenarioException.input(v.pos(), "a call's result is a number, optionally with an errno: = -1 ECONNREFUSED");
            }
            if (want.errno().isPresent()) {
                String e = want.errno().get().equals("EWOULDBLOCK") ? "EAGAIN" : want.errno().get();
                ok &= e.equals(got.errno());
            }
            if (!ok) {
                String written = Values.describe(v) + want.errno().map(e -> " " + e).orElse("");
                throw new ScenarioException(Problem.failed(want.pos(), c.function() + " returned " + got + ", expected " + written));
            }
        });
        if (c.result().isEmpty() && c.binds().isPresent() && got.errno() != null) {
            throw new ScenarioException(Problem.failed(c.pos(), c.function() + " failed with " + got + ", so " + c.binds().get() + " is not bound"));
        }
    }

    @Override
    public Sock socket(String host, Value ref) {
        Map<String, Sock> table = sockets.getOrDefault(host, Map.of());
        Value v = ref;
        if (v instanceof Value.Name n && table.containsKey(n.name())) {
            return table.get(n.name());
        }
        v = values.resolve(v);
        if (v instanceof Value.Num num) {
            for (Sock s : table.values()) {
                if (!s.closed && BigDecimal.valueOf(s.fd).compareTo(num.value()) == 0) {
                    return s;
                }
            }
        }
        throw ScenarioException.input(ref.pos(), "unknown socket " + Values.describe(ref) + " on host " + host);
    }

    @Override
    public void bind(String host, String name, Sock s) {
        sockets.computeIfAbsent(host, k -> new HashMap<>()).put(name, s);
    }

    // ------------------------------------------------------------------ segments

    private static final long MASK32 = 0xffff_ffffL;

    private void inbound(Flow f, Action.Segment seg) {
        byte[] opts = Segments.encode(seg.options());
        int len = seg.length().intValueExact();
        if (len < 0 || len > 65_000) {
            throw ScenarioException.input(seg.pos(), "segment length " + len + " is out of range");
        }
        int tcpLen = 20 + opts.length + len;
        byte[] ip = new byte[20 + tcpLen];
        ip[0] = 0x45;
        Wire.put16(ip, 2, ip.length);
        Wire.put16(ip, 4, ipIdent++ & 0xffff);
        ip[8] = 64;
        ip[9] = (byte) Wire.PROTO_TCP;
        Wire.put32(ip, 12, f.remote.address().bits());
        Wire.put32(ip, 16, f.local.address().bits());
        Wire.put16(ip, 10, Wire.checksum(ip, 0, 20, 0));
        int t = 20;
        Wire.put16(ip, t, f.remote.port());
        Wire.put16(ip, t + 2, f.local.port());
        Wire.put32(ip, t + 4, (Flow.REMOTE_ISN + seg.start().longValue()) & MASK32);
        long ack = seg.ack().map(a -> ((f.stackIsn == null ? 0 : f.stackIsn) + a.longValue()) & MASK32).orElse(0L);
        Wire.put32(ip, t + 8, ack);
        ip[t + 12] = (byte) (((20 + opts.length) / 4) << 4);
        ip[t + 13] = (byte) Segments.flagBits(seg.flags(), seg.pos());
        Wire.put16(ip, t + 14, seg.window().map(BigInteger::intValue).orElse(65535));
        System.arraycopy(opts, 0, ip, t + 20, opts.length);
        for (int i = 0; i < len; i++) {
            ip[t + 20 + opts.length + i] = (byte) ('a' + i % 26); // recognisable data in a pcap
        }
        Wire.put16(ip, t + 16, Wire.checksum(ip, t, tcpLen,
                Wire.pseudoHeader(f.remote.address().bits(), f.local.address().bits(), Wire.PROTO_TCP, tcpLen)));
        byte[] frame = new byte[Wire.ETH_LEN + ip.length];
        Wire.putMac(frame, 0, f.nic.iface.mac().bits());
        Wire.putMac(frame, 6, f.remoteMac.bits());
        Wire.put16(frame, 12, Wire.TYPE_IPV4);
        System.arraycopy(ip, 0, frame, Wire.ETH_LEN, ip.length);
        f.nic.iface.nic().receiveFromWire(frame);
    }

    private static String expected(Action.Segment s) {
        StringBuilder b = new StringBuilder(s.flags()).append(' ').append(s.start()).append(':').append(s.end()).append('(')
                .append(s.length()).append(')');
        s.ack().ifPresent(a -> b.append(" ack ").append(a));
        s.window().ifPresent(w -> b.append(" win ").append(w));
        if (!s.options().isEmpty()) {
            b.append(Segments.show(Segments.written(s.options())).stripTrailing());
        }
        return b.toString();
    }

    private void outbound(Flow f, Action.Segment seg) {
        boolean arrived = waitUntil(() -> !f.sent.isEmpty(), sim.now() + options.segmentWaitNs());
        if (!arrived) {
            String when = sim.nextEventTime() == Long.MAX_VALUE
                    ? " (nothing left to happen: the simulator went idle at t=" + sim.now() + "ns)"
                    : " within " + options.segmentWaitNs() / 1_000_000 + "ms";
            throw new ScenarioException(Problem.failed(seg.pos(), "flow " + f.name + ": expected the stack to send " + expected(seg)
                    + ", but it sent nothing on this flow" + when));
        }
        byte[] fr = f.sent.poll().frame();
        int ihl = (fr[14] & 0x0f) * 4;
        int t = Wire.ETH_LEN + ihl;
        int totalLen = Wire.get16(fr, 16);
        int doff = ((fr[t + 12] & 0xff) >>> 4) * 4;
        int payload = totalLen - ihl - doff;
        long seq = Wire.get32(fr, t + 4);
        long ack = Wire.get32(fr, t + 8);
        int flags = fr[t + 13] & 0xff;
        int win = Wire.get16(fr, t + 14);
        List<Segments.Opt> opts = Segments.parse(fr, t + 20, doff - 20);
        if (f.stackIsn == null) {
            // packetdrill: the stack's numbers are relative to its first SYN's; without one seen, to this segment's.
            f.stackIsn = (flags & Segments.SYN) != 0 ? seq : (seq - seg.start().longValue()) & MASK32;
        }
        long relSeq = (seq - f.stackIsn) & MASK32;
        long relAck = (ack - Flow.REMOTE_ISN) & MASK32;
        String actual = Segments.flagLetters(flags) + " " + relSeq + ":" + (relSeq + payload) + "(" + payload + ")"
                + ((flags & Segments.ACK) != 0 ? " ack " + relAck : "") + " win " + win + Segments.show(opts);
        List<String> diffs = new ArrayList<>();
        int want = Segments.flagBits(seg.flags(), seg.pos());
        if (want != flags) {
            diffs.add("flags");
        }
        if (relSeq != seg.start().longValue() || payload != seg.length().intValue()) {
            diffs.add("sequence numbers or length");
        }
        if (seg.ack().isPresent() && ((flags & Segments.ACK) == 0 || relAck != seg.ack().get().longValue())) {
            diffs.add("ack");
        }
        if (seg.window().isPresent() && win != seg.window().get().intValue()) {
            diffs.add("window");
        }
        if (!seg.options().isEmpty()) {
            List<Segments.Opt> w = Segments.written(seg.options());
            boolean same = w.size() == opts.size();
            for (int i = 0; same && i < w.size(); i++) {
                Segments.Opt a = w.get(i);
                Segments.Opt b = opts.get(i);
                // TS values are the stack's clock: only their presence is compared.
                same = a.kind().equals(b.kind()) && (a.kind().equals("TS") || (a.a() == b.a() && a.b() == b.b()));
            }
            if (!same) {
                diffs.add("options");
            }
        }
        if (!diffs.isEmpty()) {
            throw new ScenarioException(Problem.failed(seg.pos(), "flow " + f.name + ": segment differs in " + String.join(", ", diffs)
                    + ": expected " + expected(seg) + ", the stack sent " + actual));
        }
    }

    // ------------------------------------------------------------------ expectations

    private void scheduleRateSamples() {
        for (Item.Timed t : doc.timeline()) {
            if (t.action() instanceof Action.Expect e && e.observable() instanceof Observable.Rate r) {
                Map<Long, Observed> samples = new HashMap<>();
                rateSamples.put(e, samples);
                try {
                    long from = values.durationNs(r.from());
                    long to = values.durationNs(r.to());
                    for (long at : new long[] {from, to}) {
                        Runnable sample = () -> {
                            try {
                                samples.put(at, observables.read(r.counter()));
                            } catch (ScenarioException bad) {
                                rateErrors.put(e, bad);
                            }
                        };
                        if (at <= sim.now()) {
                            sample.run();
                        } else {
                            sim.scheduleAt(at, sample);
                        }
                    }
                } catch (ScenarioException bad) {
                    rateErrors.put(e, bad);
                }
            }
        }
    }

    /** The observable's value now; for a rate, null until its interval has ended. */
    private Observed observe(Action.Expect e) {
        return switch (e.observable()) {
            case Observable.Current c -> observables.read(c.path());
            case Observable.Rate r -> {
                if (rateErrors.containsKey(e)) {
                    throw rateErrors.get(e);
                }
                long from = values.durationNs(r.from());
                long to = values.durationNs(r.to());
                Map<Long, Observed> s = rateSamples.get(e);
                if (!s.containsKey(from) || !s.containsKey(to)) {
                    yield null;
                }
                if (!(s.get(from) instanceof Observed.Number a) || !(s.get(to) instanceof Observed.Number b)) {
                    throw ScenarioException.input(r.counter().pos(), "rate(...) needs a counter");
                }
                BigDecimal perSecond = b.value().subtract(a.value()).multiply(BigDecimal.valueOf(1_000_000_000L))
                        .divide(BigDecimal.valueOf(to - from), MathContext.DECIMAL64);
                if (Observables.isByteCounter(r.counter())) {
                    perSecond = perSecond.multiply(BigDecimal.valueOf(8)); // bytes to bits, for a bandwidth
                }
                yield new Observed.Number(perSecond, Observed.Dimension.PER_SECOND);
            }
        };
    }

    private boolean holds(Action.Expect e, Observed[] last) {
        Observed o = observe(e);
        last[0] = o;
        return o != null && compare(o, e.op(), e.expected());
    }

    private boolean compare(Observed o, CompareOp op, Value written) {
        Value v = values.resolve(written);
        if (v instanceof Value.Ref ref) {
            // Another observable on the right: a.eth0.tx_packets == b.eth0.rx_packets.
            Observed other = observables.read(ref.path());
            if (o instanceof Observed.Word w && other instanceof Observed.Word x && (op == CompareOp.EQ || op == CompareOp.NE)) {
                return w.value().equals(x.value()) == (op == CompareOp.EQ);
            }
            if (o instanceof Observed.Number a && other instanceof Observed.Number b && a.dimension() == b.dimension()) {
                return test(a.value().compareTo(b.value()), op);
            }
            throw ScenarioException.input(v.pos(), "cannot compare " + o + " with " + Observables.show(ref.path()) + " (" + other + ")");
        }
        if (o instanceof Observed.Word w) {
            String want = switch (v) {
                case Value.Name n -> n.name();
                case Value.Bool b -> b.value() ? "TRUE" : "FALSE";
                case Value.Str s -> s.text();
                default -> throw ScenarioException.input(v.pos(), "this value is a name (e.g. ESTABLISHED or TRUE); found " + Values.describe(v));
            };
            return switch (op) {
                case EQ -> w.value().equals(want);
                case NE -> !w.value().equals(want);
                default -> throw ScenarioException.input(v.pos(), "names compare only with == and !=");
            };
        }
        Observed.Number n = (Observed.Number) o;
        BigDecimal want = switch (v) {
            case Value.Num num when n.dimension() == Observed.Dimension.COUNT || num.value().signum() == 0 -> num.value();
            case Value.Quantity q when Units.DURATION.has(q.unit()) && n.dimension() == Observed.Dimension.DURATION_NS ->
                    Units.DURATION.toBase(q.amount(), q.unit());
            case Value.Quantity q when (Units.PACKET_RATE.has(q.unit()) || Units.BANDWIDTH.has(q.unit()))
                    && n.dimension() == Observed.Dimension.PER_SECOND ->
                    Units.of(q.unit()).orElseThrow().toBase(q.amount(), q.unit());
            default -> throw ScenarioException.input(v.pos(), "cannot compare " + switch (n.dimension()) {
                case COUNT -> "a count";
                case DURATION_NS -> "a time (write it with a unit, e.g. 10us)";
                case PER_SECOND -> "a rate (write it as 10kpps, or a bandwidth for a byte counter)";
            } + " with " + Values.describe(v));
        };
        return test(n.value().compareTo(want), op);
    }

    private static boolean test(int c, CompareOp op) {
        return switch (op) {
            case EQ -> c == 0;
            case NE -> c != 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
        };
    }

    private static String show(Action.Expect e) {
        String what = switch (e.observable()) {
            case Observable.Current c -> Observables.show(c.path());
            case Observable.Rate r -> "rate(" + Observables.show(r.counter()) + ") over " + Values.describe(r.from()) + ".."
                    + Values.describe(r.to());
        };
        return what + " " + e.op().symbol() + " " + Values.describe(e.expected());
    }

    private void expect(Action.Expect e) {
        Observed[] last = new Observed[1];
        switch (e.mode()) {
            case NOW -> {
                if (!holds(e, last)) {
                    throw new ScenarioException(Problem.failed(e.pos(), last[0] == null
                            ? "expectation " + show(e) + " is about an interval that has not ended (t=" + sim.now() + "ns)"
                            : "expectation failed: " + show(e) + " (actual: " + last[0] + ")"));
                }
            }
            case WITHIN -> {
                long deadline = sim.now() + values.durationNs(e.within().orElseThrow());
                if (!waitUntil(() -> holds(e, last), deadline)) {
                    throw new ScenarioException(Problem.failed(e.pos(), "expectation did not hold within "
                            + Values.describe(e.within().get()) + ": " + show(e) + " (at t=" + sim.now() + "ns: " + last[0] + ")"));
                }
            }
            case EVENTUALLY -> {
                if (!holds(e, last)) {
                    eventually.add(new Pending(e, last));
                }
            }
        }
    }

    private void checkEventually() {
        eventually.removeIf(p -> {
            try {
                return holds(p.expect(), p.last());
            } catch (ScenarioException bad) {
                problems.add(bad.problem());
                return true;
            }
        });
    }

    /** After the last statement: runs on until every {@code eventually} held, or the bound passed. */
    private void drainEventually() {
        long deadline = sim.now() + options.eventuallyLimitNs();
        while (!eventually.isEmpty() && sim.nextEventTime() <= deadline) {
            stepOne();
        }
        for (Pending p : eventually) {
            problems.add(Problem.failed(p.expect().pos(), "expectation never held: " + show(p.expect()) + " (checked after every event until t="
                    + sim.now() + "ns; last value: " + p.last()[0] + ")"));
        }
        eventually.clear();
    }

    // ------------------------------------------------------------------ World

    @Override
    public Network network() {
        return topology.network;
    }

    @Override
    public Host host(String name) {
        Host h = topology.hosts.get(name);
        if (h == null) {
            throw new IllegalArgumentException("no host called " + name + " in this scenario");
        }
        return h;
    }

    @Override
    public Pos currentSource() {
        return current;
    }

    @Override
    public Map<String, String> specBindings() {
        return java.util.Collections.unmodifiableMap(specBindings);
    }
}
