package dev.netspec.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.netspec.trace.antlr.TraceLexer;
import dev.netspec.trace.ast.Item;
import dev.netspec.trace.ast.Trace;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * The character-level step parser must build exactly what the ANTLR-only parse builds,
 * positions included. {@code Pos} compares equal whatever its coordinates, so these tests
 * compare the ASTs' text form ({@code toString} of the records shows every position).
 */
class DirectStepParserTest {

    private static String withPositions(ParseResult result) {
        return result.trace().map(Trace::toString).orElse("<no trace>") + result.diagnostics();
    }

    @Test
    void generatedTracesParseToTheSameAstWithTheSamePositions() {
        qt().withFixedSeed(5L).withExamples(1000).forAll(AstGen.traces()).checkAssert(trace -> {
            String text = TracePrinter.print(trace);
            assertEquals(withPositions(TraceParser.recovering(text, "g.trace")), withPositions(TraceParser.parseSyntax(text, "g.trace")), text);
        });
    }

    @Test
    void stepsLaidOutOddlyKeepTheirPositions() {
        // Whitespace, line breaks and comments around and inside steps move tokens about;
        // a comment inside a step sends it to the token path, one after it does not.
        qt().withFixedSeed(9L).withExamples(500).forAll(AstGen.traces(), SourceDSL.integers().between(0, 1 << 20))
                .checkAssert((trace, seed) -> {
                    String text = relayout(TracePrinter.print(trace), seed);
                    ParseResult fast = TraceParser.parseSyntax(text, "g.trace");
                    ParseResult slow = TraceParser.recovering(text, "g.trace");
                    assertEquals(withPositions(slow), withPositions(fast), text);
                });
    }

    /** Inserts spaces, newlines and end-of-line comments after some commas and brackets. */
    private static String relayout(String text, int seed) {
        StringBuilder out = new StringBuilder();
        java.util.Random random = new java.util.Random(seed);
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c);
            if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                inString = !inString;
            }
            if (!inString && (c == ',' || c == '[' || c == '(')) {
                switch (random.nextInt(6)) {
                    case 0 -> out.append("   ");
                    case 1 -> out.append("\n\t");
                    case 2 -> out.append(" // note\n");
                    default -> { }
                }
            }
        }
        return out.toString();
    }

    @Test
    void aRecordedStepParsesDirectlyAndLeavesTheLexerAfterIt() {
        String text = "step 7 @250ns Poll(a.eth0, quota = 2) [ring |-> <<1, 2>>, on |-> TRUE] // after\nstep 8 @1us X [a |-> 1]";
        FastLexer lexer = new FastLexer(text, new StringCharStream(text, "t.trace"));
        AstBuilder builder = new AstBuilder(new SourceText("t.trace", text), new ArrayList<>(), new ArrayList<>());
        DirectStepParser parser = new DirectStepParser(lexer, text, "t.trace", builder);
        lexer.scan();
        assertEquals(TraceLexer.STEP, lexer.type);
        assertTrue(parser.tryStep(lexer.lastToken()));
        Item.Step step = parser.parsed();
        assertEquals("Poll", step.label());
        assertEquals(7, step.index().intValueExact());
        assertEquals("t.trace:1:20", step.args().get(0).pos().toString());
        assertEquals("]", text.substring(parser.stop().getStartIndex(), parser.stop().getStopIndex() + 1));
        lexer.scan();
        assertEquals(TraceLexer.COMMENT, lexer.type, "the trailing comment is next, for the token stream");
        lexer.scan();
        assertEquals(TraceLexer.STEP, lexer.type);
        assertEquals(2, lexer.startLine);
    }

    @Test
    void aStepWithACommentInsideGoesBackUntouched() {
        String text = "step 1 @0ns A [a |-> // why\n 1]";
        FastLexer lexer = new FastLexer(text, new StringCharStream(text, "t.trace"));
        AstBuilder builder = new AstBuilder(new SourceText("t.trace", text), new ArrayList<>(), new ArrayList<>());
        DirectStepParser parser = new DirectStepParser(lexer, text, "t.trace", builder);
        lexer.scan();
        assertFalse(parser.tryStep(lexer.lastToken()));
        lexer.scan();
        assertEquals(TraceLexer.NUMBER, lexer.type, "the lexer is back just after 'step'");
        assertEquals(5, lexer.start);
        // And the whole parse still keeps the comment.
        ParseResult result = TraceParser.parseSyntax(text + "\n", "t.trace");
        assertEquals(withPositions(TraceParser.recovering(text + "\n", "t.trace")), withPositions(result));
        assertTrue(result.trace().orElseThrow().items().stream().anyMatch(i -> i instanceof Item.Comment));
    }

    @Test
    void errorsInStepsAreReportedAsBefore() {
        for (String bad : new String[] {
                "step 1.5 @0ns A [a |-> 1]\n", // a fraction as step number
                "step 1 @0ns A [a |-> 1\n", // unclosed record
                "step 1 @0ns A [a |-> $]\n", // bad character
                "step 1 @0ns A [a |-> \"x]\n", // unterminated string
                "step 1 @0ns A " + "<<".repeat(300) + ">>".repeat(300) + "\n", // nesting
        }) {
            ParseResult fast = TraceParser.parseSyntax(bad, "bad.trace");
            assertFalse(fast.diagnostics().isEmpty(), bad);
            assertEquals(TraceParser.recovering(bad, "bad.trace").render(), fast.render(), bad);
        }
    }
}
