package dev.netspec.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files for errors (as in antlr/grammars-v4): every {@code errors/NAME.trace} must
 * produce exactly the rendered diagnostics in {@code errors/NAME.expected}. Run with
 * {@code -Dgoldens.update=true} to rewrite the expected files after a deliberate change,
 * then review the diff.
 */
class ErrorGoldenTest {
    private static final Path DIR = Path.of("src", "test", "resources", "errors");

    @TestFactory
    Stream<DynamicTest> everyBrokenFileGivesExactlyItsGoldenDiagnostics() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(DIR)) {
            files = list.filter(p -> p.toString().endsWith(".trace")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        boolean update = Boolean.getBoolean("goldens.update");
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            ParseResult result = TraceParser.parse(file);
            String actual = result.render();
            Path golden = Path.of(file.toString().replaceAll("\\.trace$", ".expected"));
            if (update) {
                Files.writeString(golden, actual);
            }
            assertFalse(result.ok(), file + " was meant to be broken");
            assertEquals(Files.readString(golden), actual, "diagnostics of " + file);
        }));
    }
}
