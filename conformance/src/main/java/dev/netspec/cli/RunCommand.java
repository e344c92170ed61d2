package dev.netspec.cli;

import dev.netspec.fault.Fault;
import dev.netspec.scenario.Problem;
import dev.netspec.scenario.RunOptions;
import dev.netspec.scenario.ScenarioResult;
import dev.netspec.scenario.ScenarioRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code netspec run}: run scenarios on the Java stack in virtual time and check their expectations. */
@Command(name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run scenarios on the Java reference stack in virtual time: build the hosts and links, execute",
            "the timeline (frames, load, socket calls, packetdrill-style segments, run, expect) and report",
            "every problem as file:line:col: message. One line per scenario: PASS or FAIL, its name and the",
            "virtual time at the end; SKIP for files meant for another tool (recorded traces, event",
            "scenarios: netspec conform). Exit codes: 0 all pass (or skip), 1 an expectation failed,",
            "2 bad input or usage."})
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--fault", paramLabel = "NAME",
            description = "Switch a known bug on in the stack for the run (repeatable): ${COMPLETION-CANDIDATES}.",
            completionCandidates = FaultNames.class)
    List<String> faults = new ArrayList<>();

    @Option(names = "--pcap", paramLabel = "DIR", description = "Write one pcap per NIC into DIR (SCENARIO.HOST.NIC.pcap).")
    Path pcapDir;

    @Option(names = {"-v", "--verbose"}, description = "Also print each host's summary (its frame ledger and CPU time).")
    boolean verbose;

    @Parameters(paramLabel = "SCENARIO", arity = "1..*", description = "Scenario files (.trace).")
    List<Path> files = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The fault names for --help. */
    static final class FaultNames extends ArrayList<String> {
        FaultNames() {
            super(Arrays.stream(Fault.values()).map(Fault::label).toList());
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<Fault> set = EnumSet.noneOf(Fault.class);
        for (String f : faults) {
            Fault parsed = Fault.parse(f.toLowerCase(Locale.ROOT));
            if (parsed == null) {
                err.println("netspec run: unknown fault '" + f + "'; known: "
                        + Arrays.stream(Fault.values()).map(Fault::label).collect(Collectors.joining(", ")));
                err.flush();
                return 2;
            }
            set.add(parsed);
        }
        // Event scenarios (spec actions) are replayed through their module's replayer (dev.netspec.conform).
        RunOptions options = RunOptions.defaults().withFaults(set).withPcapDir(pcapDir)
                .withEventHandler(new dev.netspec.conform.EventScenarioExecutor());
        int exit = 0;
        for (Path f : files) {
            ScenarioResult r = ScenarioRunner.run(f, options);
            String status = r.passed() ? "PASS" : r.skipped() ? "SKIP" : "FAIL";
            out.printf(Locale.ROOT, "%s %s \"%s\" (%s virtual, %d statements)%n", status, f, r.name(),
                    virtual(r.virtualTimeNs()), r.statements());
            for (Problem p : r.problems()) {
                out.println("  " + p.render());
            }
            if (verbose) {
                r.hostSummaries().forEach(s -> out.println("    " + s));
            }
            exit = Math.max(exit, r.passed() || r.skipped() ? 0 : r.badInput() ? 2 : 1);
        }
        out.flush();
        return exit;
    }

    static String virtual(long ns) {
        if (ns >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.3fs", ns / 1e9);
        }
        if (ns >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.3fms", ns / 1e6);
        }
        return String.format(Locale.ROOT, "%.3fus", ns / 1e3);
    }
}
