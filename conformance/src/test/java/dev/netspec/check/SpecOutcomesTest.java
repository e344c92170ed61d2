package dev.netspec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One test per {@code small} row of the real {@code spec/manifest.tsv}: TLC must give the expected
 * outcome and, when a count is recorded, exactly that many distinct states. The repository root comes
 * from the {@code netspec.root} system property (set by the conformance pom's surefire configuration).
 */
class SpecOutcomesTest {

    @TestFactory
    Stream<DynamicTest> everySmallConfigurationHasItsExpectedOutcome() throws ManifestException {
        String root = System.getProperty("netspec.root");
        if (root == null) {
            fail("system property netspec.root is not set; run through Maven (conformance/pom.xml sets it)");
        }
        Path specDir = Path.of(root, "spec").toAbsolutePath().normalize();
        Manifest manifest = Manifest.read(specDir.resolve("manifest.tsv"));
        // TLC runs for all rows at once (one JVM per core, as `netspec check` does); each dynamic
        // test then judges its own row.
        java.util.List<ManifestEntry> entries = manifest.select(false, java.util.List.of());
        int jobs = Math.max(1, Runtime.getRuntime().availableProcessors());
        java.util.List<CheckRow> rows;
        try {
            rows = new SpecChecker(TlcRunner.ofThisJvm(), specDir).run(entries, jobs, SpecChecker.Progress.NONE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running TLC", e);
        }
        return rows.stream().map(row -> DynamicTest.dynamicTest(
                row.entry().config() + ": " + row.entry().expected().describe(),
                specDir.resolve(row.entry().config() + ".cfg").toUri(),
                () -> {
                    ManifestEntry entry = row.entry();
                    if (!row.outcomeAsExpected()) {
                        fail(explain(row, "expected " + entry.expected().describe() + " but TLC says "
                                + row.result().outcome().describe()));
                    }
                    if (!row.statesAsRecorded()) {
                        assertEquals(entry.states().getAsLong(), row.result().distinctStates(),
                                entry.where() + ": distinct states differ from the recorded count "
                                        + "(update the manifest if the spec changed on purpose)");
                    }
                }));
    }

    private static String explain(CheckRow row, String headline) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.println(row.entry().where() + ": " + headline);
        row.result().trace().ifPresent(t -> CounterexamplePrinter.print(t, out));
        out.flush();
        return text.toString();
    }

}
