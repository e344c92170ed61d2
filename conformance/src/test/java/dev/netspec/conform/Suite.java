package dev.netspec.conform;

import dev.netspec.fault.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The project's scenario suite and where things are, for the suite and mutation tests. */
final class Suite {
    private Suite() {
    }

    static Path root() {
        return Path.of(System.getProperty("netspec.root", "..")).toAbsolutePath().normalize();
    }

    static Path scenarios() {
        return root().resolve("conformance/src/test/resources/scenarios");
    }

    static Path specDir() {
        return root().resolve("spec");
    }

    /** Every .trace of the suite except the shared topologies; empty if the folder does not exist yet. */
    static List<Path> files() throws IOException {
        return Files.isDirectory(scenarios()) ? Scenarios.expand(List.of(scenarios())) : List.of();
    }

    static ConformanceRun run() {
        return new ConformanceRun(new Scenarios(), new TlcTraceValidator(specDir()));
    }

    static int jobs() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    private static final Pattern USE = Pattern.compile("\\bFault\\.([A-Z][A-Z0-9_]+)");

    /**
     * The faults the impl sources outside the fault package reference (each wiring is a
     * {@code Faults.active(Fault.X)} check at the rule the fault breaks): the table's "wired" column.
     */
    static Set<Fault> wired() throws IOException {
        Set<Fault> out = EnumSet.noneOf(Fault.class);
        Path impl = root().resolve("impl/src/main/java");
        try (Stream<Path> walk = Files.walk(impl)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.toString().replace('\\', '/').contains("/dev/netspec/fault/")).toList()) {
                Matcher m = USE.matcher(Files.readString(p));
                while (m.find()) {
                    Fault f = Fault.parse(m.group(1));
                    if (f != null) {
                        out.add(f);
                    }
                }
            }
        }
        return out;
    }
}
