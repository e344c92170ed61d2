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
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.UnbufferedTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * The front door of the trace language: text in, {@link ParseResult} out. Never throws on
 * bad input and never prints: every problem becomes a {@link Diagnostic}.
 *
 * <p>Parsing is two-stage, as the ANTLR book recommends for speed: first with SLL
 * prediction and a bail-out error strategy, streaming item by item (fast, small, and
 * exact for this grammar on valid input), then, only if that fails, again over the whole
 * file with full LL prediction and error recovery, so that every syntax error of the
 * file is reported at once.
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
        ParseResult fast = streaming(source, fileName);
        return fast != null ? fast : recovering(source, fileName);
    }

    /**
     * The fast path: SLL prediction, one top-level item at a time over an unbuffered token
     * stream, each item's parse tree turned into AST and dropped at once. Memory is the
     * text plus the AST, whatever the length of the recording. Returns null at the first
     * syntax error (or SLL doubt), and the caller starts over on the recovering path.
     */
    private static ParseResult streaming(String source, String fileName) {
        SourceText text = new SourceText(fileName, source);
        SyntaxErrorCollector errors = new SyntaxErrorCollector(text);
        CharStream chars = CharStreams.fromString(source, fileName);
        TokenSource lexer;
        if (FastLexer.accepts(source)) {
            lexer = new FastLexer(source, chars);
        } else {
            TraceLexer antlrLexer = new TraceLexer(chars);
            antlrLexer.removeErrorListeners();
            lexer = antlrLexer;
        }
        List<Token> comments = new ArrayList<>();
        ScanningTokenSource scan = new ScanningTokenSource(lexer, comments, errors);
        UnbufferedTokenStream<Token> tokens = new UnbufferedTokenStream<>(scan);
        dev.netspec.trace.antlr.TraceParser parser = new dev.netspec.trace.antlr.TraceParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        List<Diagnostic> diagnostics = new ArrayList<>();
        AstBuilder builder = new AstBuilder(text, comments, diagnostics);
        RecordedStepParser steps = new RecordedStepParser(tokens, builder);
        try {
            while (tokens.LA(1) != Token.EOF) {
                if (steps.tryStep()) {
                    continue;
                }
                dev.netspec.trace.antlr.TraceParser.ItemContext item = parser.item();
                builder.add(item, tokens.LT(1).getStartIndex());
            }
        } catch (ParseCancellationException bail) {
            return null;
        }
        if (!errors.diagnostics().isEmpty() || scan.refused()) {
            return null;
        }
        return new ParseResult(Optional.of(builder.finish(tokens.LT(1))), diagnostics);
    }

    /**
     * The careful path, for files with errors: the whole token stream buffered, full LL
     * prediction and error recovery, so that every syntax error of the file is reported at
     * once. A file that only looked wrong to SLL still gets its AST here.
     */
    static ParseResult recovering(String source, String fileName) {
        SourceText text = new SourceText(fileName, source);
        SyntaxErrorCollector errors = new SyntaxErrorCollector(text);
        TraceLexer lexer = new TraceLexer(CharStreams.fromString(source, fileName));
        lexer.removeErrorListeners();
        List<Token> comments = new ArrayList<>();
        ScanningTokenSource scan = new ScanningTokenSource(lexer, comments, errors);
        CommonTokenStream tokens = new CommonTokenStream(scan);
        tokens.fill();
        if (scan.refused()) {
            return new ParseResult(Optional.empty(), errors.diagnostics());
        }
        dev.netspec.trace.antlr.TraceParser parser = new dev.netspec.trace.antlr.TraceParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(errors);
        parser.setErrorHandler(new LineAwareErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        dev.netspec.trace.antlr.TraceParser.TraceContext tree = parser.trace();
        if (!errors.diagnostics().isEmpty()) {
            return new ParseResult(Optional.empty(), errors.diagnostics());
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        Trace trace = new AstBuilder(text, comments, diagnostics).build(tree);
        return new ParseResult(Optional.of(trace), diagnostics);
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
