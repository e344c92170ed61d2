package dev.netspec.trace;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.IntStream;
import org.antlr.v4.runtime.misc.Interval;

/**
 * A {@link CharStream} that reads the file's {@code String} in place. ANTLR's own
 * {@code CharStreams.fromString} copies the text into a code-point buffer first: for a
 * recording of 165 MB that is another 165 MB (or more) held for the whole parse, only so
 * that tokens can answer {@code getText()}.
 *
 * <p>Valid only for text without surrogate pairs, where a {@code String} index is the
 * code-point index ANTLR expects; {@link TraceParser} uses it exactly when it uses
 * {@link FastLexer}, which has the same condition. ANTLR's generated lexer is never run
 * over it, so {@link #consume}, {@link #LA} and {@link #seek} only need to be correct, not fast.
 */
final class StringCharStream implements CharStream {
    private final String text;
    private final String name;
    private int index;

    StringCharStream(String text, String name) {
        this.text = text;
        this.name = name;
    }

    @Override
    public String getText(Interval interval) {
        int start = Math.max(0, interval.a);
        int stop = Math.min(interval.b, text.length() - 1);
        return start > stop ? "" : text.substring(start, stop + 1);
    }

    @Override
    public void consume() {
        if (index >= text.length()) {
            throw new IllegalStateException("cannot consume EOF");
        }
        index++;
    }

    @Override
    public int LA(int i) {
        if (i == 0) {
            return 0; // undefined by the contract
        }
        int at = i > 0 ? index + i - 1 : index + i;
        return at < 0 || at >= text.length() ? IntStream.EOF : text.charAt(at);
    }

    @Override
    public int mark() {
        return -1; // the whole text is in memory: nothing to keep
    }

    @Override
    public void release(int marker) {}

    @Override
    public int index() {
        return index;
    }

    @Override
    public void seek(int index) {
        this.index = Math.min(Math.max(0, index), text.length());
    }

    @Override
    public int size() {
        return text.length();
    }

    @Override
    public String getSourceName() {
        return name == null || name.isEmpty() ? IntStream.UNKNOWN_SOURCE_NAME : name;
    }
}
