package dev.netspec.cli;

import dev.netspec.conform.ConformanceRun;
import dev.netspec.conform.JUnitXml;
import dev.netspec.conform.ScenarioReport;
import dev.netspec.conform.Scenarios;
import dev.netspec.conform.TlcTraceValidator;
import dev.netspec.fault.Fault;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netspec conform}: run scenarios on the Java stack, record their traces, and check them
 * against the TLA+ models with as few TLC runs as possible.
 */
@Command(name = "conform",
        mixinStandardHelpOptions = true,
        description = {
                "Run each scenario on the Java stack with its spec's probes on, then check every recorded trace "
                        + "against the TLA+ model with TLC (all traces of one module and constants in one TLC run).",
                "Prints per scenario CONFORMS, FAILS(expectations) or DIVERGES with the first step the spec does not "
                        + "explain, the states around it, the spec actions enabled there and the scenario line that caused it.",
                "A directory stands for every .trace under it (except topologies/)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every scenario conforms",
                "1:a scenario diverges from its spec or fails an expectation",
                "2:usage or input error (bad scenario, unknown fault, TLC could not check a trace)"})
public final class ConformCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SCENARIO", arity = "1..*", description = "Scenario files or directories.")
    List<Path> scenarios = new ArrayList<>();

    @Option(names = "--junit-xml", paramLabel = "FILE", description = "Also write a JUnit XML report to FILE.")
    Path junitXml;

    @Option(names = "--fault", paramLabel = "NAME",
            description = "Switch on a known bug in the stack (repeatable): ${COMPLETION-CANDIDATES}.",
            completionCandidates = FaultNames.class)
    List<String> faults = new ArrayList<>();

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Scenarios run on the stack at once (default: available processors).")
    Integer jobs;

    @Option(names = "--spec-dir", paramLabel = "DIR",
            description = "Where the .tla modules and <M>Trace.tla live (default: $NETSPEC_HOME/spec, else ./spec).")
    Path specDir;

    @Option(names = {"-q", "--quiet"}, description = "Print only scenarios that do not conform, and the summary.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Map<String, String> environment = System.getenv();

    static final class FaultNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Arrays.stream(Fault.values()).map(Fault::label).iterator();
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<Fault> on = EnumSet.noneOf(Fault.class);
        for (String f : faults) {
            Fault fault = Fault.parse(f);
            if (fault == null) {
                err.println("netspec conform: unknown fault " + f + " (faults: "
                        + String.join(", ", Arrays.stream(Fault.values()).map(Fault::label).toList()) + ")");
                err.flush();
                return 2;
            }
            on.add(fault);
        }
        int jobCount = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        if (jobCount < 1) {
            err.println("netspec conform: --jobs must be at least 1, was " + jobCount);
            err.flush();
            return 2;
        }
        Path dir = specDir != null ? specDir : CheckCommand.defaultSpecDir(environment);
        if (!Files.isDirectory(dir)) {
            err.println("netspec conform: spec directory " + dir + " does not exist (use --spec-dir DIR)");
            err.flush();
            return 2;
        }
        List<Path> files;
        try {
            files = Scenarios.expand(scenarios);
        } catch (IOException e) {
            err.println("netspec conform: cannot list scenarios: " + e.getMessage());
            err.flush();
            return 2;
        }
        if (files.isEmpty()) {
            err.println("netspec conform: no .trace files in " + scenarios);
            err.flush();
            return 2;
        }
        long start = System.nanoTime();
        ConformanceRun run = new ConformanceRun(new Scenarios(), new TlcTraceValidator(dir, jobCount));
        List<ScenarioReport> reports = run.run(files, on, jobCount);
        double seconds = (System.nanoTime() - start) / 1e9;
        int exit = 0;
        Map<ScenarioReport.Status, Integer> counts = new java.util.EnumMap<>(ScenarioReport.Status.class);
        for (ScenarioReport r : reports) {
            counts.merge(r.status(), 1, Integer::sum);
            if (r.status() != ScenarioReport.Status.CONFORMS) {
                exit = Math.max(exit, r.status() == ScenarioReport.Status.ERROR ? 2 : 1);
                out.print(r.render());
                out.println();
            } else if (!quiet) {
                out.println("CONFORMS  " + r.name() + "  (" + r.file() + ", " + r.steps() + " steps)");
            }
        }
        out.printf(Locale.ROOT, "%d scenario%s: %d conform, %d fail expectations, %d diverge, %d error%s (%.1fs%s)%n",
                reports.size(), reports.size() == 1 ? "" : "s", counts.getOrDefault(ScenarioReport.Status.CONFORMS, 0),
                counts.getOrDefault(ScenarioReport.Status.FAILS, 0), counts.getOrDefault(ScenarioReport.Status.DIVERGES, 0),
                counts.getOrDefault(ScenarioReport.Status.ERROR, 0), counts.getOrDefault(ScenarioReport.Status.ERROR, 0) == 1 ? "" : "s",
                seconds, on.isEmpty() ? "" : ", faults on: " + String.join(", ", on.stream().map(Fault::label).toList()));
        out.flush();
        if (junitXml != null) {
            try {
                Path parent = junitXml.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(junitXml, JUnitXml.write("netspec conform", reports, seconds), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("netspec conform: cannot write " + junitXml + ": " + e.getMessage());
                err.flush();
                return 2;
            }
        }
        return exit;
    }
}
