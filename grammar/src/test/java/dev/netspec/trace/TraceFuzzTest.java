package dev.netspec.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.netspec.trace.ast.Trace;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzing the whole front end (lexer, parser, AST builder, checker, printer). In a plain
 * {@code mvn test} Jazzer replays the seed corpus in
 * {@code src/test/resources/dev/netspec/trace/TraceFuzzTestInputs/parseGivesDiagnosticsNeverExceptions/}
 * (the example scenarios and the broken golden files); with {@code JAZZER_FUZZ=1} it
 * searches for new inputs. Contract: any input gives a result with diagnostics, never an
 * exception; a clean result survives printing.
 */
class TraceFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void parseGivesDiagnosticsNeverExceptions(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        // The file name places includes inside the fuzz corpus folder; include paths must end in .trace.
        ParseResult result = TraceParser.parse(text, "src/test/resources/fuzz/input.trace");
        for (Diagnostic d : result.diagnostics()) {
            assertTrue(d.line() >= 1 && d.column() >= 1, d::render);
            assertTrue(d.render().startsWith(d.headline()));
        }
        if (result.trace().isPresent() && result.diagnostics().isEmpty()) {
            Trace trace = result.trace().get();
            String printed = TracePrinter.print(trace);
            assertEquals(trace, TraceParser.parseSyntax(printed, "printed.trace").trace().orElseThrow());
        }
    }
}
