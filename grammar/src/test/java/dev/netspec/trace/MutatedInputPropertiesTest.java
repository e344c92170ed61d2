package dev.netspec.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.netspec.trace.ast.Trace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Valid scenarios, damaged the way people damage files (a character dropped, a token
 * doubled, lines swapped or cut, a stray symbol), always give diagnostics, never an
 * exception; and whatever still parses cleanly survives printing.
 */
class MutatedInputPropertiesTest {
    /** Fragments worth splicing in: tokens of the language and characters it does not know. */
    private static final String[] FRAGMENTS = {"(", ")", "[", "]", "{", "}", "<<", ">>", "<", ">", "|->", "=", "==",
            ",", ".", "..", ":", "/", "@", "+", "-", "\"", "\\", "\n", " ", "//", "$", "€", "\t", "0", "1.5", "10us",
            "10.0.0.1", "10.0.0.1:99999", "10.0.0.0/33", "ff:ff:ff:ff:ff:ff", "0x", "TRUE", "step", "host", "nic",
            "expect", "run", "event", "inject", "load", "template", "include \"x.trace\"", "ack", "win", "S.",
            "999999999999999999999999", "a.b.c", "\u0000", "\r"};

    private static final List<String> SEEDS = seeds();

    private static List<String> seeds() {
        List<String> texts = new ArrayList<>();
        try {
            for (Path p : ExamplesTest.exampleFiles()) {
                texts.add(Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }

    /** A seed file with between one and eight damages applied. */
    private static Gen<String> mutatedFiles() {
        return in -> {
            StringBuilder text = new StringBuilder(SEEDS.get((int) in.next(Constraint.between(0, SEEDS.size() - 1))));
            long damages = in.next(Constraint.between(1, 8));
            for (int i = 0; i < damages; i++) {
                int at = (int) in.next(Constraint.between(0, text.length()));
                switch ((int) in.next(Constraint.between(0, 4))) {
                    case 0 -> { // delete a few characters
                        int end = Math.min(text.length(), at + (int) in.next(Constraint.between(1, 12)));
                        text.delete(at, end);
                    }
                    case 1 -> text.insert(at, FRAGMENTS[(int) in.next(Constraint.between(0, FRAGMENTS.length - 1))]);
                    case 2 -> { // duplicate a slice
                        int end = Math.min(text.length(), at + (int) in.next(Constraint.between(1, 40)));
                        text.insert(end, text.substring(at, end));
                    }
                    case 3 -> { // swap two lines
                        String[] lines = text.toString().split("\n", -1);
                        int a = (int) in.next(Constraint.between(0, lines.length - 1));
                        int b = (int) in.next(Constraint.between(0, lines.length - 1));
                        String tmp = lines[a];
                        lines[a] = lines[b];
                        lines[b] = tmp;
                        text.setLength(0);
                        text.append(String.join("\n", lines));
                    }
                    default -> text.setLength(at); // cut the file short
                }
            }
            return text.toString();
        };
    }

    @Test
    void damagedFilesGiveDiagnosticsNeverExceptions() {
        assertFalse(SEEDS.isEmpty());
        qt().withFixedSeed(5L).withExamples(1500).forAll(mutatedFiles()).checkAssert(text -> {
            ParseResult result = TraceParser.parse(text, "../examples/mutated.trace");
            for (Diagnostic d : result.diagnostics()) {
                assertTrue(d.line() >= 1 && d.column() >= 1, d::render);
                assertFalse(d.message().isBlank());
            }
            if (result.trace().isPresent() && result.diagnostics().isEmpty()) {
                Trace trace = result.trace().get();
                assertEquals(trace, TraceParser.parseSyntax(TracePrinter.print(trace), "p.trace").trace().orElseThrow());
            }
        });
    }

    @Test
    void theDamageIsUsuallyNoticed() {
        // Guards the property above against a generator that damages nothing.
        int[] broken = {0};
        qt().withFixedSeed(9L).withExamples(300).forAll(mutatedFiles()).checkAssert(text -> {
            if (!TraceParser.parse(text, "../examples/mutated.trace").ok()) {
                broken[0]++;
            }
        });
        assertTrue(broken[0] > 150, "only " + broken[0] + " of 300 damaged files had diagnostics");
    }
}
