package dev.netspec.trace;

import dev.netspec.trace.antlr.TraceLexer;
import dev.netspec.trace.ast.Item;
import dev.netspec.trace.ast.Trace;
import dev.netspec.trace.check.Checker;
import java.io.IOException;
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
     * Reads a recorded trace without keeping its steps: each step, once parsed, goes to
     * {@code consumer} in file order and is then forgotten, so memory is the file's text
     * plus one step, however long the recording (a conformance check over millions of
     * steps does not need them all at once). The result's trace holds everything else
     * (header, topology, comments); its diagnostics are those {@link #parse(Path)} gives,
     * including the checks of each step (numbering, time order, state shape, literals).
     *
     * <p>Steps are handed out as they are read, so a file with a syntax error delivers the
     * steps before it; the result then has no trace and every syntax error of the file.
     * A caller acts on the steps only if {@link ParseResult#ok()} holds at the end.
     */
    public static ParseResult streamSteps(Path file, java.util.function.Consumer<Item.Step> consumer) {
        Optional<String> text = read(file);
        if (text.isEmpty()) {
            return new ParseResult(Optional.empty(), List.of(new Diagnostic(file.toString(), 1, 1,
                    "cannot read file" + (Files.exists(file) ? " (is it UTF-8 text?)" : ": no such file"), "")));
        }
        String fileName = file.toString();
        SourceText source = new SourceText(fileName, text.get());
        Checker checker = new Checker();
        long[] delivered = {0};
        java.util.function.Consumer<Item.Step> deliver = step -> {
            checker.checkRecordedStep(step, source);
            consumer.accept(step);
            delivered[0]++;
        };
        ParseResult syntax = streaming(text.get(), fileName, deliver);
        if (syntax == null) {
            // A syntax error (or SLL doubt): the recovering parse reports every error of the
            // file; in the rare case it finds the file valid after all, the steps not yet
            // delivered are delivered from its (whole) trace.
            ParseResult whole = recovering(text.get(), fileName);
            if (whole.trace().isEmpty()) {
                return whole;
            }
            List<Item> rest = new ArrayList<>();
            long seen = 0;
            for (Item item : whole.trace().get().items()) {
                if (item instanceof Item.Step step) {
                    if (seen++ >= delivered[0]) {
                        deliver.accept(step);
                    }
                } else {
                    rest.add(item);
                }
            }
            syntax = new ParseResult(Optional.of(new Trace(whole.trace().get().pos(), rest)), whole.diagnostics());
        }
        List<Diagnostic> diagnostics = new ArrayList<>(syntax.diagnostics());
        diagnostics.addAll(checker.check(syntax.trace().get(), source));
        diagnostics.sort(null); // the step checks ran first; report in file order
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
        return streaming(source, fileName, null);
    }

    /** The fast path; with a {@code stepSink}, recorded steps go there instead of into the trace. */
    private static ParseResult streaming(String source, String fileName, java.util.function.Consumer<Item.Step> stepSink) {
        SourceText text = new SourceText(fileName, source);
        SyntaxErrorCollector errors = new SyntaxErrorCollector(text);
        TokenSource lexer;
        boolean direct = FastLexer.accepts(source);
        if (direct) {
            // Token offsets are String indexes here, so the text is read in place, never copied.
            lexer = new FastLexer(source, new StringCharStream(source, fileName));
        } else {
            TraceLexer antlrLexer = new TraceLexer(CharStreams.fromString(source, fileName));
            antlrLexer.removeErrorListeners();
            lexer = antlrLexer;
        }
        List<Token> comments = new ArrayList<>();
        ScanningTokenSource scan = new ScanningTokenSource(lexer, comments, errors);
        StepTokenStream tokens = new StepTokenStream(scan);
        dev.netspec.trace.antlr.TraceParser parser = new dev.netspec.trace.antlr.TraceParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        List<Diagnostic> diagnostics = new ArrayList<>();
        AstBuilder builder = new AstBuilder(text, comments, diagnostics);
        if (stepSink != null) {
            builder.streamStepsTo(stepSink);
        }
        RecordedStepParser steps = new RecordedStepParser(tokens, builder, direct ? source : null);
        DirectStepParser directSteps = direct ? new DirectStepParser((FastLexer) lexer, source, fileName, builder) : null;
        try {
            while (tokens.LA(1) != Token.EOF) {
                // Recorded steps: straight from the characters when the lexer is ours and has
                // read nothing beyond the step keyword, else from tokens, else through ANTLR.
                if (directSteps != null && tokens.LA(1) == TraceLexer.STEP && tokens.holdsOnlyCurrent()) {
                    Token stepToken = tokens.LT(1);
                    if (directSteps.tryStep(stepToken)) {
                        tokens.consume(); // the step keyword; the stream reads on from after the step
                        Item.Step step = directSteps.parsed();
                        builder.add(stepToken, directSteps.stop(), false, () -> step, tokens.LT(1).getStartIndex());
                        continue;
                    }
                }
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

    /** An unbuffered token stream that tells whether it has read ahead of its current token. */
    private static final class StepTokenStream extends UnbufferedTokenStream<Token> {
        StepTokenStream(TokenSource source) {
            super(source);
        }

        /** True when the current token is the last one taken from the token source. */
        boolean holdsOnlyCurrent() {
            return p == n - 1;
        }
    }

    static Optional<String> read(Path file) {
        try {
            // Strict UTF-8 (malformed input throws), decoded straight into the String: no
            // intermediate char buffer, which for a long recording is twice the file's size.
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException unreadableOrNotUtf8) { // MalformedInputException is one
            return Optional.empty();
        }
    }
}
