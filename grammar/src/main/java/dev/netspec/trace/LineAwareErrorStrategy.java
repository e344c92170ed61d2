package dev.netspec.trace;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.Token;

/**
 * ANTLR's recovery, minus one move: it never deletes the first token of a new line to
 * repair the line before. A statement cut short at the end of a line ({@code socket(tcp})
 * is then repaired by conjuring the missing token, and the next line parses as the new
 * statement it is, instead of being eaten and reported as a second, false error.
 */
final class LineAwareErrorStrategy extends DefaultErrorStrategy {
    @Override
    protected Token singleTokenDeletion(Parser recognizer) {
        Token current = recognizer.getCurrentToken();
        Token previous = recognizer.getTokenStream().LT(-1);
        if (previous != null && current.getLine() > previous.getLine()) {
            return null;
        }
        return super.singleTokenDeletion(recognizer);
    }
}
