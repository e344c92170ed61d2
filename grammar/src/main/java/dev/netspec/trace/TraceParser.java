package dev.netspec.trace;

import dev.netspec.trace.antlr.TraceLexer;
import dev.netspec.trace.ast.Trace;
import dev.netspec.trace.check.Checker;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * The front door of the trace language: text in, {@link ParseResult} out. Never throws on
 * bad input and never prints: every problem becomes a {@link Diagnostic}.
 *
 * <p>Parsing is two-stage, as the ANTLR book recommends for speed: first with SLL
 * prediction and a bail-out error strategy (fast, and exact for this grammar on valid
 * input), then, only if that fails, again with full LL prediction and error recovery so
 * that every syntax error of the file is reported at once.
 */
public final class TraceParser {
    /** Values nested deeper than this are refused before parsing, so no input can overflow the stack. */
    static final int MAX_NESTING = 200;

    private TraceParser() {}

    /** Parses and checks a file; includes are resolved relative to it. */
    public static ParseResult parse(Path file) {
        Optional<String> text = read(file);
        if (text.isEmpty()) {
            return new ParseResult(Optional.empty(), List.of(new Diagnostic(file.toString(), 1, 1,
                    "cannot read file" + (Files.exists(file) ? " (is it UTF-8 text?)" : ": no such file"), "")));
        }
        return parse(text.get(), file.toString());
    }

    /**
     * Parses and checks source text. {@code fileName} is used in diagnostics and to resolve
     * {@code include} relative to its directory.
     */
    public static ParseResult parse(String source, String fileName) {
        ParseResult syntax = parseSyntax(source, fileName);
        if (syntax.trace().isEmpty()) {
            return syntax;
        }
        List<Diagnostic> diagnostics = new ArrayList<>(syntax.diagnostics());
        diagnostics.addAll(new Checker().check(syntax.trace().get(), new SourceText(fileName, source)));
        return new ParseResult(syntax.trace(), diagnostics);
    }

    /**
     * Syntax only: no semantic checks and no includes. The formatter uses this, since a
     * file with an unknown host name is still worth formatting.
     */
    public static ParseResult parseSyntax(String source, String fileName) {
        SourceText text = new SourceText(fileName, source);
        SyntaxErrorCollector errors = new SyntaxErrorCollector(text);

        TraceLexer lexer = new TraceLexer(CharStreams.fromString(source, fileName));
        lexer.removeErrorListeners();
        lexer.addErrorListener(errors);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();

        List<Token> comments = new ArrayList<>();
        if (!scanTokens(tokens.getTokens(), comments, errors)) {
            return new ParseResult(Optional.empty(), errors.diagnostics());
        }

        dev.netspec.trace.antlr.TraceParser parser = new dev.netspec.trace.antlr.TraceParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        dev.netspec.trace.antlr.TraceParser.TraceContext tree;
        try {
            tree = parser.trace();
        } catch (ParseCancellationException sllFailed) {
            tokens.seek(0);
            parser.reset();
            parser.addErrorListener(errors);
            parser.setErrorHandler(new LineAwareErrorStrategy());
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            tree = parser.trace();
        }
        if (!errors.diagnostics().isEmpty()) {
            return new ParseResult(Optional.empty(), errors.diagnostics());
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        Trace trace = new AstBuilder(text, comments, diagnostics).build(tree);
        return new ParseResult(Optional.of(trace), diagnostics);
    }

    /**
     * One pass over the tokens: collects the comments for the AST builder, reports the
     * tokens the lexer could not make sense of (bad characters, broken strings), and refuses
     * absurd nesting of brackets (a fuzzer's favourite) with a diagnostic, since ANTLR's
     * recursive descent would otherwise run out of stack.
     */
    private static boolean scanTokens(List<Token> tokens, List<Token> comments, SyntaxErrorCollector errors) {
        int depth = 0;
        for (Token t : tokens) {
            switch (t.getType()) {
                case TraceLexer.COMMENT -> comments.add(t);
                case TraceLexer.BAD_CHAR, TraceLexer.UNTERMINATED_STRING, TraceLexer.BAD_ESCAPE_STRING ->
                        errors.add(t.getLine(), t.getCharPositionInLine() + 1, SyntaxErrorCollector.lexicalMessage(t));
                case TraceLexer.LBRACKET, TraceLexer.LSEQ, TraceLexer.LBRACE, TraceLexer.LPAREN -> {
                    if (++depth > MAX_NESTING) {
                        errors.add(t.getLine(), t.getCharPositionInLine() + 1,
                                "brackets nested deeper than " + MAX_NESTING + " levels");
                        return false;
                    }
                }
                case TraceLexer.RBRACKET, TraceLexer.RSEQ, TraceLexer.RBRACE, TraceLexer.RPAREN -> depth = Math.max(0, depth - 1);
                default -> { }
            }
        }
        return true;
    }

    static Optional<String> read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return Optional.of(StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (MalformedInputException notUtf8) {
            return Optional.empty();
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }
}
