package dev.netspec.conform;

import dev.netspec.fault.Fault;
import dev.netspec.trace.ParseResult;
import dev.netspec.trace.TraceParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which executor runs a scenario file: event scenarios (a spec and its actions) go to the module's
 * replayer, host scenarios (hosts, links, calls, injections) to the scenario runner of
 * {@code dev.netspec.scenario}, plugged in with {@link #hostScenarios}.
 */
public final class Scenarios implements ScenarioExecutor {
    private static volatile ScenarioExecutor hostRunner = (file, faults) -> ScenarioExecutor.Execution.inputError(file,
            List.of(file + ": host scenarios need the scenario runner (dev.netspec.scenario.ScenarioRunner), "
                    + "which this build does not have"));

    /** Plugs in the executor for host scenarios. */
    public static void hostScenarios(ScenarioExecutor runner) {
        hostRunner = runner;
    }

    private final EventScenarioExecutor events = new EventScenarioExecutor();

    @Override
    public Execution execute(Path file, Set<Fault> faults) {
        if (!Files.isRegularFile(file)) {
            return Execution.inputError(file, List.of(file + ": no such file"));
        }
        ParseResult parsed = TraceParser.parseSyntax(readOrEmpty(file), file.toString());
        if (parsed.trace().isPresent() && EventScenario.isEventScenario(parsed.trace().get())) {
            return events.execute(file, faults);
        }
        return hostRunner.execute(file, faults);
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
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
