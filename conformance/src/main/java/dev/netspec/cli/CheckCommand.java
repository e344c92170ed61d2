package dev.netspec.cli;

import dev.netspec.check.CheckReport;
import dev.netspec.check.CheckRow;
import dev.netspec.check.CounterexamplePrinter;
import dev.netspec.check.Manifest;
import dev.netspec.check.ManifestEntry;
import dev.netspec.check.ManifestException;
import dev.netspec.check.Outcome;
import dev.netspec.check.ResultTable;
import dev.netspec.check.SpecChecker;
import dev.netspec.check.Tier;
import dev.netspec.check.TlcRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code netspec check}: run TLC on every configuration of {@code spec/manifest.tsv} and compare each
 * outcome with the one the manifest records.
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {
                "Model-check every spec configuration listed in spec/manifest.tsv with TLC and compare each outcome "
                        + "with the expected one.",
                "",
                "NAMES select configurations: a name matches a row when it equals the row's module or is a substring "
                        + "of its configuration name, ignoring case (napi selects MC_RxPath_napi).",
                "A progress line per configuration goes to stderr, then the table to stdout. Any unexpected outcome "
                        + "prints its counterexample.",
                "TLC does not say which temporal property failed: when a configuration lists several, each is "
                        + "re-checked alone and the first violated one, in the configuration's order, is reported.",
                "A distinct-state count that differs from the recorded one shows as ok* (a failure with --strict-states)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every outcome as expected",
                "1:an outcome differs from the manifest (or, with --strict-states, a state count)",
                "2:error: no spec directory, malformed manifest, bad usage, or TLC could not check a configuration"})
public final class CheckCommand implements Callable<Integer> {

    static final int OK = 0;
    static final int UNEXPECTED = 1;
    static final int ERROR = 2;

    @Option(names = "--deep", description = "Also run the deep configurations (larger rings and queues).")
    boolean deep;

    @Option(names = "--deep-only", description = "Run only the deep configurations (what `make check-deep` does).")
    boolean deepOnly;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every row (and counterexample) as JSON to FILE.")
    Path json;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the table as Markdown to FILE.")
    Path markdown;

