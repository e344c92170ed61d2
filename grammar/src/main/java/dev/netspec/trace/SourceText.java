package dev.netspec.trace;

import java.util.Arrays;

/** A file's text with a line index, so diagnostics can quote the line they point at. */
public final class SourceText {
    private final String name;
    private final String text;
    private int[] lineStarts;

    public SourceText(String name, String text) {
        this.name = name;
        this.text = text;
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    /** The 1-based line's text without its terminator, or "" if out of range. */
    public String line(int line) {
        int[] starts = lineStarts();
        if (line < 1 || line > starts.length) {
            return "";
        }
        int start = starts[line - 1];
        int end = line < starts.length ? starts[line] : text.length();
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
            end--;
        }
        return text.substring(start, end);
    }

    /** A diagnostic at a 1-based line and column of this file. */
    public Diagnostic diagnostic(int line, int column, String message) {
        return new Diagnostic(name, line, column, message, line(line));
    }

    // Built on first use: files without errors never pay for it.
    private int[] lineStarts() {
        if (lineStarts == null) {
            int[] starts = new int[16];
            int count = 0;
            starts[count++] = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    if (count == starts.length) {
                        starts = Arrays.copyOf(starts, count * 2);
                    }
                    starts[count++] = i + 1;
                }
            }
            lineStarts = Arrays.copyOf(starts, count);
        }
        return lineStarts;
    }
}
