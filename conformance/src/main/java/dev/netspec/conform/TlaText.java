package dev.netspec.conform;

/**
 * Comparing TLA+ values as text. Recorded fields come from the abstraction functions, spec states
 * from TLC's printer; both write the same values, but spacing and line breaks may differ, so values
 * are compared with white space outside string literals removed, the elements of sets sorted and
 * deduplicated and the fields of records sorted by name (TLC may print a set or record in another
 * order than an abstraction wrote it). (Exact equality is TLC's job in the validation run; this is
 * for diagnosis and for comparing replayed states.)
 */
final class TlaText {
    private TlaText() {
    }

    static String canonical(String value) {
        return normalise(stripSpace(value));
    }

    private static String normalise(String s) {
        if (s.startsWith("{") && closesAtEnd(s)) {
            java.util.TreeSet<String> items = new java.util.TreeSet<>();
            for (String item : splitTop(s.substring(1, s.length() - 1))) {
                items.add(normalise(item));
            }
            return "{" + String.join(",", items) + "}";
        }
        if (s.startsWith("<<") && closesAtEnd(s)) {
            java.util.List<String> items = new java.util.ArrayList<>();
            for (String item : splitTop(s.substring(2, s.length() - 2))) {
                items.add(normalise(item));
            }
            return "<<" + String.join(",", items) + ">>";
        }
        if (s.startsWith("[") && closesAtEnd(s)) {
            java.util.TreeMap<String, String> fields = new java.util.TreeMap<>();
            for (String f : splitTop(s.substring(1, s.length() - 1))) {
                int arrow = f.indexOf("|->");
                if (arrow < 0 || f.startsWith("\"")) {
                    return s; // not a record literal: leave it as written
                }
                fields.put(f.substring(0, arrow), normalise(f.substring(arrow + 3)));
            }
            StringBuilder b = new StringBuilder("[");
            fields.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append(k).append("|->").append(v));
            return b.append(']').toString();
        }
        return s;
    }

    /** Whether the bracket that opens {@code s} closes at its last character. */
    private static boolean closesAtEnd(String s) {
        return scan(s, ",").firstClose() == s.length() - 1;
    }

    /** Where one pass outside string literals found the separator at depth 0, and where depth first returned to 0 (-1: never). */
    private record Scan(java.util.List<Integer> separators, int firstClose) {}

    private static Scan scan(String s, String sep) {
        java.util.List<Integer> separators = new java.util.ArrayList<>();
        int firstClose = -1;
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            int step = bracket(s, i);
            if (c == '"') {
                inString = true;
            } else if (step != 0) {
                depth += Integer.signum(step);
                i += Math.abs(step) == 2 ? 1 : 0;
                if (depth == 0 && firstClose < 0) {
                    firstClose = i;
                }
            } else if (depth == 0 && s.startsWith(sep, i)) {
                separators.add(i);
                i += sep.length() - 1;
            }
        }
        return new Scan(separators, firstClose);
    }

    /** +1 / -1 for a one-character bracket at i, +2 / -2 for {@code <<} / {@code >>}, else 0. */
    private static int bracket(String s, int i) {
        char c = s.charAt(i);
        if (s.startsWith("<<", i)) {
            return 2;
        }
        if (s.startsWith(">>", i)) {
            return -2;
        }
        return switch (c) {
            case '{', '[', '(' -> 1;
            case '}', ']', ')' -> -1;
            default -> 0;
        };
    }

    /** The comma-separated items of a bracket's inside, at the top level only (none for an empty inside). */
    private static java.util.List<String> splitTop(String inside) {
        return inside.isEmpty() ? new java.util.ArrayList<>() : splitTop(inside, ",");
    }

    /**
     * {@code s} split at each {@code sep} outside brackets ({@code () [] {} << >>}) and string
     * literals; one item (all of {@code s}) when there is none.
     */
    static java.util.List<String> splitTop(String s, String sep) {
        java.util.List<String> items = new java.util.ArrayList<>();
        int start = 0;
        for (int at : scan(s, sep).separators()) {
            items.add(s.substring(start, at));
            start = at + sep.length();
        }
        items.add(s.substring(start));
        return items;
    }

    private static String stripSpace(String value) {
        StringBuilder b = new StringBuilder(value.length());
        boolean inString = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (inString) {
                b.append(c);
                if (c == '\\' && i + 1 < value.length()) {
                    b.append(value.charAt(++i));
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                b.append(c);
            } else if (!Character.isWhitespace(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    static boolean same(String a, String b) {
        return canonical(a).equals(canonical(b));
    }

    /** A TLA+ string literal for {@code s}. */
    static String string(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** A value the configuration file can hold directly (TLC's .cfg takes only simple values). */
    static boolean cfgValue(String v) {
        String s = v.strip();
        return s.matches("-?\\d+|TRUE|FALSE|\"[^\"\\\\]*\"|[A-Za-z_][A-Za-z0-9_]*|\\{\\s*([A-Za-z_][A-Za-z0-9_]*|-?\\d+|\"[^\"\\\\]*\")"
                + "(\\s*,\\s*([A-Za-z_][A-Za-z0-9_]*|-?\\d+|\"[^\"\\\\]*\"))*\\s*}|\\{\\s*}");
    }
}
