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
import org.antlr.v4.runtime.UnbufferedTokenStream;

/**
 * The fast path for the one statement recordings are made of: {@code step N @T Label(args)
 * state}. It reads exactly the {@code StepItem} rule of Trace.g4 (and the {@code value},
 * {@code path}, {@code argList} rules under it) by recursive descent over the same tokens,
 * building the AST directly instead of a parse tree first, which makes long recordings
 * several times faster to read.
 *
 * <p>It never reports an error: on any token it does not expect it rewinds and returns
 * null, and the step is parsed by the ANTLR parser, whose verdict (and error message)
 * stands. That the two agree is a property test ({@code PrinterPropertiesTest}: the
 * streaming parse, which uses this path, equals the ANTLR-only recovering parse).
 */
final class RecordedStepParser {
    /** Signals "not for the fast path"; no stack trace is filled in, it is control flow. */
    private static final class NotFast extends RuntimeException {
        private static final NotFast INSTANCE = new NotFast();

        private NotFast() {
            super(null, null, false, false);
        }
    }

    private final UnbufferedTokenStream<Token> tokens;
    private final AstBuilder builder;
    /**
     * The source text when token offsets are indexes into it (the {@link FastLexer} case),
     * else null. With it, names are interned and numbers read straight from the text, so a
     * step costs no token-text strings: most of the garbage a recording used to make.
     */
    private final String text;
    private Token last;

    RecordedStepParser(UnbufferedTokenStream<Token> tokens, AstBuilder builder, String text) {
        this.tokens = tokens;
        this.builder = builder;
        this.text = text;
    }

    /** A name token's text, shared with every earlier occurrence of the same name. */
    private String name(Token t) {
        return text != null ? builder.intern(text, t.getStartIndex(), t.getStopIndex() + 1) : builder.intern(t.getText());
    }

