package dev.netspec.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every file in the repository's examples/ folder parses, checks clean and is already canonical. */
class ExamplesTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    static List<Path> exampleFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(EXAMPLES)) {
            return walk.filter(p -> p.toString().endsWith(".trace")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyExampleParsesChecksAndIsCanonical() throws IOException {
        List<Path> files = exampleFiles();
        assertFalse(files.size() < 5, "expected the examples folder to hold at least five scenarios, found " + files);
        return files.stream().map(file -> DynamicTest.dynamicTest(EXAMPLES.relativize(file).toString(), () -> {
            ParseResult result = TraceParser.parse(file);
            assertTrue(result.ok(), () -> file + " has diagnostics:\n" + result.render());
            String text = Files.readString(file);
            assertEquals(text, TracePrinter.print(result.trace().orElseThrow()), file + " is not canonical");
        }));
    }
}