    @Option(names = "--spec-dir", paramLabel = "DIR",
            description = "The directory holding manifest.tsv, the .tla modules and .cfg files "
                    + "(default: $NETSPEC_HOME/spec, else ./spec).")
    Path specDir;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "TLC JVMs to run at once, each with one worker (default: available processors).")
    Integer jobs;

    @Option(names = "--strict-states",
            description = "Count a distinct-state count that differs from the recorded one as a failure "
                    + "(it is always shown in the table).")
    boolean strictStates;

    @Option(names = "--print-trace",
            description = "Print the counterexample of every configuration that has one, expected failures included.")
    boolean printTrace;

    @Option(names = "--emit-scenario", paramLabel = "DIR",
            description = "Write every counterexample (expected failures included) as an event scenario DIR/<config>.trace, "
                    + "to replay on the stack with `netspec conform`; a lasso's loop is unrolled a few times.")
    Path emitScenario;

    @Parameters(paramLabel = "NAMES", arity = "0..*", description = "Configurations to run (default: all of the tier).")
    List<String> names = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The environment, a field so tests can run without NETSPEC_HOME. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = specDir != null ? specDir : defaultSpecDir(environment);
        if (!Files.isDirectory(dir)) {
            err.println("netspec check: spec directory " + dir + " does not exist (use --spec-dir DIR)");
            err.flush();
            return ERROR;
        }
        int jobCount = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        if (jobCount < 1) {
            err.println("netspec check: --jobs must be at least 1, was " + jobCount);
            err.flush();
            return ERROR;
        }
        List<ManifestEntry> selected;
        try {
            selected = Manifest.read(dir.resolve("manifest.tsv")).select(deep || deepOnly, names);
            if (deepOnly) {
                selected = selected.stream().filter(e -> e.tier() == Tier.DEEP).toList();
            }
        } catch (ManifestException | IllegalArgumentException e) {
            err.println("netspec check: " + e.getMessage());
            err.flush();
            return ERROR;
        }
        SpecChecker checker = new SpecChecker(TlcRunner.ofThisJvm(), dir);
        List<CheckRow> rows = checker.run(selected, jobCount, progressTo(err, selected.size()));
        if (rows.isEmpty()) {
            out.println("No " + (deep ? "" : "small ") + "configurations listed in " + dir.resolve("manifest.tsv") + ".");
        } else {
            ResultTable.print(rows, strictStates, out);
        }
        int exit = OK;
        for (CheckRow row : rows) {
            boolean failed = row.failed(strictStates);
            if (failed) {
                exit = Math.max(exit, row.verdict() == CheckRow.Verdict.ERROR ? ERROR : UNEXPECTED);
            }
            if (failed || (printTrace && row.result().trace().isPresent())) {
                explain(row, out);
            }
        }
        long differ = rows.stream().filter(r -> r.verdict() == CheckRow.Verdict.STATES_DIFFER).count();
        if (differ > 0 && !strictStates) {
            out.println();
            out.println("ok* = expected outcome, but the distinct-state count differs from the recorded one ("
                    + differ + " configuration" + (differ == 1 ? "" : "s") + "); --strict-states makes this a failure.");
        }
        if (!rows.isEmpty()) {
            long errors = rows.stream().filter(r -> r.verdict() == CheckRow.Verdict.ERROR).count();
            long unexpected = rows.stream().filter(r -> r.failed(strictStates)).count() - errors;
            out.println();
            out.println(rows.size() + " configuration" + (rows.size() == 1 ? "" : "s") + " checked: "
                    + (rows.size() - unexpected - errors) + " as expected, " + unexpected + " unexpected, " + errors
                    + " could not be checked.");
        }
        out.flush();
        if (markdown != null) {
            try {
                Path parent = markdown.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                StringWriter md = new StringWriter();
                ResultTable.markdown(rows, new PrintWriter(md));
                Files.writeString(markdown, md.toString(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("netspec check: cannot write " + markdown + ": " + e.getMessage());
                err.flush();
                return ERROR;
            }
        }
        if (emitScenario != null) {
            try {
                emitScenarios(dir, rows, emitScenario, out);
            } catch (IOException e) {
                err.println("netspec check: cannot write scenarios to " + emitScenario + ": " + e.getMessage());
                err.flush();
                return ERROR;
            }
        }
        if (json != null) {
            try {
                Path parent = json.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(json, CheckReport.json(dir, strictStates, rows), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("netspec check: cannot write " + json + ": " + e.getMessage());
                err.flush();
                return ERROR;
            }
        }
        return exit;
    }

    /**
     * Progress lines for {@code total} configurations: "running X" as TLC starts on one, then
     * "[done/total] status X: outcome (states, time)" as it finishes. For {@code netspec demo} as well.
     */
    public static SpecChecker.Progress progressTo(PrintWriter err, int total) {
        int width = String.valueOf(total).length();
        String blank = " ".repeat(2 * width + 3);
        return new SpecChecker.Progress() {
            @Override
            public void started(ManifestEntry entry) {
                err.println(blank + " running    " + entry.config() + " ...");
                err.flush();
            }

            @Override
            public void finished(int done, int all, CheckRow row) {
                long states = row.result().distinctStates();
                err.printf(Locale.ROOT, "[%" + width + "d/%d] %-10s %s: %s (%s distinct states, %.1fs)%n", done, all,
                        progressStatus(row), row.entry().config(), row.result().outcome().describe(),
                        states < 0 ? "?" : String.format(Locale.ROOT, "%,d", states), row.result().duration().toMillis() / 1000.0);
                err.flush();
            }
        };
    }

    private static String progressStatus(CheckRow row) {
        return switch (row.verdict()) {
            case OK, STATES_DIFFER -> "ok";
            case UNEXPECTED -> "UNEXPECTED";
            case ERROR -> "ERROR";
        };
    }

    /**
     * Explains one row under a "== config" heading: expected versus actual, any state-count difference,
     * every temporal property violated on its own, and the counterexample. For {@code netspec demo} as well.
     */
    public static void explain(CheckRow row, PrintWriter out) {
        out.println();
        out.println("== " + row.entry().config() + " (" + row.entry().where() + "): expected "
                + row.entry().expected().describe() + ", TLC says " + row.result().outcome().describe());
        if (row.result().outcome() instanceof Outcome.Error) {
            out.println("   " + row.entry().module() + ".tla / " + row.entry().config() + ".cfg could not be checked.");
        }
        if (!row.statesAsRecorded()) {
            out.printf(Locale.ROOT, "   distinct states: %,d, recorded %,d%n", row.result().distinctStates(),
                    row.entry().states().getAsLong());
        }
        if (row.result().violatedTemporal().size() > 1) {
            out.println("   temporal properties violated on their own: " + String.join(", ", row.result().violatedTemporal())
                    + " (the first listed is reported)");
        }
        row.result().trace().ifPresent(t -> {
            out.println();
            if (row.result().outcome() instanceof Outcome.Error) {
                CounterexamplePrinter.printBehaviourBeforeError(t, out);
            } else {
                CounterexamplePrinter.print(t, out);
            }
        });
        out.flush();
    }

    /** Loops of a lasso written into an emitted scenario: enough to see the stack repeat it. */
    static final int LASSO_TURNS = 3;

    static void emitScenarios(Path specDir, List<CheckRow> rows, Path dir, PrintWriter out) throws IOException {
        Files.createDirectories(dir);
        int written = 0;
        for (CheckRow row : rows) {
            if (row.result().trace().isEmpty()) {
                continue;
            }
            String config = row.entry().config();
            Map<String, String> constants = dev.netspec.conform.CfgConstants.read(specDir.resolve(config + ".cfg"))
                    .orElse(Map.of());
            String text = dev.netspec.conform.CounterexampleScenario.write(config, row.entry().module(), constants,
                    row.result().trace().get(), config + " (" + row.result().outcome().describe() + ")", LASSO_TURNS);
            Files.writeString(dir.resolve(config + ".trace"), text, StandardCharsets.UTF_8);
            written++;
        }
        out.println();
        out.println(written + " counterexample" + (written == 1 ? "" : "s") + " written as scenarios to " + dir
                + (written > 0 ? " (replay: netspec conform " + dir + ")" : ""));
        out.flush();
    }

    static Path defaultSpecDir(Map<String, String> env) {
        String home = env.get("NETSPEC_HOME");
        return home != null && !home.isBlank() ? Path.of(home, "spec") : Path.of("spec");
    }
}
