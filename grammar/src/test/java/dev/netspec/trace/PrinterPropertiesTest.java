package dev.netspec.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import dev.netspec.trace.ast.Trace;
import dev.netspec.trace.ast.Value;
import org.junit.jupiter.api.Test;

/** The printer's contract, for arbitrary ASTs: parsing what it prints gives the same AST back. */
class PrinterPropertiesTest {

    @Test
    void parsingThePrintedTextGivesTheSameAst() {
        qt().withFixedSeed(20261125L).withExamples(3000).forAll(AstGen.traces()).checkAssert(trace -> {
            String text = TracePrinter.print(trace);
            ParseResult parsed = TraceParser.parseSyntax(text, "generated.trace");
            assertTrue(parsed.diagnostics().isEmpty(), () -> "printed text does not parse:\n" + text + "\n" + parsed.render());
            assertEquals(trace, parsed.trace().orElseThrow(), () -> "round trip changed the AST; text was:\n" + text);
        });
    }

    @Test
    void theStreamingAndTheRecoveringParserBuildTheSameAst() {
        // parseSyntax streams item by item with SLL; the recovering path (taken on errors)
        // parses the whole file with LL. On valid input both must agree exactly.
        qt().withFixedSeed(3L).withExamples(1000).forAll(AstGen.traces()).checkAssert(trace -> {
            String text = TracePrinter.print(trace);
            assertEquals(TraceParser.parseSyntax(text, "g.trace"), TraceParser.recovering(text, "g.trace"));
        });
    }

    @Test
    void printingIsIdempotent() {
        qt().withFixedSeed(7L).withExamples(1000).forAll(AstGen.traces()).checkAssert(trace -> {
            String once = TracePrinter.print(trace);
            Trace again = TraceParser.parseSyntax(once, "generated.trace").trace().orElseThrow();
            assertEquals(once, TracePrinter.print(again));
        });
    }

    @Test
    void everyValuePrintsAsItParsesInsideAConstant() {
        qt().withFixedSeed(11L).withExamples(2000).forAll(AstGen.values()).checkAssert(value -> {
            String text = "const X = " + TracePrinter.print(value) + "\n";
            ParseResult parsed = TraceParser.parseSyntax(text, "value.trace");
            assertTrue(parsed.diagnostics().isEmpty(), () -> text + parsed.render());
            Value back = ((dev.netspec.trace.ast.Item.Const) parsed.trace().orElseThrow().items().get(0)).value();
            assertEquals(value, back, text);
        });
    }
}
