package dev.netspec.cli;

import dev.netspec.conform.CfgConstants;
import dev.netspec.conform.Conformance;
import dev.netspec.conform.EventScenario;
import dev.netspec.conform.Explorer;
import dev.netspec.conform.Replayer;
import dev.netspec.fault.Fault;
import dev.netspec.fault.Faults;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code netspec explore}: random spec behaviours replayed on the stack (model-based testing). */
@Command(name = "explore",
        mixinStandardHelpOptions = true,
        description = {
                "Take random behaviours of a spec from TLC's simulation mode, write each as an event scenario, "
                        + "replay it on the Java stack and compare the abstract states step by step.",
                "A disagreement is shrunk (delta debugging over sub-behaviours the spec allows) and the shortest "
                        + "failing scenario is written to DIR with a report; replay it with `netspec conform`."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the stack agrees with every walk", "1:the stack disagrees with a walk",
                "2:usage or input error (unknown module, bad configuration, TLC failure)"})
public final class ExploreCommand implements Callable<Integer> {

    @Option(names = "--spec", required = true, paramLabel = "NAME", description = "The spec module, e.g. ReceivePath or Tcp.")
    String module;

    @Option(names = "--walks", defaultValue = "20", paramLabel = "N", description = "Random behaviours (default ${DEFAULT-VALUE}).")
    int walks;

    @Option(names = "--depth", defaultValue = "20", paramLabel = "D", description = "Steps per behaviour (default ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "TLC's random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--config", paramLabel = "CFG",
            description = "Take the constants from spec/CFG.cfg (e.g. MC_ReceivePath_napi_router); default: the module's explore constants.")
    String config;

    @Option(names = "--out", defaultValue = "netspec-explore", paramLabel = "DIR",
            description = "Where failing scenarios and reports go (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--keep-walks", description = "Also keep every walk's scenario in DIR/walks.")
    boolean keepWalks;

    @Option(names = "--fault", paramLabel = "NAME", description = "Switch on a known bug in the stack (repeatable).")
    List<String> faults = new ArrayList<>();

