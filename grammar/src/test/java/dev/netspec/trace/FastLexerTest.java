package dev.netspec.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import dev.netspec.trace.antlr.TraceLexer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/** The hand-written lexer gives exactly the tokens of Trace.g4's generated lexer. */
class FastLexerTest {
    /** Characters and fragments around every lexer rule's edges. */
    private static final String[] PIECES = {"0", "1", "9", "a", "f", "x", "z", "A", "F", "Z", "_", ".", ":", "/", "%", "\"",
            "\\", "\\n", "\\q", "|", "-", ">", "<", "=", "!", " ", "\t", "\n", "\r", "//", "0x", "ab:", "10.0.0.1", "ms",
            "@", "+", "[", "]", "{", "}", "(", ")", ",", "TRUE", "step", "é", "\u0000", "<->", "|->", "..", "1.5"};

    private static String describe(TokenSource source) {
        List<String> out = new ArrayList<>();
        for (Token t = source.nextToken(); ; t = source.nextToken()) {
            out.add(t.getType() + "@" + t.getStartIndex() + "-" + t.getStopIndex() + " " + t.getLine() + ":"
                    + t.getCharPositionInLine() + " ch" + t.getChannel() + " '" + t.getText() + "'");
            if (t.getType() == Token.EOF) {
                return String.join("\n", out);
            }
        }
    }

    private static void same(String text) {
        CharStream a = CharStreams.fromString(text, "a");
        TraceLexer antlr = new TraceLexer(a);
        antlr.removeErrorListeners();
        CharStream b = CharStreams.fromString(text, "b");
        assertEquals(describe(antlr), describe(new FastLexer(text, b)), () -> "input: " + text);
    }

    private static Gen<String> soup() {
        return in -> {
            StringBuilder s = new StringBuilder();
            long n = in.next(Constraint.between(0, 30));
            for (int i = 0; i < n; i++) {
                s.append(PIECES[(int) in.next(Constraint.between(0, PIECES.length - 1))]);
            }
            return s.toString();
        };
    }

    @Test
    void sameTokensOnRandomFragmentSoup() {
        qt().withFixedSeed(17L).withExamples(20000).forAll(soup()).checkAssert(FastLexerTest::same);
    }

    @Test
    void sameTokensOnGeneratedTraces() {
        qt().withFixedSeed(19L).withExamples(1000).forAll(AstGen.traces()).checkAssert(t -> same(TracePrinter.print(t)));
    }

    @Test
    void sameTokensOnTheExamplesAndTheBrokenFiles() throws IOException {
        for (Path p : ExamplesTest.exampleFiles()) {
            same(Files.readString(p));
        }
        try (var files = Files.list(Path.of("src", "test", "resources", "errors"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                same(Files.readString(p));
            }
        }
    }

    @Test
    void edgeCases() {
        for (String s : new String[] {"", "0xab", "0xg", "0x", "1.ms", "1..2", "de:ad:be:ef:00:01", "de:ad:be:ef:00:0",
                "10.0.0.1:", "10.0.0.1/", "10.0.0.1:80x", "\"a\\", "\"a\\\n\"", "<-", "<->>", "|-", "!", "1%", "1.5%x"}) {
            same(s);
        }
    }
}
