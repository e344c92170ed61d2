package dev.netspec.trace;

import dev.netspec.trace.ast.Trace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The logic of {@code netspec fmt FILE...}: rewrite trace files in canonical form, or with
 * {@code check} only report the ones that are not. Directories are searched for
 * {@code *.trace} files. Formatting needs a file that parses; names and units are not
 * checked, so a scenario under construction can still be formatted.
 */
public final class Formatter {
    /** Every file was canonical (or has been rewritten). */
    public static final int OK = 0;
    /** With {@code check}: at least one file is not canonical. */
    public static final int NOT_CANONICAL = 1;
    /** At least one file could not be read or has syntax errors; it was left unchanged. */
    public static final int ERRORS = 2;

    private Formatter() {}

    /**
     * @param files files or directories
     * @param check report instead of rewrite
     * @param out   receives one line per file rewritten or not canonical
     * @param err   receives diagnostics
     * @return {@link #OK}, {@link #NOT_CANONICAL} or {@link #ERRORS} (the worst seen)
     */
    public static int run(List<Path> files, boolean check, PrintStream out, PrintStream err) {
        int status = OK;
        List<Path> expanded = new ArrayList<>();
        for (Path p : files) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".trace"))
                            .sorted().forEach(expanded::add);
                } catch (IOException | java.io.UncheckedIOException e) {
                    err.println(p + ": cannot list directory: " + e.getMessage());
                    status = ERRORS;
                }
            } else {
                expanded.add(p);
            }
        }
        for (Path file : expanded) {
            status = Math.max(status, formatOne(file, check, out, err));
        }
        return status;
    }

    private static int formatOne(Path file, boolean check, PrintStream out, PrintStream err) {
        var text = TraceParser.read(file);
        if (text.isEmpty()) {
            err.println(file + ": cannot read file" + (Files.exists(file) ? " as UTF-8 text" : ": no such file"));
            return ERRORS;
        }
        ParseResult parsed = TraceParser.parseSyntax(text.get(), file.toString());
        if (!parsed.diagnostics().isEmpty() || parsed.trace().isEmpty()) {
            err.print(parsed.render());
            return ERRORS;
        }
        Trace trace = parsed.trace().get();
        String canonical = TracePrinter.print(trace);
        if (canonical.equals(text.get())) {
            return OK;
        }
        // Defensive: never write text that means something else than the original.
        ParseResult again = TraceParser.parseSyntax(canonical, file.toString());
        if (again.trace().isEmpty() || !again.trace().get().equals(trace)) {
            err.println(file + ": internal error: the canonical form would change the file's meaning; file left unchanged");
            return ERRORS;
        }
        if (check) {
            out.println(file + ": not canonical (run netspec fmt " + file + ")");
            return NOT_CANONICAL;
        }
        try {
            Files.writeString(file, canonical, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println(file + ": cannot write: " + e.getMessage());
            return ERRORS;
        }
        out.println("formatted " + file);
        return OK;
    }
}
