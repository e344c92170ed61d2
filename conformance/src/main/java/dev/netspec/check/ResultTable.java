package dev.netspec.check;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outcome table of a check: one line per configuration with its status, module, configuration,
 * expected and actual outcome, distinct states (with the recorded count beside it when they differ),
 * distinct states per second and wall-clock time (JVM start-up included).
 */
public final class ResultTable {

    private static final int MAX_ACTUAL = 60;

    private ResultTable() {}

    public static void print(List<CheckRow> rows, boolean strictStates, PrintWriter out) {
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"status", "module", "configuration", "expected", "actual", "distinct", "states/s", "time"});
        for (CheckRow row : rows) {
            cells.add(new String[] {
                    status(row, strictStates),
                    row.entry().module(),
                    row.entry().config(),
                    row.entry().expected().describe(),
                    clip(row.result().outcome().describe()),
                    distinct(row),
                    row.statesPerSecond() > 0 ? String.format(Locale.ROOT, "%,.0f", row.statesPerSecond()) : "-",
                    String.format(Locale.ROOT, "%.1fs", row.result().duration().toMillis() / 1000.0)});
        }
        int[] widths = new int[cells.get(0).length];
        for (String[] line : cells) {
            for (int c = 0; c < line.length; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        boolean[] rightAligned = {false, false, false, false, false, true, true, true};
        for (int r = 0; r < cells.size(); r++) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                String s = cells.get(r)[c];
                String padding = " ".repeat(widths[c] - s.length());
                sb.append(rightAligned[c] ? padding + s : s + padding).append(c + 1 < widths.length ? "  " : "");
            }
            out.println(sb.toString().stripTrailing());
            if (r == 0) {
                int total = 0;
                for (int w : widths) {
                    total += w + 2;
                }
                out.println("-".repeat(total - 2));
            }
        }
        out.flush();
    }

    /**
     * The same rows as a Markdown table (for BENCHMARKS.md): module, configuration, tier, expected,
     * actual, distinct states, distinct states per second and wall-clock time.
     */
    public static void markdown(List<CheckRow> rows, PrintWriter out) {
        out.println("| module | configuration | tier | expected | actual | distinct states | states/s | time |");
        out.println("|---|---|---|---|---|---:|---:|---:|");
        for (CheckRow row : rows) {
            long n = row.result().distinctStates();
            out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %.1f s |%n",
                    row.entry().module(), row.entry().config(), row.entry().tier().name().toLowerCase(Locale.ROOT),
                    row.entry().expected().describe(), clip(row.result().outcome().describe()),
                    n < 0 ? "-" : String.format(Locale.ROOT, "%,d", n),
                    row.statesPerSecond() > 0 ? String.format(Locale.ROOT, "%,.0f", row.statesPerSecond()) : "-",
                    row.result().duration().toMillis() / 1000.0);
        }
        out.flush();
    }

    static String status(CheckRow row, boolean strictStates) {
        return switch (row.verdict()) {
            case OK -> "ok";
            case STATES_DIFFER -> strictStates ? "STATES" : "ok*";
            case UNEXPECTED -> "UNEXPECTED";
            case ERROR -> "ERROR";
        };
    }

    static String distinct(CheckRow row) {
        long n = row.result().distinctStates();
        String count = n < 0 ? "-" : String.format(Locale.ROOT, "%,d", n);
        if (!row.statesAsRecorded()) {
            count += String.format(Locale.ROOT, " (recorded %,d)", row.entry().states().getAsLong());
        }
        return count;
    }

    private static String clip(String s) {
        return s.length() <= MAX_ACTUAL ? s : s.substring(0, MAX_ACTUAL - 3) + "...";
    }
}
