package dev.netspec.conform;

import dev.netspec.fault.Fault;
import dev.netspec.scenario.Problem;
import dev.netspec.scenario.RunOptions;
import dev.netspec.scenario.ScenarioResult;
import dev.netspec.scenario.ScenarioRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs scenario files with the scenario runner ({@link ScenarioRunner}): host scenarios on the
 * stack with every registered module's abstraction attached (the runner attaches those the
 * scenario's {@code spec M} names), event scenarios through {@link EventScenarioExecutor}.
 */
public final class Scenarios implements ScenarioExecutor {

    /** The options {@code netspec run} and {@code netspec conform} use: event scenarios replayed, abstractions on. */
    public static RunOptions options(Set<Fault> faults) {
        return RunOptions.defaults().withFaults(faults).withAbstractions(Conformance.abstractions())
                .withEventHandler(new EventScenarioExecutor());
    }

    @Override
    public Execution execute(Path file, Set<Fault> faults) {
        if (!Files.isRegularFile(file)) {
            return Execution.inputError(file, List.of(file + ": no such file"));
        }
        ScenarioResult r = ScenarioRunner.run(file, options(faults));
        return new Execution(file, r.name(), r.problems().stream().map(Problem::render).toList(), r.traces(), r.badInput());
    }

    /** The files named: a directory stands for every .trace under it, except those under a {@code topologies} folder (shared includes). */
    public static List<Path> expand(List<Path> args) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path a : args) {
            if (Files.isDirectory(a)) {
                try (Stream<Path> walk = Files.walk(a)) {
                    walk.filter(p -> p.toString().endsWith(".trace") && Files.isRegularFile(p))
                            .filter(p -> !a.relativize(p).toString().replace('\\', '/').matches("(.*/)?topologies/.*"))
                            .sorted().forEach(out::add);
                }
            } else {
                out.add(a);
            }
        }
        return out;
    }
}
