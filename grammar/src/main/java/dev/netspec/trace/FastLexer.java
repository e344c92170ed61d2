package dev.netspec.trace;

import dev.netspec.trace.antlr.TraceLexer;
import java.util.HashMap;
import java.util.Map;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonTokenFactory;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenFactory;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.misc.Pair;

/**
 * A hand-written lexer that produces exactly the tokens of the lexer rules in Trace.g4
 * (same types, offsets, lines, columns and channels; skipped whitespace), several times
 * faster than ANTLR's generated lexer, which matters for recordings of millions of steps.
 * Trace.g4 stays the definition: {@code FastLexerTest} compares both lexers token by token
 * on generated, mutated and random inputs. Used only for text without surrogate pairs,
 * where string indexes and ANTLR's code-point indexes coincide.
 *
 * <p>Longest match wins, and among equally long matches the rule written first in the
 * grammar, as in ANTLR.
 */
final class FastLexer implements TokenSource {
    private static final Map<String, Integer> KEYWORDS = keywords();
    // The keywords again as an open-addressing table looked up by a range of the text, so an
    // identifier costs no substring (names in recordings are mostly keyword-length).
    private static final String[] KEYWORD_TABLE = new String[Integer.highestOneBit(KEYWORDS.size()) * 4];
    private static final int[] KEYWORD_TYPES = new int[KEYWORD_TABLE.length];

    static {
        int mask = KEYWORD_TABLE.length - 1;
        for (Map.Entry<String, Integer> e : KEYWORDS.entrySet()) {
            int slot = e.getKey().hashCode() & mask;
            while (KEYWORD_TABLE[slot] != null) {
                slot = (slot + 1) & mask;
            }
            KEYWORD_TABLE[slot] = e.getKey();
            KEYWORD_TYPES[slot] = e.getValue();
        }
    }

    private static final int MIN_KEYWORD = KEYWORDS.keySet().stream().mapToInt(String::length).min().orElse(0);
    private static final int MAX_KEYWORD = KEYWORDS.keySet().stream().mapToInt(String::length).max().orElse(0);

    private final String text;
    private final CharStream input;
    private final Pair<TokenSource, CharStream> source;
    private TokenFactory<?> factory = CommonTokenFactory.DEFAULT;
    private int index;
    private int line = 1;
    private int column;

    FastLexer(String text, CharStream input) {
        this.text = text;
        this.input = input;
        this.source = new Pair<>(this, input);
    }

