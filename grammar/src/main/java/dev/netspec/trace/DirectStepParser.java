package dev.netspec.trace;

import dev.netspec.trace.antlr.TraceLexer;
import dev.netspec.trace.ast.Arg;
import dev.netspec.trace.ast.Item;
import dev.netspec.trace.ast.Path;
import dev.netspec.trace.ast.Pos;
import dev.netspec.trace.ast.Time;
import dev.netspec.trace.ast.Value;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * The fastest path for recorded steps ({@code step N @T Label(args) state}, the
 * {@code StepItem} rule of Trace.g4): recursive descent straight over {@link FastLexer}'s
 * scanner, with no {@link Token} object per token. A step of a recording has about 50
 * tokens; as objects they were most of the garbage a long recording made (about 15 times
 * the file's size), and garbage collection was most of the time lost on a shared machine.
 *
 * <p>It reads exactly what {@link RecordedStepParser} reads, and like it never reports an
 * error: on anything unexpected (a comment inside the step, a bad character, deep
 * nesting, a syntax error) it puts the lexer back where the step began and returns false,
 * and the step goes through the token-based paths, whose verdict and messages stand.
 * {@code PrinterPropertiesTest} checks that the streaming parse, which takes this path,
 * equals the ANTLR-only recovering parse.
 */
final class DirectStepParser {
    /** Deeper states go to the token path, whose scanner reports nesting beyond {@link TraceParser#MAX_NESTING}. */
    private static final int MAX_DEPTH = 64;

    /** Signals "not for this path"; no stack trace, it is control flow. */
    private static final class NotDirect extends RuntimeException {
        private static final NotDirect INSTANCE = new NotDirect();

        private NotDirect() {
            super(null, null, false, false);
        }
    }

    private final FastLexer lexer;
    private final String text;
    private final String file;
    private final AstBuilder builder;
    private int depth;
    // The token after the last one consumed (one token of lookahead, as scanned fields).
    private int type;
    private int start;
    private int end;
    private int line;
    private int column;
    // The last token consumed: the step's stop token.
    private int lastType;
    private int lastStart;
    private int lastEnd;
    private int lastLine;
    private int lastColumn;

    DirectStepParser(FastLexer lexer, String text, String file, AstBuilder builder) {
        this.lexer = lexer;
        this.text = text;
        this.file = file;
        this.builder = builder;
    }

    private Item.Step parsed;
    private Token stop;

    /**
     * Parses the step whose {@code step} keyword the lexer returned last (nothing after it
     * has been scanned yet). On success the lexer stands just after the step and
     * {@link #parsed} and {@link #stop} hold it; on failure the lexer is back just after
     * {@code step}, untouched, and false is returned.
     */
    boolean tryStep(Token stepToken) {
        int index = lexer.index();
        int atLine = lexer.line();
        int atColumn = lexer.column();
        depth = 0;
        try {
            next();
            parsed = step(stepToken);
            stop = lastToken();
            lexer.restore(start, line, column); // un-read the lookahead: the token stream reads it again
            return true;
        } catch (NotDirect e) {
            lexer.restore(index, atLine, atColumn);
            return false;
        }
    }

    /** The step the last successful {@link #tryStep} read. */
    Item.Step parsed() {
        return parsed;
    }

    /** Its last token (for the builder's comment placement). */
    Token stop() {
        return stop;
    }

    private Token lastToken() {
        org.antlr.v4.runtime.CommonToken t = new org.antlr.v4.runtime.CommonToken(
                new org.antlr.v4.runtime.misc.Pair<>(lexer, lexer.getInputStream()), lastType, Token.DEFAULT_CHANNEL,
                lastStart, lastEnd - 1);
        t.setLine(lastLine);
        t.setCharPositionInLine(lastColumn);
        return t;
    }

    /** No rule accepts it: a comment or a lexical error in the lookahead, which the token path must judge. */
    private static final int UNUSABLE = -2;

    /**
     * Scans the next token into the lookahead fields. A comment or a lexical error becomes
     * {@link #UNUSABLE}, which fails the step if the parser needs it, and is harmless after
     * the step's last token (a trailing comment), where the lookahead is given back.
     */
    private void next() {
        lexer.scan();
        type = switch (lexer.type) {
            case TraceLexer.COMMENT, TraceLexer.BAD_CHAR, TraceLexer.UNTERMINATED_STRING, TraceLexer.BAD_ESCAPE_STRING -> UNUSABLE;
            default -> lexer.type;
        };
        start = lexer.start;
        end = lexer.end;
        line = lexer.startLine;
        column = lexer.startColumn;
    }

    private void consume() {
        lastType = type;
        lastStart = start;
        lastEnd = end;
        lastLine = line;
        lastColumn = column;
        next();
    }

    private void expect(int expected) {
        if (type != expected) {
            throw NotDirect.INSTANCE;
        }
        consume();
    }

    /** The type of the token after the lookahead, without moving. */
    private int peek() {
        int index = lexer.index();
        int atLine = lexer.line();
        int atColumn = lexer.column();
        lexer.scan();
        int t = lexer.type;
        lexer.restore(index, atLine, atColumn);
        return t;
    }

    private Pos pos() {
        return new Pos(file, line, column + 1);
    }

    private Item.Step step(Token stepToken) {
        Pos pos = new Pos(file, stepToken.getLine(), stepToken.getCharPositionInLine() + 1);
        if (type != TraceLexer.NUMBER) {
            throw NotDirect.INSTANCE;
        }
        BigInteger index = wholeNumber();
        consume();
        Time time = time();
        if (type != TraceLexer.IDENT) {
            throw NotDirect.INSTANCE;
        }
        String label = name();
        consume();
        List<Arg> args = type == TraceLexer.LPAREN ? argList() : List.of();
        Value state = value();
        return new Item.Step(pos, index, time, label, args, state);
    }

    private Time time() {
        if (type != TraceLexer.AT && type != TraceLexer.PLUS) {
            throw NotDirect.INSTANCE;
        }
        Pos pos = pos();
        boolean relative = type == TraceLexer.PLUS;
        consume();
        Time time;
        if (type == TraceLexer.QUANTITY) {
            int unit = unitStart();
            time = new Time(pos, relative, decimal(start, unit), builder.intern(text, unit, end));
        } else if (type == TraceLexer.NUMBER) {
            time = new Time(pos, relative, decimal(start, end), "");
        } else {
            throw NotDirect.INSTANCE;
        }
        consume();
        return time;
    }

    private List<Arg> argList() {
        enter();
        consume(); // (
        List<Arg> args = new ArrayList<>();
        if (type != TraceLexer.RPAREN) {
            args.add(arg());
            while (type == TraceLexer.COMMA) {
                consume();
                args.add(arg());
            }
        }
        expect(TraceLexer.RPAREN);
        depth--;
        return args;
    }

    private Arg arg() {
        if (isWord(type) && peek() == TraceLexer.EQ) {
            Pos pos = pos();
            String name = text.substring(start, end);
            consume();
            consume(); // =
            return Arg.named(pos, name, value());
        }
        return Arg.positional(pos(), value());
    }

    private Value value() {
        Pos pos = pos();
        switch (type) {
            case TraceLexer.MINUS -> {
                consume();
                if (type != TraceLexer.NUMBER) {
                    throw NotDirect.INSTANCE;
                }
                BigDecimal n = decimal(start, end).negate();
                consume();
                return new Value.Num(pos, n);
            }
            case TraceLexer.NUMBER -> {
                BigDecimal n = decimal(start, end);
                consume();
                return new Value.Num(pos, n);
            }
            case TraceLexer.QUANTITY -> {
                int unit = unitStart();
                Value v = new Value.Quantity(pos, decimal(start, unit), builder.intern(text, unit, end));
                consume();
                return v;
            }
            case TraceLexer.STRING -> {
                Value v = new Value.Str(pos, AstBuilder.unquote(text.substring(start, end)));
                consume();
                return v;
            }
            case TraceLexer.TRUE, TraceLexer.FALSE -> {
                Value v = new Value.Bool(pos, type == TraceLexer.TRUE);
                consume();
                return v;
            }
            case TraceLexer.IPV4 -> {
                Value v = new Value.Ipv4(pos, text.substring(start, end));
                consume();
                return v;
            }
            case TraceLexer.PREFIX -> {
                Value v = new Value.Prefix(pos, text.substring(start, end));
                consume();
                return v;
            }
            case TraceLexer.ENDPOINT -> {
                Value v = new Value.Endpoint(pos, text.substring(start, end));
                consume();
                return v;
            }
            case TraceLexer.MAC -> {
                Value v = new Value.Mac(pos, text.substring(start, end));
                consume();
                return v;
            }
            case TraceLexer.HEX -> {
                Value v = new Value.Bytes(pos, text.substring(start, end));
                consume();
                return v;
            }
            case TraceLexer.IDENT -> {
                Path path = path();
                return path.segments().isEmpty() ? new Value.Name(pos, path.head()) : new Value.Ref(pos, path);
            }
            case TraceLexer.LBRACKET -> {
                enter();
                consume();
                List<Value.Field> fields = new ArrayList<>();
                fields.add(field());
                while (type == TraceLexer.COMMA) {
                    consume();
                    fields.add(field());
                }
                expect(TraceLexer.RBRACKET);
                depth--;
                return new Value.RecordOf(pos, fields);
            }
            case TraceLexer.LSEQ -> {
                return new Value.SequenceOf(pos, elements(TraceLexer.RSEQ));
            }
            case TraceLexer.LBRACE -> {
                return new Value.SetOf(pos, elements(TraceLexer.RBRACE));
            }
            default -> throw NotDirect.INSTANCE;
        }
    }

    private List<Value> elements(int close) {
        enter();
        consume(); // the opening bracket
        List<Value> elements = new ArrayList<>();
        if (type != close) {
            elements.add(value());
            while (type == TraceLexer.COMMA) {
                consume();
                elements.add(value());
            }
        }
        expect(close);
        depth--;
        return elements;
    }

    private Value.Field field() {
        if (!isWord(type)) {
            throw NotDirect.INSTANCE;
        }
        Pos pos = pos();
        String name = name();
        consume();
        expect(TraceLexer.MAPSTO);
        return new Value.Field(pos, name, value());
    }

    private Path path() {
        Pos pos = pos();
        String head = name();
        consume();
        List<Path.Segment> segments = new ArrayList<>();
        while (true) {
            if (type == TraceLexer.DOT) {
                Pos at = pos();
                consume();
                if (!isWord(type)) {
                    throw NotDirect.INSTANCE;
                }
                segments.add(new Path.Segment.Field(at, name()));
                consume();
            } else if (type == TraceLexer.LBRACKET) {
                Pos at = pos();
                enter();
                consume();
                Value index = value();
                expect(TraceLexer.RBRACKET);
                depth--;
                segments.add(new Path.Segment.Index(at, index));
            } else {
                return new Path(pos, head, segments.isEmpty() ? List.of() : segments);
            }
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw NotDirect.INSTANCE;
        }
    }

    /** The lookahead token's text as a shared name. */
    private String name() {
        return builder.intern(text, start, end);
    }

    /** Where the lookahead QUANTITY's unit starts (after the digits and an optional fraction). */
    private int unitStart() {
        int i = start;
        while (i < end && ((text.charAt(i) >= '0' && text.charAt(i) <= '9') || text.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    /** The number in {@code text[from, to)}: digits, maybe with a fraction. */
    private BigDecimal decimal(int from, int to) {
        if (to - from <= 18) {
            long v = 0;
            for (int i = from; i < to; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return new BigDecimal(text.substring(from, to)); // a fraction
                }
                v = v * 10 + (c - '0');
            }
            return BigDecimal.valueOf(v);
        }
        return new BigDecimal(text.substring(from, to));
    }

    /** The lookahead NUMBER as a step number; a fraction goes to the token path, which reports it. */
    private BigInteger wholeNumber() {
        if (end - start <= 18) {
            long v = 0;
            for (int i = start; i < end; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    throw NotDirect.INSTANCE;
                }
                v = v * 10 + (c - '0');
            }
            return BigInteger.valueOf(v);
        }
        for (int i = start; i < end; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                throw NotDirect.INSTANCE;
            }
        }
        return new BigInteger(text.substring(start, end));
    }

    /** The {@code word} rule: a name or any keyword except TRUE and FALSE. */
    private static boolean isWord(int type) {
        return type == TraceLexer.IDENT || (type >= TraceLexer.SCENARIO && type <= TraceLexer.WIN);
    }
}
