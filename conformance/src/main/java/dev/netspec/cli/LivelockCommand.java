package dev.netspec.cli;

import dev.netspec.livelock.Curve;
import dev.netspec.livelock.LivelockExperiment;
import dev.netspec.livelock.LivelockExperiment.Config;
import dev.netspec.livelock.LivelockExperiment.Results;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code netspec livelock}: Mogul and Ramakrishnan's forwarding experiment on the simulator, one
 * curve per receive design, written as CSV and a PNG plot (docs/livelock.md).
 */
@Command(name = "livelock",
        mixinStandardHelpOptions = true,
        description = {
            "Run the receive-livelock experiment on the simulated router: offered load swept from well",
            "below to five times the unmodified kernel's peak, for each receive design, with and without",
            "screend in the forwarding path. Writes livelock.csv and livelock.png and prints a summary."})
public final class LivelockCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", defaultValue = "target/livelock",
            description = "Directory for livelock.csv and livelock.png (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the simulation; the same seed gives the same CSV byte for byte (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--quick",
            description = "Shorter measurement windows (0.25 s of virtual time per point instead of 1 s).")
    boolean quick;

    @Option(names = "--curves", paramLabel = "NAME", split = ",",
            description = "Only these curves, e.g. interrupt,napi,poll_feedback+screend (default: all eight).")
    List<String> curves = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outw = spec.commandLine().getOut();
        Config base = quick ? Config.quick(seed) : Config.paper(seed);
        Config config = base;
        if (!curves.isEmpty()) {
            List<Curve> chosen = new ArrayList<>();
            for (String name : curves) {
                try {
                    chosen.add(Curve.parse(name.trim()));
                } catch (IllegalArgumentException e) {
                    err.println("netspec livelock: unknown curve '" + name + "'; known: " + known());
                    return 2;
                }
            }
            config = new Config(base.seed(), chosen, base.ratesPps(), base.warmupNs(), base.measureNs(),
                    base.cost(), base.poisson());
        }
        err.printf("netspec livelock: %d curves x %d offered loads, %s windows, seed %d%n",
                config.curves().size(), config.ratesPps().size(), quick ? "quick" : "full", seed);
        Results results = LivelockExperiment.run(config);
        Path csv = out.resolve("livelock.csv");
        Path png = out.resolve("livelock.png");
        try {
            Files.createDirectories(out);
            LivelockExperiment.writeCsv(results, csv);
            LivelockExperiment.writePng(results, png);
        } catch (IOException e) {
            err.println("netspec livelock: cannot write results to " + out + ": " + e.getMessage());
            return 2;
        }
        outw.print(LivelockExperiment.summary(results));
        outw.println("wrote " + csv + " and " + png);
        outw.flush();
        return 0;
    }

    private static String known() {
        return String.join(", ", LivelockExperiment.PAPER_CURVES.stream().map(Curve::name).toList());
    }
}
