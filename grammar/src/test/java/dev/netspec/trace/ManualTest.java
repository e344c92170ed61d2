package dev.netspec.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps docs/trace-language.md honest. Every fenced block whose info string starts with
 * {@code trace} is parsed:
 * <ul>
 *   <li>{@code trace}: parses without errors and is in canonical form;</li>
 *   <li>{@code trace checked}: also passes every semantic check (includes resolve from docs/);</li>
 *   <li>{@code trace error}: gives exactly the diagnostics of the {@code text} block after it.</li>
 * </ul>
 */
class ManualTest {
    static final Path MANUAL = Path.of("..", "docs", "trace-language.md");

    record Block(int line, String kind, String text) {}

    static List<Block> blocks() throws IOException {
        List<String> lines = Files.readAllLines(MANUAL);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```") && line.length() > 3) {
                String kind = line.substring(3).trim();
                StringBuilder text = new StringBuilder();
                int start = i + 1;
                for (i = start; i < lines.size() && !lines.get(i).equals("```"); i++) {
                    text.append(lines.get(i)).append('\n');
                }
                blocks.add(new Block(start, kind, text.toString()));
            }
        }
        return blocks;
    }

    @Test
    void theManualHasExamplesOfEveryKind() throws IOException {
        List<String> kinds = blocks().stream().map(Block::kind).toList();
        assertTrue(kinds.stream().filter(k -> k.equals("trace")).count() >= 5, kinds::toString);
        assertTrue(kinds.stream().filter(k -> k.equals("trace checked")).count() >= 3, kinds::toString);
        assertEquals(2, kinds.stream().filter(k -> k.equals("trace error")).count(), "two broken scenarios are shown");
    }

    @TestFactory
    Stream<DynamicTest> everyTraceBlockOfTheManualBehavesAsItSays() throws IOException {
        List<Block> blocks = blocks();
        List<DynamicTest> tests = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            Block block = blocks.get(b);
            String name = "trace-language.md:" + block.line() + " (" + block.kind() + ")";
            switch (block.kind()) {
                case "trace" -> tests.add(DynamicTest.dynamicTest(name, () -> {
                    ParseResult r = TraceParser.parseSyntax(block.text(), "manual.trace");
                    assertTrue(r.diagnostics().isEmpty(), () -> name + "\n" + r.render());
                    assertEquals(block.text(), TracePrinter.print(r.trace().orElseThrow()), name + " is not canonical");
                }));
                case "trace checked" -> tests.add(DynamicTest.dynamicTest(name, () -> {
                    ParseResult r = TraceParser.parse(block.text(), MANUAL.resolveSibling("manual.trace").toString());
                    assertTrue(r.ok(), () -> name + "\n" + r.render());
                    assertEquals(block.text(), TracePrinter.print(r.trace().orElseThrow()), name + " is not canonical");
                }));
                case "trace error" -> {
                    assertTrue(b + 1 < blocks.size() && blocks.get(b + 1).kind().equals("text"),
                            name + " must be followed by a text block with the expected messages");
                    String expected = blocks.get(b + 1).text();
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        ParseResult r = TraceParser.parse(block.text(), "scenario.trace");
                        assertFalse(r.ok(), name + " was meant to be broken");
                        assertEquals(expected, r.render(), name);
                    }));
                }
                default -> { }
            }
        }
        return tests.stream();
    }
}
