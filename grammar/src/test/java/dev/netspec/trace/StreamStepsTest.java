package dev.netspec.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.netspec.trace.ast.Item;
import dev.netspec.trace.ast.Trace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TraceParser#streamSteps} hands out exactly what {@link TraceParser#parse(Path)} keeps. */
class StreamStepsTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> sorted(List<Diagnostic> diagnostics) {
        return diagnostics.stream().sorted().map(Diagnostic::render).toList();
    }

    @Test
    void streamedStepsAndTheRestAreWhatTheWholeParseHolds() {
        qt().withFixedSeed(17L).withExamples(300).forAll(AstGen.traces()).checkAssert(trace -> {
            Path file = write("g.trace", TracePrinter.print(trace));
            ParseResult whole = TraceParser.parse(file);
            List<Item.Step> streamed = new ArrayList<>();
            ParseResult result = TraceParser.streamSteps(file, streamed::add);
            Trace all = whole.trace().orElseThrow();
            List<Item> steps = all.items().stream().filter(i -> i instanceof Item.Step).toList();
            List<Item> rest = all.items().stream().filter(i -> !(i instanceof Item.Step)).toList();
            assertEquals(steps.toString(), streamed.toString(), "same steps, same positions, same order");
            assertEquals(rest.toString(), result.trace().orElseThrow().items().toString());
            assertEquals(sorted(whole.diagnostics()), result.diagnostics().stream().map(Diagnostic::render).toList());
        });
    }

    @Test
    void stepChecksAreReportedInFileOrder() {
        Path file = write("s.trace", """
                scenario "s"
                step 0 @0ns A [x |-> 1]
                step 2 @10ns B [x |-> 2]
                step 3 @5ns C [x |-> 3, x |-> 4]
                host a { nic eth0 { } }
                host a { nic eth0 { } }
                """);
        List<Item.Step> streamed = new ArrayList<>();
        ParseResult result = TraceParser.streamSteps(file, streamed::add);
        assertEquals(3, streamed.size());
        assertEquals(sorted(TraceParser.parse(file).diagnostics()), result.diagnostics().stream().map(Diagnostic::render).toList());
        assertEquals(List.of(3, 4, 4, 6), result.diagnostics().stream().map(Diagnostic::line).toList());
        assertTrue(result.trace().orElseThrow().items().stream().noneMatch(i -> i instanceof Item.Step));
    }

    @Test
    void aSyntaxErrorGivesEveryErrorOfTheFileAndNoTrace() {
        Path file = write("e.trace", "step 0 @0ns A [x |-> 1]\nstep 1 @1ns B [x |-> ]\nstep 2 @2ns C [x |-> 3\n");
        ParseResult result = TraceParser.streamSteps(file, step -> { });
        assertFalse(result.ok());
        assertTrue(result.trace().isEmpty());
        assertEquals(TraceParser.parse(file).render(), result.render());
    }

    @Test
    void aMissingFileIsADiagnostic() {
        ParseResult result = TraceParser.streamSteps(dir.resolve("none.trace"), step -> { });
        assertEquals(List.of("cannot read file: no such file"), result.diagnostics().stream().map(Diagnostic::message).toList());
    }
}