    @Option(names = "--spec-dir", paramLabel = "DIR", description = "Default: $NETSPEC_HOME/spec, else ./spec.")
    Path specDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<Fault> on = EnumSet.noneOf(Fault.class);
        for (String f : faults) {
            Fault fault = Fault.parse(f);
            if (fault == null) {
                return fail(err, "unknown fault " + f);
            }
            on.add(fault);
        }
        if (walks < 1 || depth < 1) {
            return fail(err, "--walks and --depth must be at least 1");
        }
        Path dir = specDir != null ? specDir : CheckCommand.defaultSpecDir(environment);
        Optional<Conformance.Module> m = Conformance.module(module);
        if (m.isEmpty() || m.get().replayer() == null) {
            return fail(err, "no replayer for module " + module + " (modules with one: "
                    + String.join(", ", Conformance.names()) + ")");
        }
        Map<String, String> constants = m.get().exploreConstants();
        if (config != null) {
            Path cfg = dir.resolve(config.endsWith(".cfg") ? config : config + ".cfg");
            Optional<Map<String, String>> read = Files.isRegularFile(cfg) ? CfgConstants.read(cfg) : Optional.empty();
            if (read.isEmpty()) {
                return fail(err, "cannot read the constants of " + cfg);
            }
            constants = read.get();
        }
        Explorer explorer = new Explorer(dir);
        List<Explorer.Walk> behaviours;
        long start = System.nanoTime();
        try {
            behaviours = explorer.simulate(module, constants, walks, depth, seed);
        } catch (IOException | RuntimeException e) {
            return fail(err, e.getMessage());
        }
        Path walkDir;
        try {
            walkDir = keepWalks ? Files.createDirectories(out.resolve("walks")) : Files.createTempDirectory("netspec-walks-");
        } catch (IOException e) {
            return fail(err, "cannot create " + out + ": " + e.getMessage());
        }
        int disagreements = 0;
        int steps = 0;
        final Map<String, String> k = constants;
        try {
            for (int i = 0; i < behaviours.size(); i++) {
                String name = module + "-walk" + (i + 1);
                Explorer.Walk w = behaviours.get(i);
                steps += w.steps().size();
                // Each walk goes through its scenario file, so what is replayed is what a user would rerun.
                Path file = walkDir.resolve(name + ".trace");
                Files.writeString(file, Explorer.scenario(name, module, k, w,
                        List.of("Walk " + (i + 1) + " of netspec explore --spec " + module + " --depth " + depth
                                + " --seed " + seed + (config == null ? "" : " --config " + config))), StandardCharsets.UTF_8);
                EventScenario.Result read = EventScenario.read(file);
                if (read.scenario().isEmpty()) {
                    return fail(err, "walk " + (i + 1) + " cannot be written as a scenario: " + String.join("; ", read.errors()));
                }
                Explorer.Walk replayed = new Explorer.Walk(w.initial(), read.scenario().get().behaviour());
                Optional<Explorer.Disagreement> d = Faults.with(on,
                        () -> Explorer.compare(m.get().replayer().get(), k, replayed));
                if (d.isEmpty()) {
                    continue;
                }
                disagreements++;
                Explorer.Walk shrunk = Faults.with(on, () -> explorer.shrink(m.get().replayer(), k, replayed));
                Explorer.Disagreement sd = Faults.with(on, () -> Explorer.compare(m.get().replayer().get(), k, shrunk)).orElseThrow();
                Files.createDirectories(out);
                Path failing = out.resolve(name + "-shrunk.trace");
                List<String> comments = new ArrayList<>(List.of(
                        "Shrunk from walk " + (i + 1) + " (" + w.steps().size() + " steps) of netspec explore --spec " + module
                                + " --depth " + depth + " --seed " + seed + (config == null ? "" : " --config " + config)
                                + (on.isEmpty() ? "" : " --fault " + String.join(" --fault ", on.stream().map(Fault::label).toList())),
                        "The stack disagrees with the spec at step " + sd.step() + ":"));
                sd.differences().forEach(line -> comments.add("  " + line));
                Files.writeString(failing, Explorer.scenario(name + " shrunk", module, k, shrunk, comments), StandardCharsets.UTF_8);
                Path report = out.resolve(name + ".txt");
                StringBuilder r = new StringBuilder();
                r.append("walk ").append(i + 1).append(": the stack disagrees with the spec at step ").append(d.get().step())
                        .append(" of ").append(w.steps().size()).append(" (").append(w.steps().get(d.get().step() - 1).action()).append(")\n");
                d.get().differences().forEach(line -> r.append("  ").append(line).append('\n'));
                r.append("shrunk to ").append(shrunk.steps().size()).append(" step(s): ")
                        .append(String.join(", ", shrunk.steps().stream().map(Replayer.SpecStep::action).toList())).append('\n');
                r.append("  at step ").append(sd.step()).append(": ").append(String.join("; ", sd.differences())).append('\n');
                r.append("replay: netspec conform ").append(failing).append('\n');
                Files.writeString(report, r.toString(), StandardCharsets.UTF_8);
                o.print("DISAGREES " + r);
            }
        } catch (IOException e) {
            return fail(err, "cannot write scenarios: " + e.getMessage());
        } finally {
            if (!keepWalks) {
                deleteQuietly(walkDir);
            }
        }
        o.printf(Locale.ROOT, "%d walk%s of %s (%d steps) replayed on the stack: %d agree, %d disagree (%.1fs)%s%n",
                behaviours.size(), behaviours.size() == 1 ? "" : "s", module, steps, behaviours.size() - disagreements,
                disagreements, (System.nanoTime() - start) / 1e9, disagreements > 0 ? "; shrunk scenarios in " + out : "");
        o.flush();
        return disagreements > 0 ? 1 : 0;
    }

    private static void deleteQuietly(Path dir) {
        try (var s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    private static int fail(PrintWriter err, String message) {
        err.println("netspec explore: " + message);
        err.flush();
        return 2;
    }
}
