package dev.netspec.trace;

import dev.netspec.trace.antlr.TraceLexer;
import java.util.List;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;

/**
 * Sits between the lexer and the parser and looks at every token once as it passes:
 * comments are set aside for the AST builder (the parser never sees them), tokens the
 * lexer could not make sense of are reported, and absurd bracket nesting (a fuzzer's
 * favourite) ends the input with a diagnostic, since ANTLR's recursive descent would
 * otherwise run out of stack.
 */
final class ScanningTokenSource implements TokenSource {
    private final TokenSource lexer;
    private final List<Token> comments;
    private final SyntaxErrorCollector errors;
    private int depth;
    private boolean refused;

    ScanningTokenSource(TokenSource lexer, List<Token> comments, SyntaxErrorCollector errors) {
        this.lexer = lexer;
        this.comments = comments;
        this.errors = errors;
    }

    /** True when the input was cut off because of nesting. */
    boolean refused() {
        return refused;
    }

    @Override
    public Token nextToken() {
        while (true) {
            Token t = lexer.nextToken();
            switch (t.getType()) {
                case TraceLexer.COMMENT -> {
                    comments.add(t);
                    continue;
                }
                case TraceLexer.BAD_CHAR, TraceLexer.UNTERMINATED_STRING, TraceLexer.BAD_ESCAPE_STRING ->
                        errors.add(t.getLine(), t.getCharPositionInLine() + 1, SyntaxErrorCollector.lexicalMessage(t));
                case TraceLexer.LBRACKET, TraceLexer.LSEQ, TraceLexer.LBRACE, TraceLexer.LPAREN -> {
                    if (++depth > TraceParser.MAX_NESTING && !refused) {
                        refused = true;
                        errors.add(t.getLine(), t.getCharPositionInLine() + 1,
                                "brackets nested deeper than " + TraceParser.MAX_NESTING + " levels");
                    }
                }
                case TraceLexer.RBRACKET, TraceLexer.RSEQ, TraceLexer.RBRACE, TraceLexer.RPAREN -> depth = Math.max(0, depth - 1);
                default -> { }
            }
            if (refused) {
                // End the input here: the parser sees EOF and stops; the result carries the diagnostic.
                return lexer.getTokenFactory().create(new org.antlr.v4.runtime.misc.Pair<TokenSource, CharStream>(lexer, lexer.getInputStream()),
                        Token.EOF, "<EOF>", Token.DEFAULT_CHANNEL, t.getStartIndex(), t.getStartIndex() - 1,
                        t.getLine(), t.getCharPositionInLine());
            }
            return t;
        }
    }

    @Override
    public int getLine() {
        return lexer.getLine();
    }

    @Override
    public int getCharPositionInLine() {
        return lexer.getCharPositionInLine();
    }

    @Override
    public CharStream getInputStream() {
        return lexer.getInputStream();
    }

    @Override
    public String getSourceName() {
        return lexer.getSourceName();
    }

    @Override
    public void setTokenFactory(TokenFactory<?> factory) {
        lexer.setTokenFactory(factory);
    }

    @Override
    public TokenFactory<?> getTokenFactory() {
        return lexer.getTokenFactory();
    }
}
