package dev.netspec.trace;

import dev.netspec.trace.ast.Trace;
import java.util.List;
import java.util.Optional;

/**
 * What parsing a file gives: the AST (absent when the file has syntax errors) and every
 * diagnostic found, sorted by position. A file is usable when {@link #ok()}.
 */
public record ParseResult(Optional<Trace> trace, List<Diagnostic> diagnostics) {
    public ParseResult {
        diagnostics = diagnostics.stream().sorted().toList();
    }

    public boolean ok() {
        return trace.isPresent() && diagnostics.isEmpty();
    }

    /** All diagnostics rendered, separated by newlines; "" when there are none. */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            out.append(d.render()).append('\n');
        }
        return out.toString();
    }
}
