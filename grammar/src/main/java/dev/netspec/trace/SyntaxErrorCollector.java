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
        String message;
        if (offendingSymbol instanceof Token token && recognizer instanceof Parser parser) {
            message = describe(token, expected(parser, e));
        } else {
            message = "unexpected input";
        }
        add(line, charPositionInLine + 1, message);
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
        switch (token.getType()) {
            case TraceLexer.BAD_CHAR:
                return "unexpected character " + quote(token.getText());
            case TraceLexer.UNTERMINATED_STRING:
                return "unterminated string: a string ends with \" on the same line";
            case TraceLexer.BAD_ESCAPE_STRING:
                return "invalid escape in string: only \\\" \\\\ \\n \\r and \\t are allowed";
            default:
                break;
        }
        String found = token.getType() == Token.EOF ? "end of file" : quote(token.getText());
        if (expected.isNil()) {
            return "unexpected " + found;
        }
        List<String> names = new ArrayList<>();
        for (int type : expected.toList()) {
            names.add(name(type));
        }
        if (names.size() > MAX_LISTED) {
            return "unexpected " + found;
        }
        String list = names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
        return "expected " + list + ", found " + found;
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
