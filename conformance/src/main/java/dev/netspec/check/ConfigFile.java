package dev.netspec.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The text of a TLC configuration file, just enough to list its PROPERTY names and to derive a copy
 * that checks one property only. The list itself comes from TLC's own parser
 * ({@code tlc2.tool.impl.ModelConfig}, see {@link TlcConfigs}); this class does the text surgery.
 *
 * <p>The surgery blanks every {@code PROPERTY}/{@code PROPERTIES} section (the keyword and the names up
 * to the next keyword), keeping comments and strings intact as TLC's lexer sees them ({@code \*} line
 * comments, nested {@code (* *)} comments, {@code "..."} strings), and appends {@code PROPERTY p}.
 */
public final class ConfigFile {

    /** The section keywords of TLC 2.18's configuration language ({@code ModelConfig.ALL_KEYWORDS}). */
    static final Set<String> KEYWORDS = Set.of("CONSTANT", "CONSTANTS", "CONSTRAINT", "CONSTRAINTS",
            "ACTION_CONSTRAINT", "ACTION_CONSTRAINTS", "INVARIANT", "INVARIANTS", "INIT", "NEXT", "VIEW", "SYMMETRY",
            "SPECIFICATION", "PROPERTY", "PROPERTIES", "TYPE", "TYPE_CONSTRAINT", "CHECK_DEADLOCK");

    private record Word(int start, int end, String text) {}

    private final String text;
    private final List<Word> words;

    public ConfigFile(String text) {
        this.text = text;
        this.words = words(text);
    }

    /** The names listed under PROPERTY / PROPERTIES, in file order. */
    public List<String> properties() {
        List<String> names = new ArrayList<>();
        boolean inProperties = false;
        for (Word w : words) {
            if (KEYWORDS.contains(w.text())) {
                inProperties = w.text().equals("PROPERTY") || w.text().equals("PROPERTIES");
            } else if (inProperties) {
                names.add(w.text());
            }
        }
        return names;
    }

    /** This configuration with its PROPERTY sections replaced by {@code PROPERTY property}. */
    public String withOnlyProperty(String property) {
        char[] out = text.toCharArray();
        for (int i = 0; i < words.size(); i++) {
            Word w = words.get(i);
            if (!w.text().equals("PROPERTY") && !w.text().equals("PROPERTIES")) {
                continue;
            }
            int end = text.length();
            for (int j = i + 1; j < words.size(); j++) {
                if (KEYWORDS.contains(words.get(j).text())) {
                    end = words.get(j).start();
                    break;
                }
            }
            for (int k = w.start(); k < end; k++) {
                if (out[k] != '\n' && out[k] != '\r') {
                    out[k] = ' ';
                }
            }
        }
        String kept = new String(out);
        return kept + (kept.endsWith("\n") ? "" : "\n")
                + "\\* netspec check: this copy checks one property, to name the one TLC found violated\n"
                + "PROPERTY " + property + "\n";
    }

    /**
     * The identifier-like words of TLA+ or configuration text, outside comments and strings (both
     * languages share {@code \*} and nested {@code (* *)} comments and {@code "..."} strings).
     */
    static Set<String> identifiers(String text) {
        Set<String> result = new java.util.HashSet<>();
        for (Word w : words(text)) {
            result.add(w.text());
        }
        return result;
    }

    /** Identifier-like words outside comments and strings, with their offsets. */
    private static List<Word> words(String s) {
        List<Word> result = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < n && s.charAt(i + 1) == '*') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '(' && i + 1 < n && s.charAt(i + 1) == '*') {
                int depth = 0;
                while (i < n) {
                    if (s.startsWith("(*", i)) {
                        depth++;
                        i += 2;
                    } else if (s.startsWith("*)", i)) {
                        depth--;
                        i += 2;
                        if (depth == 0) {
                            break;
                        }
                    } else {
                        i++;
                    }
                }
            } else if (c == '"') {
                i++;
                while (i < n && s.charAt(i) != '"') {
                    i += s.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                result.add(new Word(start, i, s.substring(start, i)));
            } else {
                i++;
            }
        }
        return result;
    }
}
