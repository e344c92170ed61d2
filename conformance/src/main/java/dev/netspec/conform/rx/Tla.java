package dev.netspec.conform.rx;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** TLA+ value syntax for the abstraction's values (as TLC prints them, so diffs read the same). */
final class Tla {
    private Tla() {
    }

    static String bool(boolean b) {
        return b ? "TRUE" : "FALSE";
    }

    static String str(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static String seq(List<?> items) {
        return items.stream().map(String::valueOf).collect(Collectors.joining(", ", "<<", ">>"));
    }

    /** A set of strings, sorted so equal sets print the same. */
    static String stringSet(Collection<String> items) {
        return new TreeSet<>(items).stream().map(Tla::str).collect(Collectors.joining(", ", "{", "}"));
    }
}
