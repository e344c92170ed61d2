package dev.netspec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FmtCommandTest {

    @Test
    void theProjectsExamplesAreCanonical() {
        Path examples = Path.of(System.getProperty("netspec.root"), "examples");
        CliRun r = CliRun.of("fmt", "--check", examples.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
    }

    @Test
    void checkReportsAndFmtRewritesANonCanonicalFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.trace");
        Path example = Path.of(System.getProperty("netspec.root"), "examples", "udp-inject.trace");
        String canonical = Files.readString(example);
        // The same scenario with its layout spoiled: extra blanks at line ends and indentation lost.
        String spoiled = canonical.replace("\n  ", "\n").replace("\n", "   \n");
        Files.writeString(f, spoiled);
        CliRun check = CliRun.of("fmt", "--check", f.toString());
        assertEquals(1, check.exit(), check.out() + check.err());
        assertTrue(check.out().contains("s.trace"), check.out());
        assertEquals(spoiled, Files.readString(f), "--check changes nothing");

        CliRun fmt = CliRun.of("fmt", f.toString());
        assertEquals(0, fmt.exit(), fmt.out() + fmt.err());
        assertEquals(0, CliRun.of("fmt", "--check", f.toString()).exit());
    }

    @Test
    void aBrokenFileGivesFileLineColumnAndExitTwo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken.trace");
        Files.writeString(f, "scenario \"x\"\n@1ms inject ???\n");
        CliRun r = CliRun.of("fmt", "--check", f.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("broken.trace:2:"), r.err());
        assertTrue(!r.err().contains("Exception"), r.err());
    }
}
