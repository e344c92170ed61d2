package dev.netspec.trace;

/**
 * One error in a trace file, in the form compilers use: {@code file:line:col: message},
 * followed by the offending source line and a caret under the column.
 *
 * @param file       the file name as given to the parser
 * @param line       1-based line
 * @param column     1-based column
 * @param message    what is wrong, phrased for the person who wrote the file
 * @param sourceLine the text of that line (without its line terminator), or "" if unknown
 */
public record Diagnostic(String file, int line, int column, String message, String sourceLine)
        implements Comparable<Diagnostic> {

    /** {@code file:line:col: message} */
    public String headline() {
        return file + ":" + line + ":" + column + ": " + message;
    }

    /**
     * The headline, the source line and a caret. The caret line copies the tabs of the
     * source line so that the caret sits under the right character in any tab width.
     */
    public String render() {
        StringBuilder out = new StringBuilder(headline());
        if (!sourceLine.isEmpty()) {
            out.append('\n').append(sourceLine).append('\n');
            int upTo = Math.min(Math.max(column - 1, 0), sourceLine.length());
            for (int i = 0; i < upTo; i++) {
                out.append(sourceLine.charAt(i) == '\t' ? '\t' : ' ');
            }
            out.append('^');
        }
        return out.toString();
    }

    /** Order by file, then line, then column, so reports read top to bottom. */
    @Override
    public int compareTo(Diagnostic other) {
        int byFile = file.compareTo(other.file);
        if (byFile != 0) {
            return byFile;
        }
        int byLine = Integer.compare(line, other.line);
        return byLine != 0 ? byLine : Integer.compare(column, other.column);
    }
}
