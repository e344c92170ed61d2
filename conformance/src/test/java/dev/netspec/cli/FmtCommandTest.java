package dev.netspec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FmtCommandTest {

    static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new String[] {String.valueOf(exit), out.toString(), err.toString()};
    }

    @Test
    void theProjectsExamplesAreCanonical() {
        Path examples = Path.of(System.getProperty("netspec.root"), "examples");
        String[] r = run("fmt", "--check", examples.toString());
        assertEquals("0", r[0], r[1] + r[2]);
    }

    @Test
    void checkReportsAndFmtRewritesANonCanonicalFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.trace");
        Path example = Path.of(System.getProperty("netspec.root"), "examples", "udp-inject.trace");
        String canonical = Files.readString(example);
        // The same scenario with its layout spoiled: extra blanks at line ends and indentation lost.
        String spoiled = canonical.replace("\n  ", "\n").replace("\n", "   \n");
        Files.writeString(f, spoiled);
        String[] check = run("fmt", "--check", f.toString());
        assertEquals("1", check[0], check[1] + check[2]);
        assertTrue(check[1].contains("s.trace"), check[1]);
        assertEquals(spoiled, Files.readString(f), "--check changes nothing");

        String[] fmt = run("fmt", f.toString());
        assertEquals("0", fmt[0], fmt[1] + fmt[2]);
        assertEquals("0", run("fmt", "--check", f.toString())[0]);
    }

    @Test
    void aBrokenFileGivesFileLineColumnAndExitTwo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("broken.trace");
        Files.writeString(f, "scenario \"x\"\n@1ms inject ???\n");
        String[] r = run("fmt", "--check", f.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("broken.trace:2:"), r[2]);
        assertTrue(!r[2].contains("Exception"), r[2]);
    }
}
