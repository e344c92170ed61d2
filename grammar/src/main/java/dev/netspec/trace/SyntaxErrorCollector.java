package dev.netspec.trace;

import dev.netspec.trace.antlr.TraceLexer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Replaces ANTLR's console listener: turns each syntax error into a {@link Diagnostic}
 * with a message in the trace language's own words ("expected a time or a statement,
 * found '='") instead of ANTLR's token-set dumps. One error per line is kept, because
 * after the first error on a line the rest are usually echoes of it.
 */
final class SyntaxErrorCollector extends BaseErrorListener {
    /** Beyond this many alternatives a list of what was expected stops helping. */
    private static final int MAX_LISTED = 5;

    private final SourceText source;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    private final Set<Integer> linesWithErrors = new HashSet<>();

    SyntaxErrorCollector(SourceText source) {
        this.source = source;
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    void add(int line, int column, String message) {
        if (linesWithErrors.add(line)) {
            diagnostics.add(source.diagnostic(line, column, message));
        }
    }


    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                            String antlrMessage, RecognitionException e) {
        if (!(offendingSymbol instanceof Token token) || !(recognizer instanceof Parser parser)) {
            add(line, charPositionInLine + 1, "unexpected input");
            return;
        }
        if (isLexicalError(token)) {
            return; // reported from the token scan, with its own message
        }
        IntervalSet expected = expected(parser, e);
        // When the statement is cut short at the end of a line (a missing ')' or ']'), the
        // next token is on a later line; pointing there would blame the wrong line.
        // A statement could have ended there only if a new one (or the end of file) was acceptable.
        Token previous = previousDefaultToken(parser, token);
        boolean statementComplete = expected.contains(Token.EOF) || expected.contains(TraceLexer.AT);
        if (previous != null && previous.getLine() < token.getLine() && !statementComplete) {
            String list = expectedList(expected);
            int column = previous.getCharPositionInLine() + previous.getText().length() + 1;
            add(previous.getLine(), column, list == null ? "this statement is incomplete at the end of the line"
                    : "expected " + list + " at the end of this line");
            return;
        }
        if (token.getType() == TraceLexer.EQEQ && previous != null && previous.getType() == TraceLexer.RPAREN) {
            add(line, charPositionInLine + 1, "a call's expected result takes a single '=': write ... = value");
            return;
        }
        add(line, charPositionInLine + 1, describe(token, expected));
    }

    private static Token previousDefaultToken(Parser parser, Token token) {
        var stream = parser.getTokenStream();
        for (int i = token.getTokenIndex() - 1; i >= 0; i--) {
            Token t = stream.get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                return t;
            }
        }
        return null;
    }

    static boolean isLexicalError(Token token) {
        int type = token.getType();
        return type == TraceLexer.BAD_CHAR || type == TraceLexer.UNTERMINATED_STRING || type == TraceLexer.BAD_ESCAPE_STRING;
    }

    /** The message for a token the lexer could not make sense of. */
    static String lexicalMessage(Token token) {
        return switch (token.getType()) {
            case TraceLexer.BAD_CHAR -> "unexpected character " + quote(token.getText());
            case TraceLexer.UNTERMINATED_STRING -> "unterminated string: a string ends with \" on the same line";
            default -> "invalid escape in string: only \\\" \\\\ \\n \\r and \\t are allowed";
        };
    }

    private static IntervalSet expected(Parser parser, RecognitionException e) {
        try {
            return e != null && e.getExpectedTokens() != null ? e.getExpectedTokens() : parser.getExpectedTokens();
        } catch (RuntimeException unavailable) {
            // getExpectedTokens can fail on a state the ATN cannot reach from; say less rather than crash.
            return new IntervalSet();
        }
    }

    static String describe(Token token, IntervalSet expected) {
        String found = token.getType() == Token.EOF ? "end of file" : quote(token.getText());
        String list = expected.isNil() ? null : expectedList(expected);
        return list == null ? "unexpected " + found : "expected " + list + ", found " + found;
    }

    private static final List<Integer> COMPARISONS = List.of(TraceLexer.EQEQ, TraceLexer.NEQ, TraceLexer.LT,
            TraceLexer.LE, TraceLexer.GT, TraceLexer.GE);
    private static final List<Integer> VALUE_STARTS = List.of(TraceLexer.NUMBER, TraceLexer.QUANTITY, TraceLexer.STRING,
            TraceLexer.TRUE, TraceLexer.FALSE, TraceLexer.IPV4, TraceLexer.PREFIX, TraceLexer.ENDPOINT, TraceLexer.MAC,
            TraceLexer.HEX, TraceLexer.IDENT, TraceLexer.LBRACKET, TraceLexer.LSEQ, TraceLexer.LBRACE, TraceLexer.MINUS);
    private static final List<Integer> STATEMENT_STARTS = List.of(TraceLexer.SCENARIO, TraceLexer.DESCRIPTION,
            TraceLexer.SEED, TraceLexer.SPEC, TraceLexer.INCLUDE, TraceLexer.CONST, TraceLexer.HOST, TraceLexer.LINK,
            TraceLexer.FLOW, TraceLexer.COST, TraceLexer.AT, TraceLexer.PLUS, TraceLexer.INJECT, TraceLexer.LOAD,
            TraceLexer.EVENT, TraceLexer.RUN, TraceLexer.EXPECT, TraceLexer.STEP);

    /**
     * What was expected, in words: well-known groups of tokens are named as a group ("a
     * statement", "a value", "a comparison"); null when the list would be too long to help.
     */
    static String expectedList(IntervalSet expected) {
        List<Integer> types = new ArrayList<>(expected.toList());
        List<String> names = new ArrayList<>();
        if (types.containsAll(STATEMENT_STARTS)) {
            types.removeAll(STATEMENT_STARTS);
            types.remove(Integer.valueOf(TraceLexer.IDENT));
            names.add("a statement");
        }
        if (types.containsAll(VALUE_STARTS)) {
            types.removeAll(VALUE_STARTS);
            names.add("a value");
        }
        if (types.containsAll(COMPARISONS)) {
            types.removeAll(COMPARISONS);
            names.add("a comparison (==, !=, <, <=, >, >=)");
        }
        for (int type : types) {
            names.add(name(type));
        }
        if (names.isEmpty() || names.size() > MAX_LISTED) {
            return null;
        }
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static String quote(String text) {
        return "'" + text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "'";
    }

    /** A token type as a reader would name it. */
    static String name(int type) {
        return switch (type) {
            case Token.EOF -> "end of file";
            case TraceLexer.IDENT -> "a name";
            case TraceLexer.NUMBER -> "a number";
            case TraceLexer.QUANTITY -> "a number with a unit (10us, 1Gbps)";
            case TraceLexer.STRING -> "a string";
            case TraceLexer.IPV4 -> "an IPv4 address";
            case TraceLexer.PREFIX -> "an address prefix (10.0.0.0/24)";
            case TraceLexer.ENDPOINT -> "an address and port (10.0.0.2:80)";
            case TraceLexer.MAC -> "a MAC address";
            case TraceLexer.HEX -> "bytes (0x...)";
            default -> {
                String literal = TraceLexer.VOCABULARY.getLiteralName(type);
                yield literal != null ? literal : TraceLexer.VOCABULARY.getDisplayName(type);
            }
        };
    }
}