    /** True when the fast lexer can take this text (no characters outside the BMP). */
    static boolean accepts(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Integer> keywords() {
        Map<String, Integer> k = new HashMap<>();
        for (int type = 1; type <= TraceLexer.VOCABULARY.getMaxTokenType(); type++) {
            String literal = TraceLexer.VOCABULARY.getLiteralName(type);
            if (literal != null && Character.isLetter(literal.charAt(1))) {
                k.put(literal.substring(1, literal.length() - 1), type);
            }
        }
        return k;
    }

    // The last token scanned, for callers that read tokens without Token objects
    // (DirectStepParser): type, [start, end) in the text, 1-based line, 0-based column.
    int type;
    int start;
    int end;
    int startLine;
    int startColumn;
    private int channel;

    @Override
    public Token nextToken() {
        scan();
        return factory.create(source, type, null, channel, start, end - 1, startLine, startColumn);
    }

    /** A token made from the last scan, as {@link #nextToken} would have returned it. */
    Token lastToken() {
        return factory.create(source, type, null, channel, start, end - 1, startLine, startColumn);
    }

    /** Where the next scan starts: character index, 1-based line, 0-based column (for {@link #restore}). */
    int index() {
        return index;
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }

    /** Goes back to a place read from {@link #index}, {@link #line} and {@link #column}. */
    void restore(int index, int line, int column) {
        this.index = index;
        this.line = line;
        this.column = column;
    }

    /**
     * Scans the next token (skipping whitespace) into {@link #type}, {@link #start},
     * {@link #end}, {@link #startLine} and {@link #startColumn}, without creating a Token.
     * Comments come out too (type COMMENT), as from {@link #nextToken}.
     */
    void scan() {
        while (true) {
            int n = text.length();
            startLine = line;
            startColumn = column;
            start = index;
            channel = Token.DEFAULT_CHANNEL;
            if (index >= n) {
                type = Token.EOF;
                end = index;
                return;
            }
            char c = text.charAt(index);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                int stop = index;
                while (stop < n && isSpace(text.charAt(stop))) {
                    stop++;
                }
                advance(stop);
                continue; // WS -> skip
            }
            if (isDigit(c)) {
                long m = number(index);
                type = (int) (m >>> 32);
                end = (int) m;
            } else if (isLetter(c) || c == '_') {
                int mac = mac(index);
                if (mac > 0) {
                    type = TraceLexer.MAC;
                    end = mac;
                } else {
                    end = index + 1;
                    while (end < n && (isLetter(text.charAt(end)) || isDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                        end++;
                    }
                    type = keyword(index, end);
                }
            } else if (c == '"') {
                long m = string(index);
                type = (int) (m >>> 32);
                end = (int) m;
            } else if (c == '/' && at(index + 1) == '/') {
                end = index + 2;
                while (end < n && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
                    end++;
                }
                type = TraceLexer.COMMENT;
                channel = Token.HIDDEN_CHANNEL;
            } else {
                long m = operator(index, c);
                type = (int) (m >>> 32);
                end = (int) m;
            }
            advance(end);
            return;
        }
    }

    /**
     * The keyword spelled by {@code text[from, to)}, or IDENT. Keywords are all lower or
     * upper case letters; names in recordings are mostly longer or mixed, so most lookups
     * end at the length check without creating a substring.
     */
    private int keyword(int from, int to) {
        int len = to - from;
        if (len < MIN_KEYWORD || len > MAX_KEYWORD) {
            return TraceLexer.IDENT;
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + text.charAt(i);
        }
        int mask = KEYWORD_TABLE.length - 1;
        for (int slot = h & mask; KEYWORD_TABLE[slot] != null; slot = (slot + 1) & mask) {
            String k = KEYWORD_TABLE[slot];
            if (k.length() == len && text.regionMatches(from, k, 0, len)) {
                return KEYWORD_TYPES[slot];
            }
        }
        return TraceLexer.IDENT;
    }

    /** Moves to {@code end}, keeping line and column as ANTLR does (only '\n' starts a line). */
    private void advance(int end) {
        for (int i = index; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 0;
            } else {
                column++;
            }
        }
        index = end;
    }

