package dev.netspec.livelock;

import dev.netspec.driver.Design;
import dev.netspec.driver.DriverConfig;
import dev.netspec.driver.DropReason;
import dev.netspec.host.Host;
import dev.netspec.host.Iface;
import dev.netspec.host.Ledger;
import dev.netspec.host.Network;
import dev.netspec.host.PacketGenerator;
import dev.netspec.host.ScreendConfig;
import dev.netspec.nic.LinkParams;
import dev.netspec.nic.Nic;
import dev.netspec.nic.NicConfig;
import dev.netspec.sim.CostModel;
import dev.netspec.sim.Priority;
import dev.netspec.wire.Ipv4Addr;
import dev.netspec.wire.MacAddr;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The paper's router experiment on the simulator.
 *
 * <pre>
 *  generator ==100 Mb/s==> [eth0  router  eth1] ==100 Mb/s==> sink (UDP port 9)
 *  10.0.1.2                 10.0.1.1  10.0.2.1                 10.0.2.2
 * </pre>
 *
 * The generator offers minimum-size UDP packets at a fixed average rate (Poisson arrivals); the
 * router, a {@link CostModel#dec3000()} CPU with the curve's driver design on both NICs, forwards
 * them (optionally through screend); the sink has a fast CPU so it never limits the result. Each
 * point is a separate run: a warm-up, then a measurement window in which input and output rates
 * are counted at the router's NICs. Nothing here computes a rate from the cost model: output is
 * what the router managed to send.
 */
public final class LivelockExperiment {
    private LivelockExperiment() {
    }

    /** The curves of the paper's Figures 6-1, 6-3 and 6-4, plus NAPI. */
    public static final List<Curve> PAPER_CURVES = List.of(
            new Curve(Design.INTERRUPT, false),
            new Curve(Design.INTERRUPT, true),
            new Curve(Design.POLL_NOQUOTA, false),
            new Curve(Design.POLL_QUOTA, false),
            new Curve(Design.POLL_QUOTA, true),
            new Curve(Design.POLL_FEEDBACK, true),
            new Curve(Design.NAPI, false),
            new Curve(Design.NAPI, true));

    /** Offered loads from well below to five times the unmodified kernel's peak. */
    public static final List<Double> PAPER_RATES = List.of(
            500.0, 1000.0, 1500.0, 2000.0, 2500.0, 3000.0, 4000.0, 5000.0, 6000.0, 7000.0,
            8000.0, 10000.0, 12000.0, 15000.0, 20000.0, 25000.0);

    /**
     * What to run.
     *
     * @param seed base seed; each point derives its own from it, its curve and its rate
     * @param curves designs to sweep
     * @param ratesPps offered loads
     * @param warmupNs virtual time before measuring (queues fill, overload settles)
     * @param measureNs measurement window
     * @param cost the router's cost model
     * @param poisson Poisson arrivals (true) or constant spacing
     */
    public record Config(long seed, List<Curve> curves, List<Double> ratesPps, long warmupNs, long measureNs,
            CostModel cost, boolean poisson) {
        public Config {
            curves = List.copyOf(curves);
            ratesPps = List.copyOf(ratesPps);
            Objects.requireNonNull(cost, "cost");
            if (curves.isEmpty() || ratesPps.isEmpty()) {
                throw new IllegalArgumentException("need at least one curve and one rate");
            }
            for (double r : ratesPps) {
                if (!(r > 0)) {
                    throw new IllegalArgumentException("rates must be positive, got " + r);
                }
            }
            if (warmupNs < 0 || measureNs <= 0) {
                throw new IllegalArgumentException("need warmup >= 0 and a positive measurement window");
            }
        }

        /** The full experiment: 0.2 s warm-up and 1 s window per point. */
        public static Config paper(long seed) {
            return new Config(seed, PAPER_CURVES, PAPER_RATES, 200_000_000L, 1_000_000_000L, CostModel.dec3000(), true);
        }

        /** Shorter windows, same curves and rates (for tests). */
        public static Config quick(long seed) {
            return new Config(seed, PAPER_CURVES, PAPER_RATES, 100_000_000L, 250_000_000L, CostModel.dec3000(), true);
        }
    }

    /** All points, in curve order then rate order. */
    public record Results(Config config, List<Point> points) {
        public Results {
            points = List.copyOf(points);
        }

        public List<Point> curve(Curve c) {
            return points.stream().filter(p -> p.curve().equals(c)).toList();
        }
    }

    static final MacAddr GEN_MAC = MacAddr.parse("02:00:00:00:01:02");
    static final MacAddr ROUTER_IN_MAC = MacAddr.parse("02:00:00:00:01:01");
    static final MacAddr ROUTER_OUT_MAC = MacAddr.parse("02:00:00:00:02:01");
    static final MacAddr SINK_MAC = MacAddr.parse("02:00:00:00:02:02");
    static final Ipv4Addr GEN_IP = Ipv4Addr.parse("10.0.1.2");
    static final Ipv4Addr SINK_IP = Ipv4Addr.parse("10.0.2.2");
    static final int DISCARD_PORT = 9;
    static final int UDP_PAYLOAD = 18; // 14 + 20 + 8 + 18 = a 60-byte minimum frame
    static final long LINK_BPS = 100_000_000L;
    static final long LINK_DELAY_NS = 1_000;

    /** The experiment's network for one point; exposed so tests can inspect or perturb it. */
    public record Setup(Network net, Host router, Iface in, Iface out, Host sink, Nic generatorNic,
            PacketGenerator generator) {
    }

    /** Builds the topology for {@code curve} at {@code ratePps} with fault-free links. */
    public static Setup build(long seed, Curve curve, double ratePps, CostModel cost, boolean poisson) {
        return build(seed, curve, ratePps, cost, poisson, LinkParams.ideal(LINK_BPS, LINK_DELAY_NS));
    }

    /** As {@link #build(long, Curve, double, CostModel, boolean)} with the given input link. */
    public static Setup build(long seed, Curve curve, double ratePps, CostModel cost, boolean poisson,
            LinkParams inputLink) {
        return build(seed, curve, ratePps, cost, poisson, inputLink, NicConfig.defaults());
    }

    /** As above, with the router's NICs configured by {@code nc} (ring sizes, interrupt moderation). */
    public static Setup build(long seed, Curve curve, double ratePps, CostModel cost, boolean poisson,
            LinkParams inputLink, NicConfig nc) {
        Network net = new Network(seed);
        Host router = net.addRouter("router", cost);
        DriverConfig dc = DriverConfig.of(curve.design());
        Iface in = router.addInterface("eth0", ROUTER_IN_MAC, Ipv4Addr.parse("10.0.1.1"), 24, nc, dc);
        Iface out = router.addInterface("eth1", ROUTER_OUT_MAC, Ipv4Addr.parse("10.0.2.1"), 24, nc, dc);
        router.addNeighbour(SINK_IP, SINK_MAC);
        if (curve.screend()) {
            router.enableScreend(ScreendConfig.defaults());
        }
        // The sink is twenty times faster than the router so that it never limits the output rate.
        Host sink = net.addHost("sink", CostModel.dec3000().withCpuHz(cost.cpuHz() * 20));
        Iface sinkIf = sink.addInterface("eth0", SINK_MAC, SINK_IP, 24, NicConfig.defaults(), DriverConfig.of(Design.NAPI));
        sink.bindUdp(DISCARD_PORT, 256);
        Nic gen = net.addBareNic("gen", new NicConfig(8, 64, 0));
        net.link(gen, in.nic(), inputLink, LinkParams.ideal(LINK_BPS, LINK_DELAY_NS));
        net.link(out.nic(), sinkIf.nic(), LinkParams.ideal(LINK_BPS, LINK_DELAY_NS));
        PacketGenerator pg = new PacketGenerator(net.sim(), gen, new PacketGenerator.Flow(GEN_MAC, ROUTER_IN_MAC,
                GEN_IP, SINK_IP, 49152, DISCARD_PORT, UDP_PAYLOAD), ratePps, poisson);
        return new Setup(net, router, in, out, sink, gen, pg);
    }

    /** Runs one point. */
    public static Point runPoint(long seed, Curve curve, double ratePps, Config config) {
        Setup s = build(seed, curve, ratePps, config.cost(), config.poisson());
        long end = config.warmupNs() + config.measureNs();
        s.generator().start(end);
        s.net().runFor(config.warmupNs());
        long in0 = s.in().nic().rxFrames();
        long out0 = s.out().nic().txFrames();
        Map<Priority, Long> busy0 = s.router().cpu().busyByLevel();
        Map<String, Long> drops0 = drops(s.router().ledger());
        s.net().runFor(config.measureNs());
        double window = config.measureNs() / 1e9;
        double inputPps = (s.in().nic().rxFrames() - in0) / window;
        double outputPps = (s.out().nic().txFrames() - out0) / window;
        Map<Priority, Long> busy1 = s.router().cpu().busyByLevel();
        Ledger ledger = s.router().ledger();
        Map<String, Long> d = new TreeMap<>();
        drops(ledger).forEach((k, v) -> {
            long delta = v - drops0.getOrDefault(k, 0L);
            if (delta != 0) {
                d.put(k, delta);
            }
        });
        double w = config.measureNs();
        return new Point(curve, ratePps, inputPps, outputPps,
                (busy1.get(Priority.HARDIRQ) - busy0.get(Priority.HARDIRQ)) / w,
                (busy1.get(Priority.KERNEL) - busy0.get(Priority.KERNEL)) / w,
                (busy1.get(Priority.USER) - busy0.get(Priority.USER)) / w,
                d, ledger.balanced());
    }

    private static Map<String, Long> drops(Ledger l) {
        return new HashMap<>(l.dropped());
    }

    /** Runs every point of {@code config}. */
    public static Results run(Config config) {
        List<Point> points = new ArrayList<>();
        for (int c = 0; c < config.curves().size(); c++) {
            for (int r = 0; r < config.ratesPps().size(); r++) {
                long seed = config.seed() * 1_000_003L + c * 1_009L + r;
                points.add(runPoint(seed, config.curves().get(c), config.ratesPps().get(r), config));
            }
        }
        return new Results(config, points);
    }

    /** Drop reasons that get their own CSV column; the rest are summed under {@code drop_other}. */
    static final List<String> CSV_DROPS = List.of(DropReason.RING_FULL, DropReason.IPINTRQ_FULL,
            DropReason.IFQ_FULL, DropReason.SCREENDQ_FULL);

    /** CSV, one line per point; numbers formatted locale-independently so the bytes are reproducible. */
    public static void writeCsv(Results results, Writer w) throws IOException {
        w.write("curve,design,screend,offered_pps,input_pps,output_pps,cpu_hardirq,cpu_kernel,cpu_user");
        for (String r : CSV_DROPS) {
            w.write(",drop_" + r);
        }
        w.write(",drop_other,balanced\n");
        for (Point p : results.points()) {
            long other = 0;
            for (Map.Entry<String, Long> e : p.drops().entrySet()) {
                if (!CSV_DROPS.contains(e.getKey())) {
                    other += e.getValue();
                }
            }
            StringBuilder b = new StringBuilder();
            b.append(p.curve().name()).append(',').append(p.curve().design().label()).append(',')
                    .append(p.curve().screend()).append(',')
                    .append(fmt(p.offeredPps(), 0)).append(',').append(fmt(p.inputPps(), 1)).append(',')
                    .append(fmt(p.outputPps(), 1)).append(',').append(fmt(p.cpuHardirq(), 4)).append(',')
                    .append(fmt(p.cpuKernel(), 4)).append(',').append(fmt(p.cpuUser(), 4));
            for (String r : CSV_DROPS) {
                b.append(',').append(p.drops().getOrDefault(r, 0L));
            }
            b.append(',').append(other).append(',').append(p.balanced()).append('\n');
            w.write(b.toString());
        }
    }

    public static void writeCsv(Results results, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeCsv(results, w);
        }
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Writes the output-vs-input plot, one series per curve. */
    public static void writePng(Results results, Path file) throws IOException {
        LivelockPlot.write(results, file, 1000, 650);
    }

    /**
     * {@code java dev.netspec.livelock.LivelockExperiment [out-dir] [--quick] [--seed N]}: runs the
     * sweep and writes {@code livelock.csv} and {@code livelock.png} to out-dir (default
     * {@code target/livelock}).
     */
    public static void main(String[] args) {
        Path dir = Path.of("target", "livelock");
        boolean quick = false;
        long seed = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "-h", "--help" -> {
                    System.out.println("usage: LivelockExperiment [out-dir] [--quick] [--seed N]\n"
                            + "Sweeps offered load for each receive design on the simulated router and writes\n"
                            + "out-dir/livelock.csv and out-dir/livelock.png (default out-dir: target/livelock).");
                    return;
                }
                case "--seed" -> {
                    if (i + 1 >= args.length) {
                        fail("--seed needs a number");
                    }
                    try {
                        seed = Long.parseLong(args[++i]);
                    } catch (NumberFormatException e) {
                        fail("--seed needs a number, got '" + args[i] + "'");
                    }
                }
                default -> {
                    if (args[i].startsWith("-")) {
                        fail("unknown option " + args[i] + "; usage: [out-dir] [--quick] [--seed N]");
                    }
                    dir = Path.of(args[i]);
                }
            }
        }
        try {
            Files.createDirectories(dir);
            Results r = run(quick ? Config.quick(seed) : Config.paper(seed));
            writeCsv(r, dir.resolve("livelock.csv"));
            writePng(r, dir.resolve("livelock.png"));
            System.out.println(summary(r));
            System.out.println("wrote " + dir.resolve("livelock.csv") + " and " + dir.resolve("livelock.png"));
        } catch (IOException e) {
            fail("cannot write results to " + dir + ": " + e.getMessage());
        }
    }

    /** One line per curve: peak output, the input at which it peaked, and output at the highest load. */
    public static String summary(Results r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-24s %12s %12s %14s%n", "curve", "peak out/s", "at input/s", "out at max in"));
        for (Curve c : r.config().curves()) {
            List<Point> ps = r.curve(c);
            Point peak = ps.stream().max((x, y) -> Double.compare(x.outputPps(), y.outputPps())).orElseThrow();
            Point last = ps.get(ps.size() - 1);
            b.append(String.format(Locale.ROOT, "%-24s %12.0f %12.0f %14.0f%n", c.name(), peak.outputPps(),
                    peak.inputPps(), last.outputPps()));
        }
        return b.toString();
    }

    private static void fail(String message) {
        System.err.println("livelock: " + message);
        System.exit(2);
    }
}
