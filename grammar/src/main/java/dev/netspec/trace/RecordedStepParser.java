package dev.netspec.trace;

import dev.netspec.trace.antlr.TraceLexer;
import dev.netspec.trace.ast.Arg;
import dev.netspec.trace.ast.Item;
import dev.netspec.trace.ast.Path;
import dev.netspec.trace.ast.Pos;
import dev.netspec.trace.ast.Time;
import dev.netspec.trace.ast.Value;
import java.math.BigDecimal;
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
    private Token last;

    RecordedStepParser(UnbufferedTokenStream<Token> tokens, AstBuilder builder) {
        this.tokens = tokens;
        this.builder = builder;
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
        return new Item.Step(builder.pos(stepToken), builder.integer(index, "a step number"), time,
                builder.intern(label.getText()), args, state);
    }

    private Time time() {
        Token sign = tokens.LT(1);
        if (sign.getType() != TraceLexer.AT && sign.getType() != TraceLexer.PLUS) {
            throw NotFast.INSTANCE;
        }
        tokens.consume();
        Token amount = tokens.LT(1);
        String text = amount.getText();
        Time time;
        if (amount.getType() == TraceLexer.QUANTITY) {
            int unitStart = AstBuilder.unitStart(text);
            time = new Time(builder.pos(sign), sign.getType() == TraceLexer.PLUS,
                    AstBuilder.decimal(text.substring(0, unitStart)), builder.intern(text.substring(unitStart)));
        } else if (amount.getType() == TraceLexer.NUMBER) {
            time = new Time(builder.pos(sign), sign.getType() == TraceLexer.PLUS, AstBuilder.decimal(text), "");
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
                return new Value.Num(pos, AstBuilder.decimal(n.getText()).negate());
            }
            case TraceLexer.NUMBER -> {
                consume(t);
                return new Value.Num(pos, AstBuilder.decimal(t.getText()));
            }
            case TraceLexer.QUANTITY -> {
                consume(t);
                String text = t.getText();
                int unitStart = AstBuilder.unitStart(text);
                return new Value.Quantity(pos, AstBuilder.decimal(text.substring(0, unitStart)),
                        builder.intern(text.substring(unitStart)));
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
        return new Value.Field(builder.pos(name), builder.intern(name.getText()), value());
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
                segments.add(new Path.Segment.Field(builder.pos(t), builder.intern(name.getText())));
            } else if (t.getType() == TraceLexer.LBRACKET) {
                tokens.consume();
                Value index = value();
                expect(TraceLexer.RBRACKET);
                segments.add(new Path.Segment.Index(builder.pos(t), index));
            } else {
                return new Path(builder.pos(head), builder.intern(head.getText()), segments);
            }
        }
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
