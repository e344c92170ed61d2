package dev.netspec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netspec check} end to end on the toy specs: real TLC runs, captured output, exit codes. */
class CheckCommandTest {

    @Test
    void everyOutcomeAsExpectedExitsZeroWithATableAndJson(@TempDir Path tmp) throws Exception {
        Path json = tmp.resolve("out/check.json");
        Path md = tmp.resolve("out/check.md");
        CliRun r = check("--spec-dir", toys().toString(), "--jobs", "2", "--json", json.toString(),
                "--markdown", md.toString(), "MC_Counter_pass", "stutter", "Ring");
        assertEquals(0, r.exit(), r.err() + r.out());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).matches("status +module +configuration +expected +actual +distinct +states/s +time"), lines.get(0));
        // Rows in manifest order whatever order TLC finished in.
        assertTrue(lines.get(2).matches("ok +Counter +MC_Counter_pass +pass +pass +12 +.*s"), lines.get(2));
        assertTrue(lines.get(3).matches("ok +Counter +MC_Counter_stutter +violates YEventually3 +violates YEventually3 +12 .*"),
                lines.get(3));
        assertTrue(lines.get(4).matches("ok +Ring +MC_Ring_wide +violates QueueShort +violates QueueShort +10 .*"), lines.get(4));
        assertEquals("", lines.get(5));
        assertEquals("3 configurations checked: 3 as expected, 0 unexpected, 0 could not be checked.", lines.get(6));
        assertEquals(7, lines.size(), "no counterexample printed when everything is as expected:\n" + r.out());
        assertEquals(3, r.err().lines().filter(l -> l.matches("\\[\\d/3\\] ok +MC_.*")).count(), r.err());

        String text = Files.readString(json);
        assertTrue(text.contains("\"config\": \"MC_Counter_stutter\""), text);
        assertTrue(text.contains("\"actual\": \"violates YEventually3\""));
        assertTrue(text.contains("\"end\": \"stuttering\""));
        assertTrue(text.contains("\"asExpected\": 3"));

        List<String> table = Files.readAllLines(md);
        assertEquals(5, table.size(), String.join("\n", table));
        assertTrue(table.get(2).matches("\\| Counter \\| MC_Counter_pass \\| small \\| pass \\| pass \\| 12 \\| .* s \\|"),
                table.get(2));
    }

    @Test
    void printTraceShowsExpectedCounterexamples() throws Exception {
        CliRun r = check("--spec-dir", toys().toString(), "--print-trace", "MC_Counter_small");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("== MC_Counter_small"), r.out());
        assertTrue(r.out().contains("Counterexample: 4 states"), r.out());
        assertTrue(r.out().contains("State 4: Inc  (Counter.tla:9:8)"), r.out());
    }

    @Test
    void unexpectedOutcomeExitsOneAndPrintsTheCounterexample(@TempDir Path tmp) throws Exception {
        Path spec = copyToys(tmp, "Counter\tMC_Counter_small\tsmall\tpass\t-\n");
        CliRun r = check("--spec-dir", spec.toString());
        assertEquals(1, r.exit(), r.err() + r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("UNEXPECTED +Counter +MC_Counter_small +pass +violates Small +4 .*")), r.out());
        assertTrue(r.out().contains("expected pass, TLC says violates Small"), r.out());
        assertTrue(r.out().contains("  * x        | 3"), r.out());
        assertTrue(r.out().endsWith("1 configuration checked: 0 as expected, 1 unexpected, 0 could not be checked.\n"), r.out());
    }

    @Test
    void stateCountDifferenceFailsOnlyWhenStrict(@TempDir Path tmp) throws Exception {
        Path spec = copyToys(tmp, "Counter\tMC_Counter_deadlock\tsmall\tdeadlock\t10\n");
        CliRun lax = check("--spec-dir", spec.toString());
        assertEquals(0, lax.exit(), lax.out());
        assertTrue(lax.out().lines().anyMatch(l -> l.matches("ok\\* +Counter +MC_Counter_deadlock +deadlock +deadlock +9 \\(recorded 10\\) .*")),
                lax.out());
        CliRun strict = check("--spec-dir", spec.toString(), "--strict-states");
        assertEquals(1, strict.exit(), strict.out());
        assertTrue(strict.out().contains("distinct states: 9, recorded 10"), strict.out());
    }

    @Test
    void tlcErrorsExitTwoWithOneLine(@TempDir Path tmp) throws Exception {
        Path spec = copyToys(tmp, "Bad\tMC_Bad_syntax\tsmall\tpass\t-\nCounter\tMC_Counter_pass\tsmall\tpass\t12\n");
        CliRun r = check("--spec-dir", spec.toString());
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("ERROR +Bad +MC_Bad_syntax +pass +error: Parsing or semantic analysis.*")),
                r.out());
        assertTrue(r.out().contains("TLC says error: Parsing or semantic analysis failed: parse error in module Bad: Encountered"),
                r.out());
        assertTrue(r.out().endsWith("2 configurations checked: 1 as expected, 0 unexpected, 1 could not be checked.\n"), r.out());
        assertNoStackTrace(r);
    }

    @Test
    void usageAndSetupErrorsExitTwo(@TempDir Path tmp) throws Exception {
        CliRun missingDir = check("--spec-dir", tmp.resolve("nowhere").toString());
        assertEquals(2, missingDir.exit());
        assertEquals("netspec check: spec directory " + tmp.resolve("nowhere") + " does not exist (use --spec-dir DIR)\n",
                missingDir.err());

        Path spec = copyToys(tmp, "Counter\tMC_Counter_pass\tsometimes\tpass\t-\n");
        CliRun malformed = check("--spec-dir", spec.toString());
        assertEquals(2, malformed.exit());
        assertEquals("netspec check: " + spec.resolve("manifest.tsv") + ":1: tier must be 'small' or 'deep', found 'sometimes'\n",
                malformed.err());

        CliRun noMatch = check("--spec-dir", toys().toString(), "ipv6");
        assertEquals(2, noMatch.exit());
        assertTrue(noMatch.err().contains("no configuration in") && noMatch.err().contains("matches 'ipv6'"), noMatch.err());

        CliRun badJobs = check("--spec-dir", toys().toString(), "--jobs", "0");
        assertEquals(2, badJobs.exit());
        CliRun badOption = check("--frobnicate");
        assertEquals(2, badOption.exit());
        for (CliRun r : List.of(missingDir, malformed, noMatch, badJobs, badOption)) {
            assertNoStackTrace(r);
        }
    }

    @Test
    void emptyManifestChecksNothingAndPasses(@TempDir Path tmp) throws Exception {
        Path spec = copyToys(tmp, "");
        CliRun r = check("--spec-dir", spec.toString());
        assertEquals(0, r.exit());
        assertTrue(r.out().startsWith("No small configurations listed in "), r.out());
    }

    @Test
    void defaultSpecDirectoryComesFromNetspecHome() {
        assertEquals(Path.of("/opt/netspec", "spec"), CheckCommand.defaultSpecDir(Map.of("NETSPEC_HOME", "/opt/netspec")));
        assertEquals(Path.of("spec"), CheckCommand.defaultSpecDir(Map.of()));
    }

    private static void assertNoStackTrace(CliRun r) {
        assertFalse((r.out() + r.err()).contains("\tat "), "stack trace printed:\n" + r.err());
        assertFalse((r.out() + r.err()).contains("Exception"), "exception printed:\n" + r.err());
    }

    private static CliRun check(String... args) {
        return CliRun.of(Stream.concat(Stream.of("check"), Stream.of(args)).toArray(String[]::new));
    }

    private static Path toys() throws URISyntaxException {
        return Path.of(CheckCommandTest.class.getResource("/toyspecs/manifest.tsv").toURI()).getParent();
    }

    /** A spec directory holding the toy modules and configurations with the given manifest rows. */
    private static Path copyToys(Path tmp, String rows) throws IOException, URISyntaxException {
        Path spec = Files.createDirectories(tmp.resolve("spec"));
        try (Stream<Path> files = Files.list(toys())) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals("manifest.tsv")) {
                    Files.copy(f, spec.resolve(f.getFileName()));
                }
            }
        }
        Files.writeString(spec.resolve("manifest.tsv"), rows);
        return spec;
    }
}
