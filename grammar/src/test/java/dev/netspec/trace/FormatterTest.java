package dev.netspec.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netspec fmt}: rewrite in place, {@code --check} reports, broken files are left alone. */
class FormatterTest {
    private static final String MESSY = "scenario   \"x\"\nhost a {nic eth0 {mtu 1500}}   // the host\n\n\n@0 a:fd=socket( tcp )\n";
    private static final String CANONICAL = "scenario \"x\"\nhost a {\n  nic eth0 {\n    mtu 1500\n  }\n} // the host\n\n@0 a: fd = socket(tcp)\n";

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void reset() {
        out.reset();
        err.reset();
    }

    private int run(boolean check, Path... files) {
        return Formatter.run(List.of(files), check, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void rewritesAFileIntoCanonicalForm() throws IOException {
        Path f = Files.writeString(dir.resolve("a.trace"), MESSY);
        assertEquals(Formatter.OK, run(false, f));
        assertEquals(CANONICAL, Files.readString(f));
        assertEquals("formatted " + f + "\n", out.toString(StandardCharsets.UTF_8));
        out.reset();
        assertEquals(Formatter.OK, run(true, f), "a formatted file passes --check");
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void checkReportsWithoutWriting() throws IOException {
        Path f = Files.writeString(dir.resolve("a.trace"), MESSY);
        assertEquals(Formatter.NOT_CANONICAL, run(true, f));
        assertEquals(MESSY, Files.readString(f));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("not canonical"));
    }

    @Test
    void aFileWithSyntaxErrorsIsLeftAloneAndReported() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.trace"), "seed\n");
        Path good = Files.writeString(dir.resolve("good.trace"), MESSY);
        assertEquals(Formatter.ERRORS, run(false, bad, good));
        assertEquals("seed\n", Files.readString(bad));
        assertEquals(CANONICAL, Files.readString(good), "the other files are still formatted");
        assertEquals(bad + ":1:5: expected a number at the end of this line\nseed\n    ^\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void directoriesAreSearchedForTraceFiles() throws IOException {
        Files.createDirectories(dir.resolve("sub"));
        Path f = Files.writeString(dir.resolve("sub/x.trace"), MESSY);
        Path other = Files.writeString(dir.resolve("notes.txt"), MESSY);
        assertEquals(Formatter.NOT_CANONICAL, run(true, dir));
        assertEquals(Formatter.OK, run(false, dir));
        assertEquals(CANONICAL, Files.readString(f));
        assertEquals(MESSY, Files.readString(other));
    }

    @Test
    void semanticErrorsDoNotStopFormatting() throws IOException {
        Path f = Files.writeString(dir.resolve("a.trace"), "@0   inject nohost.eth0 eth()\n");
        assertEquals(Formatter.OK, run(false, f));
        assertEquals("@0 inject nohost.eth0 eth()\n", Files.readString(f));
    }

    @Test
    void aMissingFileIsAnError() {
        assertEquals(Formatter.ERRORS, run(true, dir.resolve("nope.trace")));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file"));
    }

    @Test
    void theExamplesFolderIsCanonical() {
        assertEquals(Formatter.OK, run(true, ExamplesTest.EXAMPLES), () -> out + "\n" + err);
    }
}