    /** The number in {@code t}'s first {@code length} characters (all of a NUMBER, the amount of a QUANTITY). */
    private BigDecimal decimal(Token t, int length) {
        if (text != null && length <= 18) {
            int start = t.getStartIndex();
            long v = 0;
            for (int i = start; i < start + length; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    return AstBuilder.decimal(text.substring(start, start + length)); // a fraction
                }
                v = v * 10 + (c - '0');
            }
            return BigDecimal.valueOf(v);
        }
        return AstBuilder.decimal(t.getText().substring(0, length));
    }

    private int length(Token t) {
        return t.getStopIndex() - t.getStartIndex() + 1;
    }

    /** Where a QUANTITY token's unit starts, counted from the token's start. */
    private int unitStart(Token t) {
        if (text == null) {
            return AstBuilder.unitStart(t.getText());
        }
        int start = t.getStartIndex();
        int end = t.getStopIndex() + 1;
        int i = start;
        while (i < end && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
            i++;
        }
        return i - start;
    }

    private String unit(Token t, int unitStart) {
        return text != null ? builder.intern(text, t.getStartIndex() + unitStart, t.getStopIndex() + 1)
                : builder.intern(t.getText().substring(unitStart));
    }

    /** Parses a step at the current token and adds it to the builder; false (input untouched) if it cannot. */
    boolean tryStep() {
        if (tokens.LA(1) != TraceLexer.STEP) {
            return false;
        }
        int mark = tokens.mark();
        int start = tokens.index();
        try {
            Token first = tokens.LT(1);
            Item.Step step = step();
            builder.add(first, last, false, () -> step, tokens.LT(1).getStartIndex());
            return true;
        } catch (NotFast e) {
            tokens.seek(start);
            return false;
        } finally {
            tokens.release(mark);
        }
    }

    private Token expect(int type) {
        Token t = tokens.LT(1);
        if (t.getType() != type) {
            throw NotFast.INSTANCE;
        }
        tokens.consume();
        last = t;
        return t;
    }

    private int la() {
        return tokens.LA(1);
    }

    private Item.Step step() {
        Token stepToken = expect(TraceLexer.STEP);
        Token index = expect(TraceLexer.NUMBER);
        Time time = time();
        Token label = expect(TraceLexer.IDENT);
        List<Arg> args = la() == TraceLexer.LPAREN ? argList() : List.of();
        Value state = value();
        return new Item.Step(builder.pos(stepToken), stepNumber(index), time, name(label), args, state);
    }

    private Time time() {
        Token sign = tokens.LT(1);
        if (sign.getType() != TraceLexer.AT && sign.getType() != TraceLexer.PLUS) {
            throw NotFast.INSTANCE;
        }
        tokens.consume();
        Token amount = tokens.LT(1);
        Time time;
        if (amount.getType() == TraceLexer.QUANTITY) {
            int unitStart = unitStart(amount);
            time = new Time(builder.pos(sign), sign.getType() == TraceLexer.PLUS, decimal(amount, unitStart), unit(amount, unitStart));
        } else if (amount.getType() == TraceLexer.NUMBER) {
            time = new Time(builder.pos(sign), sign.getType() == TraceLexer.PLUS, decimal(amount, length(amount)), "");
        } else {
            throw NotFast.INSTANCE;
        }
        tokens.consume();
        last = amount;
        return time;
    }

    private List<Arg> argList() {
        expect(TraceLexer.LPAREN);
        List<Arg> args = new ArrayList<>();
        if (la() != TraceLexer.RPAREN) {
            args.add(arg());
            while (la() == TraceLexer.COMMA) {
                tokens.consume();
                args.add(arg());
            }
        }
        expect(TraceLexer.RPAREN);
        return args;
    }

    private Arg arg() {
        Token first = tokens.LT(1);
        if (isWord(first.getType()) && tokens.LA(2) == TraceLexer.EQ) {
            tokens.consume();
            tokens.consume();
            return Arg.named(builder.pos(first), first.getText(), value());
        }
        return Arg.positional(builder.pos(first), value());
    }

    private Value value() {
        Token t = tokens.LT(1);
        Pos pos = builder.pos(t);
        switch (t.getType()) {
            case TraceLexer.MINUS -> {
                tokens.consume();
                Token n = expect(TraceLexer.NUMBER);
                return new Value.Num(pos, decimal(n, length(n)).negate());
            }
            case TraceLexer.NUMBER -> {
                consume(t);
                return new Value.Num(pos, decimal(t, length(t)));
            }
            case TraceLexer.QUANTITY -> {
                consume(t);
                int unitStart = unitStart(t);
                return new Value.Quantity(pos, decimal(t, unitStart), unit(t, unitStart));
            }
            case TraceLexer.STRING -> {
                consume(t);
                return new Value.Str(pos, AstBuilder.unquote(t.getText()));
            }
            case TraceLexer.TRUE, TraceLexer.FALSE -> {
                consume(t);
                return new Value.Bool(pos, t.getType() == TraceLexer.TRUE);
            }
            case TraceLexer.IPV4 -> {
                consume(t);
                return new Value.Ipv4(pos, t.getText());
            }
            case TraceLexer.PREFIX -> {
                consume(t);
                return new Value.Prefix(pos, t.getText());
            }
            case TraceLexer.ENDPOINT -> {
                consume(t);
                return new Value.Endpoint(pos, t.getText());
            }
            case TraceLexer.MAC -> {
                consume(t);
                return new Value.Mac(pos, t.getText());
            }
            case TraceLexer.HEX -> {
                consume(t);
                return new Value.Bytes(pos, t.getText());
            }
            case TraceLexer.IDENT -> {
                Path path = path();
                return path.segments().isEmpty() ? new Value.Name(pos, path.head()) : new Value.Ref(pos, path);
            }
            case TraceLexer.LBRACKET -> {
                consume(t);
                List<Value.Field> fields = new ArrayList<>();
                fields.add(field());
                while (la() == TraceLexer.COMMA) {
                    tokens.consume();
                    fields.add(field());
                }
                expect(TraceLexer.RBRACKET);
                return new Value.RecordOf(pos, fields);
            }
            case TraceLexer.LSEQ -> {
                consume(t);
                List<Value> elements = elements(TraceLexer.RSEQ);
                return new Value.SequenceOf(pos, elements);
            }
            case TraceLexer.LBRACE -> {
                consume(t);
                List<Value> elements = elements(TraceLexer.RBRACE);
                return new Value.SetOf(pos, elements);
            }
            default -> throw NotFast.INSTANCE;
        }
    }

    private List<Value> elements(int close) {
        List<Value> elements = new ArrayList<>();
        if (la() != close) {
            elements.add(value());
            while (la() == TraceLexer.COMMA) {
                tokens.consume();
                elements.add(value());
            }
        }
        expect(close);
        return elements;
    }

    private Value.Field field() {
        Token name = tokens.LT(1);
        if (!isWord(name.getType())) {
            throw NotFast.INSTANCE;
        }
        tokens.consume();
        expect(TraceLexer.MAPSTO);
        return new Value.Field(builder.pos(name), name(name), value());
    }

    private Path path() {
        Token head = expect(TraceLexer.IDENT);
        List<Path.Segment> segments = new ArrayList<>();
        while (true) {
            Token t = tokens.LT(1);
            if (t.getType() == TraceLexer.DOT) {
                tokens.consume();
                Token name = tokens.LT(1);
                if (!isWord(name.getType())) {
                    throw NotFast.INSTANCE;
                }
                consume(name);
                segments.add(new Path.Segment.Field(builder.pos(t), name(name)));
            } else if (t.getType() == TraceLexer.LBRACKET) {
                tokens.consume();
                Value index = value();
                expect(TraceLexer.RBRACKET);
                segments.add(new Path.Segment.Index(builder.pos(t), index));
            } else {
                return new Path(builder.pos(head), name(head), segments);
            }
        }
    }

    /** A step number: whole numbers that fit a long skip BigInteger's string parser. */
    private BigInteger stepNumber(Token index) {
        if (text != null && length(index) <= 18) {
            BigDecimal d = decimal(index, length(index));
            if (d.scale() == 0) {
                return d.toBigIntegerExact();
            }
        }
        return builder.integer(index, "a step number");
    }

    private void consume(Token t) {
        tokens.consume();
        last = t;
    }

    /** The {@code word} rule: a name or any keyword except TRUE and FALSE. */
    private static boolean isWord(int type) {
        return type == TraceLexer.IDENT || (type >= TraceLexer.SCENARIO && type <= TraceLexer.WIN);
    }
}
