package dev.netspec.conform;

/**
 * Comparing TLA+ values as text. Recorded fields come from the abstraction functions, spec states
 * from TLC's printer; both write the same values, but spacing and line breaks may differ, so values
 * are compared with white space outside string literals removed. (Exact equality is TLC's job in
 * the validation run; this is for diagnosis and for comparing replayed states.)
 */
final class TlaText {
    private TlaText() {
    }

    static String canonical(String value) {
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
