package dev.netspec.conform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The conformance benchmark ({@code make bench}): for a scenario suite, both directions.
 * <ul>
 *   <li>stack to spec: every scenario run on the stack, all traces validated in one batch; then the
 *       same traces validated with one TLC process per scenario, in the same run, for the ratio;</li>
 *   <li>spec to stack: random walks of every registered module with a replayer, replayed and compared;</li>
 *   <li>one generated long recorded trace (a TLC random walk of N steps, every step recorded in
 *       full) validated on its own.</li>
 * </ul>
 * Usage: {@code ConformanceBench [--scenarios DIR] [--spec-dir DIR] [--long-module M] [--long-config CFG]
 * [--long-steps N] [--walks N] [--depth D] [--out FILE]}. Wall-clock numbers; the machine's load is printed with them.
 */
public final class ConformanceBench {
    private ConformanceBench() {
    }

    public static void main(String[] args) throws Exception {
        Path scenarios = Path.of("conformance/src/test/resources/scenarios");
        Path specDir = Path.of("spec");
        String longModule = null;
        String longConfig = null;
        int longSteps = 10_000;
        int walks = 10;
        int depth = 20;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (v == null) {
                usage("missing value after " + a);
            }
            switch (a) {
                case "--scenarios" -> scenarios = Path.of(v);
                case "--spec-dir" -> specDir = Path.of(v);
                case "--long-module" -> longModule = v;
                case "--long-steps" -> longSteps = Integer.parseInt(v);
                case "--long-config" -> longConfig = v;
                case "--walks" -> walks = Integer.parseInt(v);
                case "--depth" -> depth = Integer.parseInt(v);
                case "--out" -> out = Path.of(v);
                default -> usage("unknown option " + a);
            }
            i++;
        }
        StringBuilder md = new StringBuilder("# Conformance benchmark\n\n");
        md.append(String.format(Locale.ROOT, "load average at start: %s; processors: %d%n%n", load(),
                Runtime.getRuntime().availableProcessors()));
        TlcTraceValidator validator = new TlcTraceValidator(specDir);
        List<Path> files = Files.isDirectory(scenarios) ? Scenarios.expand(List.of(scenarios)) : List.of();

