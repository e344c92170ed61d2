package dev.netspec.cli;

import dev.netspec.check.CheckRow;
import dev.netspec.check.Manifest;
import dev.netspec.check.ManifestEntry;
import dev.netspec.check.ManifestException;
import dev.netspec.check.ResultTable;
import dev.netspec.check.SpecChecker;
import dev.netspec.check.TlcRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code netspec demo}: the project's first promise in one command. TLC checks the receive-path
 * model for each design under unbounded overload, finds the classic kernel's livelock (shown as a
 * lasso) and proves NAPI and polling-with-feedback free of it; then the simulator measures the same
 * designs' forwarding curves.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Model-check the receive path under overload: TLC finds the livelock of the classic",
            "interrupt-driven kernel and proves NAPI and polling with quota and feedback free of it.",
            "Then run the livelock experiment on the simulated router (CSV + PNG plot)."})
public final class DemoCommand implements Callable<Integer> {

    /** The designs of the paper's figures, with screend in the path, under unbounded overload. */
    static final List<String> CONFIGS = List.of(
            "MC_ReceivePath_interrupt_router",
            "MC_ReceivePath_interrupt_screend",
            "MC_ReceivePath_poll_noquota_router",
            "MC_ReceivePath_poll_quota_router",
            "MC_ReceivePath_poll_quota_screend",
            "MC_ReceivePath_poll_feedback_screend",
            "MC_ReceivePath_napi_screend");
    static final String LIVELOCK = "MC_ReceivePath_interrupt_screend";
    static final String PROOF = "MC_ReceivePath_napi_screend";

    @Option(names = "--spec-dir", paramLabel = "DIR",
            description = "The spec directory (default: $NETSPEC_HOME/spec, else ./spec).")
    Path specDir;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "target/livelock",
            description = "Where the livelock experiment writes livelock.csv and livelock.png (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--no-sim", description = "Only the model checking, not the simulator experiment.")
    boolean noSim;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws Exception {
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = specDir != null ? specDir : CheckCommand.defaultSpecDir(environment);
        List<ManifestEntry> entries;
        try {
            entries = Manifest.read(dir.resolve("manifest.tsv")).select(false, CONFIGS).stream()
                    .filter(e -> CONFIGS.contains(e.config())).toList();
        } catch (ManifestException | IllegalArgumentException e) {
            err.println("netspec demo: " + e.getMessage());
            err.flush();
            return 2;
        }
        if (entries.size() != CONFIGS.size()) {
            err.println("netspec demo: " + dir.resolve("manifest.tsv") + " lacks some of " + CONFIGS);
            err.flush();
            return 2;
        }
        o.println("== 1. TLC: the receive path under unbounded overload (spec/ReceivePath.tla)");
        o.println("   Each design is a constant of one model; TLC explores every interleaving of arrivals and CPU work.");
        o.println();
        o.flush();
        int jobs = Math.max(1, Runtime.getRuntime().availableProcessors());
        List<CheckRow> rows = new SpecChecker(TlcRunner.ofThisJvm(), dir)
                .run(entries, jobs, CheckCommand.progressTo(err, entries.size()));
        o.println();
        ResultTable.print(rows, false, o);
        boolean allExpected = rows.stream().noneMatch(r -> r.failed(false));

        CheckRow livelock = find(rows, LIVELOCK);
        CheckRow proof = find(rows, PROOF);
        o.println();
        o.println("== 2. The livelock TLC found in the classic interrupt-driven kernel (" + LIVELOCK + ")");
        o.println("   Arrivals keep the interrupt handler busy for ever: ipintr never runs, screend never runs.");
        CheckCommand.explain(livelock, o);
        o.println();
        o.println("== 3. The proof for NAPI (" + PROOF + ")");
        o.printf(Locale.ROOT,
                "   TLC explored all %,d distinct states and found no behaviour violating AppProgress or TxNotStarved:%n"
                        + "   under unbounded overload the user process and transmit completions always make progress. %s%n",
                proof.result().distinctStates(), proof.result().outcome().describe());
        o.flush();
        for (CheckRow row : rows) {
            if (row.failed(false)) {
                CheckCommand.explain(row, o);
            }
        }
        if (!noSim) {
            o.println();
            o.println("== 4. The same designs on the simulated router (netspec livelock)");
            o.flush();
            LivelockCommand sim = new LivelockCommand();
            int simExit = new CommandLine(sim).setOut(o).setErr(err)
                    .execute("--out", out.toString());
            if (simExit != 0) {
                return simExit;
            }
        }
        o.println();
        o.println(allExpected ? "demo: every outcome as expected." : "demo: UNEXPECTED outcomes above.");
        o.flush();
        return allExpected ? 0 : 1;
    }

    private static CheckRow find(List<CheckRow> rows, String config) {
        return rows.stream().filter(r -> r.entry().config().equals(config)).findFirst().orElseThrow();
    }

}