    private char at(int i) {
        return i < text.length() ? text.charAt(i) : '\0';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private int digits(int i) {
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** End of a MAC address starting at i, or -1. */
    private int mac(int i) {
        for (int group = 0; group < 6; group++) {
            if (!isHex(at(i)) || !isHex(at(i + 1)) || i + 1 >= text.length()) {
                return -1;
            }
            i += 2;
            if (group < 5) {
                if (at(i) != ':' || i >= text.length()) {
                    return -1;
                }
                i++;
            }
        }
        return i;
    }

    /** End of four dot-separated digit groups starting at i, or -1. */
    private int octets(int i) {
        for (int group = 0; group < 4; group++) {
            int end = digits(i);
            if (end == i) {
                return -1;
            }
            i = end;
            if (group < 3) {
                if (at(i) != '.' || i >= text.length()) {
                    return -1;
                }
                i++;
            }
        }
        return i;
    }

    private static long match(int type, int end) {
        return ((long) type << 32) | end;
    }

    /** Literals that start with a digit: the longest of MAC, ENDPOINT, PREFIX, IPV4, HEX, QUANTITY, NUMBER. */
    private long number(int start) {
        int best = -1;
        int bestType = 0;
        // In grammar order; a later rule wins only with a strictly longer match.
        int mac = mac(start);
        if (mac > best) {
            best = mac;
            bestType = TraceLexer.MAC;
        }
        int oct = octets(start);
        if (oct > 0) {
            if (at(oct) == ':' && oct < text.length() && isDigit(at(oct + 1)) && oct + 1 < text.length()) {
                int end = digits(oct + 1);
                if (end > best) {
                    best = end;
                    bestType = TraceLexer.ENDPOINT;
                }
            }
            if (at(oct) == '/' && oct < text.length() && isDigit(at(oct + 1)) && oct + 1 < text.length()) {
                int end = digits(oct + 1);
                if (end > best) {
                    best = end;
                    bestType = TraceLexer.PREFIX;
                }
            }
            if (oct > best) {
                best = oct;
                bestType = TraceLexer.IPV4;
            }
        }
        if (text.charAt(start) == '0' && at(start + 1) == 'x' && start + 2 < text.length() && isHex(at(start + 2))) {
            int end = start + 2;
            while (end < text.length() && isHex(text.charAt(end))) {
                end++;
            }
            if (end > best) {
                best = end;
                bestType = TraceLexer.HEX;
            }
        }
        int num = digits(start);
        if (at(num) == '.' && num < text.length() && num + 1 < text.length() && isDigit(at(num + 1))) {
            num = digits(num + 1);
        }
        int unit = num;
        while (unit < text.length() && isLetter(text.charAt(unit))) {
            unit++;
        }
        if (unit == num && at(num) == '%' && num < text.length()) {
            unit = num + 1;
        }
        if (unit > num && unit > best) {
            best = unit;
            bestType = TraceLexer.QUANTITY;
        }
        if (num > best) {
            best = num;
            bestType = TraceLexer.NUMBER;
        }
        return match(bestType, best);
    }

    /** STRING, BAD_ESCAPE_STRING or UNTERMINATED_STRING starting at the quote. */
    private long string(int start) {
        int i = start + 1;
        boolean badEscape = false;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"') {
                return match(badEscape ? TraceLexer.BAD_ESCAPE_STRING : TraceLexer.STRING, i + 1);
            }
            if (c == '\r' || c == '\n') {
                break;
            }
            if (c == '\\') {
                if (i + 1 >= n || text.charAt(i + 1) == '\r' || text.charAt(i + 1) == '\n') {
                    break;
                }
                if ("\"\\nrt".indexOf(text.charAt(i + 1)) < 0) {
                    badEscape = true;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return match(TraceLexer.UNTERMINATED_STRING, i);
    }

    private long operator(int i, char c) {
        char next = at(i + 1);
        boolean hasNext = i + 1 < text.length();
        return switch (c) {
            case '|' -> hasNext && next == '-' && i + 2 < text.length() && at(i + 2) == '>'
                    ? match(TraceLexer.MAPSTO, i + 3) : match(TraceLexer.BAD_CHAR, i + 1);
            case '<' -> {
                if (hasNext && next == '-' && i + 2 < text.length() && at(i + 2) == '>') {
                    yield match(TraceLexer.LINKSEP, i + 3);
                }
                if (hasNext && next == '<') {
                    yield match(TraceLexer.LSEQ, i + 2);
                }
                yield hasNext && next == '=' ? match(TraceLexer.LE, i + 2) : match(TraceLexer.LT, i + 1);
            }
            case '>' -> hasNext && next == '>' ? match(TraceLexer.RSEQ, i + 2)
                    : hasNext && next == '=' ? match(TraceLexer.GE, i + 2) : match(TraceLexer.GT, i + 1);
            case '=' -> hasNext && next == '=' ? match(TraceLexer.EQEQ, i + 2) : match(TraceLexer.EQ, i + 1);
            case '!' -> hasNext && next == '=' ? match(TraceLexer.NEQ, i + 2) : match(TraceLexer.BAD_CHAR, i + 1);
            case '.' -> hasNext && next == '.' ? match(TraceLexer.RANGE, i + 2) : match(TraceLexer.DOT, i + 1);
            case ',' -> match(TraceLexer.COMMA, i + 1);
            case ':' -> match(TraceLexer.COLON, i + 1);
            case '/' -> match(TraceLexer.SLASH, i + 1);
            case '@' -> match(TraceLexer.AT, i + 1);
            case '+' -> match(TraceLexer.PLUS, i + 1);
            case '-' -> match(TraceLexer.MINUS, i + 1);
            case '(' -> match(TraceLexer.LPAREN, i + 1);
            case ')' -> match(TraceLexer.RPAREN, i + 1);
            case '{' -> match(TraceLexer.LBRACE, i + 1);
            case '}' -> match(TraceLexer.RBRACE, i + 1);
            case '[' -> match(TraceLexer.LBRACKET, i + 1);
            case ']' -> match(TraceLexer.RBRACKET, i + 1);
            default -> match(TraceLexer.BAD_CHAR, i + 1);
        };
    }

    @Override
    public int getLine() {
        return line;
    }

    @Override
    public int getCharPositionInLine() {
        return column;
    }

    @Override
    public CharStream getInputStream() {
        return input;
    }

    @Override
    public String getSourceName() {
        return input.getSourceName();
    }

    @Override
    public void setTokenFactory(TokenFactory<?> factory) {
        this.factory = factory;
    }

    @Override
    public TokenFactory<?> getTokenFactory() {
        return factory;
    }
}