        // Stack to spec, batched.
        ConformanceRun run = new ConformanceRun(new Scenarios(), validator);
        int tlc0 = TlcTraceValidator.tlcRuns();
        long t0 = System.nanoTime();
        List<ScenarioReport> reports = run.run(files, Set.of(), Runtime.getRuntime().availableProcessors());
        double total = secs(t0);
        int tlcBatched = TlcTraceValidator.tlcRuns() - tlc0;
        ConformanceRun.Timing timing = run.lastTiming();
        long conforming = reports.stream().filter(r -> r.status() == ScenarioReport.Status.CONFORMS).count();
        md.append("## Stack to spec (").append(files.size()).append(" scenarios in ").append(scenarios).append(")\n\n");
        md.append("| mode | TLC processes | stack time | validation time | total | scenarios/s | recorded steps validated/s |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        md.append(row("batched (one TLC run per module and constants)", tlcBatched, timing.stackNanos() / 1e9,
                timing.validateNanos() / 1e9, total, files.size(), timing.steps()));
        // The same traces, one TLC process per scenario.
        int tlc1 = TlcTraceValidator.tlcRuns();
        long t1 = System.nanoTime();
        for (ScenarioReport r : reports) {
            List<RecordedTrace> traces = r.verdicts().stream().map(Verdict::trace).toList();
            if (!traces.isEmpty()) {
                validator.validate(traces);
            }
        }
        double perScenario = secs(t1);
        int tlcPer = TlcTraceValidator.tlcRuns() - tlc1;
        md.append(row("one TLC process per scenario", tlcPer, timing.stackNanos() / 1e9, perScenario,
                timing.stackNanos() / 1e9 + perScenario, files.size(), timing.steps()));
        md.append(String.format(Locale.ROOT, "%nconforming: %d of %d; validation time ratio per-scenario / batched: %.1fx%n%n",
                conforming, files.size(), perScenario / Math.max(1e-9, timing.validateNanos() / 1e9)));

        // Spec to stack.
        md.append("## Spec to stack (netspec explore: ").append(walks).append(" walks of ").append(depth).append(" steps)\n\n");
        md.append("| module | time | walks/s | steps replayed/s | disagreements |\n|---|---|---|---|---|\n");
        for (String name : Conformance.names()) {
            Conformance.Module m = Conformance.module(name).orElseThrow();
            if (m.replayer() == null || m.exploreConstants().isEmpty()) {
                continue;
            }
            long t2 = System.nanoTime();
            Explorer explorer = new Explorer(specDir);
            List<Explorer.Walk> ws = explorer.simulate(name, m.exploreConstants(), walks, depth, 1);
            int disagree = 0;
            int steps = 0;
            for (Explorer.Walk w : ws) {
                steps += w.steps().size();
                if (Explorer.compare(m.replayer().get(), m.exploreConstants(), w).isPresent()) {
                    disagree++;
                }
            }
            double s = secs(t2);
            md.append(String.format(Locale.ROOT, "| %s | %.1f s | %.1f | %.0f | %d |%n", name, s, ws.size() / s, steps / s, disagree));
        }

        // One long generated trace.
        if (longModule == null) {
            longModule = Conformance.names().stream().filter(n -> Files.isRegularFile(Path.of("spec", n + "Trace.tla")))
                    .findFirst().orElse(null);
        }
        if (longModule != null) {
            Map<String, String> k = Conformance.module(longModule).map(Conformance.Module::exploreConstants).orElse(Map.of());
            if (longConfig != null) {
                Path cfg = specDir.resolve(longConfig.endsWith(".cfg") ? longConfig : longConfig + ".cfg");
                k = CfgConstants.read(cfg).orElseThrow(() -> new IllegalArgumentException("cannot read " + cfg));
            }
            RecordedTrace t = longTrace(specDir, longModule, k, longSteps);
            long t3 = System.nanoTime();
            Verdict v = validator.validate(List.of(t)).get(0);
            double s = secs(t3);
            md.append(String.format(Locale.ROOT, "%n## One generated recorded trace%n%n%s, %d steps (a TLC random walk, every "
                    + "variable recorded): %s in %.1f s (%.0f steps/s, one TLC run)%n", longModule, t.steps().size(),
                    v.status(), s, t.steps().size() / s));
        }
        md.append(String.format(Locale.ROOT, "%nload average at end: %s%n", load()));
        System.out.print(md);
        if (out != null) {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
        }
    }

    /** A random walk of the spec, every variable recorded after every step, any action allowed (label "*"). */
    static RecordedTrace longTrace(Path specDir, String module, Map<String, String> constants, int steps)
            throws IOException, InterruptedException {
        List<List<Map<String, String>>> walks = new Explorer(specDir).rawWalks(module, constants, 1, steps, 1);
        List<Map<String, String>> states = walks.get(0);
        List<RecordedStep> recorded = new ArrayList<>();
        for (int i = 1; i < states.size(); i++) {
            recorded.add(new RecordedStep(i, i, TlcTraceValidator.ANY_ACTION, states.get(i), null));
        }
        return new RecordedTrace("generated " + module + " walk", module, constants, states.get(0), recorded);
    }

    private static String row(String mode, int tlc, double stack, double validate, double total, int scenarios, int steps) {
        return String.format(Locale.ROOT, "| %s | %d | %.1f s | %.1f s | %.1f s | %.1f | %.0f |%n", mode, tlc, stack, validate,
                total, scenarios / Math.max(1e-9, total), steps / Math.max(1e-9, validate));
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return Optional.<String>empty().orElse("unknown");
        }
    }

    private static void usage(String why) {
        System.err.println("ConformanceBench: " + why);
        System.err.println("usage: ConformanceBench [--scenarios DIR] [--spec-dir DIR] [--long-module M] [--long-config CFG] [--long-steps N] "
                + "[--walks N] [--depth D] [--out FILE]");
        System.exit(2);
    }
}
