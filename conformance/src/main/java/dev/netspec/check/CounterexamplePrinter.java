package dev.netspec.check;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints a counterexample for a reader: each state as a {@code variable | value} table headed by its
 * number and the action that produced it, a {@code *} beside every value that changed since the
 * previous state, and, for a lasso, where the loop goes:
 * {@code -- loop: back to state 3 (by Step) --} or {@code -- loop: stutters in state 7 forever --}.
 * Long values are wrapped at commas to the line width; a value longer than {@link #MAX_VALUE_LINES}
 * lines is cut and says how much was left out.
 */
public final class CounterexamplePrinter {

    public static final int DEFAULT_WIDTH = 100;
    static final int MAX_VALUE_LINES = 8;
    private static final Pattern LOCATION = Pattern.compile("line (\\d+), col (\\d+) to line \\d+, col \\d+ of module (\\S+)");

    private CounterexamplePrinter() {}

    public static void print(Trace trace, PrintWriter out) {
        print(trace, out, DEFAULT_WIDTH);
    }

    public static void print(Trace trace, PrintWriter out, int width) {
        out.print(render(trace, width));
        out.flush();
    }

    /** Prints the behaviour that led TLC to an evaluation error: the same tables under another title. */
    public static void printBehaviourBeforeError(Trace trace, PrintWriter out) {
        out.print(render(trace, DEFAULT_WIDTH, "Behaviour up to the error"));
        out.flush();
    }

    public static String render(Trace trace, int width) {
        return render(trace, width, "Counterexample");
    }

    static String render(Trace trace, int width, String title) {
        StringBuilder sb = new StringBuilder();
        List<TraceState> states = trace.states();
        String shape = switch (trace.end()) {
            case Trace.End.Finite f -> "";
            case Trace.End.BackTo b -> ", a lasso looping back to state " + b.state();
            case Trace.End.Stuttering s -> ", a lasso stuttering in its last state";
        };
        sb.append(title).append(": ").append(states.size()).append(states.size() == 1 ? " state" : " states")
                .append(shape).append(" (* = changed by the step)\n");
        int nameWidth = "variable".length();
        for (TraceState s : states) {
            for (String v : s.variables().keySet()) {
                nameWidth = Math.max(nameWidth, v.length());
            }
        }
        int valueWidth = Math.max(20, width - nameWidth - 7);
        Map<String, String> previous = null;
        for (TraceState s : states) {
            sb.append('\n').append("State ").append(s.number()).append(": ").append(s.action());
            String where = shortLocation(s.location());
            if (!where.isEmpty()) {
                sb.append("  (").append(where).append(')');
            }
            sb.append('\n');
            sb.append("    ").append(pad("variable", nameWidth)).append(" | value\n");
            sb.append("    ").append("-".repeat(nameWidth)).append("-+-").append("-".repeat(Math.min(valueWidth, 40))).append('\n');
            for (Map.Entry<String, String> v : s.variables().entrySet()) {
                boolean changed = previous != null && !v.getValue().equals(previous.get(v.getKey()));
                List<String> lines = wrap(v.getValue(), valueWidth);
                for (int i = 0; i < lines.size(); i++) {
                    sb.append(i == 0 && changed ? "  * " : "    ")
                            .append(pad(i == 0 ? v.getKey() : "", nameWidth)).append(" | ").append(lines.get(i)).append('\n');
                }
            }
            previous = s.variables();
        }
        switch (trace.end()) {
            case Trace.End.Finite f -> { }
            case Trace.End.BackTo b -> {
                sb.append("\n-- loop: back to state ").append(b.state());
                if (!b.action().isEmpty()) {
                    sb.append(" (by ").append(b.action()).append(')');
                }
                sb.append(", and around again forever --\n");
            }
            case Trace.End.Stuttering s -> sb.append("\n-- loop: stutters in state ")
                    .append(states.get(states.size() - 1).number()).append(" forever --\n");
        }
        return sb.toString();
    }

    /** "line 7, col 8 to line 7, col 43 of module Counter" becomes "Counter.tla:7:8". */
    static String shortLocation(String location) {
        Matcher m = LOCATION.matcher(location);
        return m.find() ? m.group(3) + ".tla:" + m.group(1) + ":" + m.group(2) : location;
    }

    /** Splits a value into lines of at most {@code width}, preferring breaks after ", ". */
    static List<String> wrap(String value, int width) {
        List<String> lines = new ArrayList<>();
        int i = 0;
        while (i < value.length()) {
            if (lines.size() == MAX_VALUE_LINES) {
                String last = lines.remove(lines.size() - 1);
                int left = value.length() - i + last.length();
                lines.add("... (" + left + " more characters)");
                break;
            }
            int end = Math.min(value.length(), i + width);
            if (end < value.length()) {
                int comma = value.lastIndexOf(", ", end - 1);
                if (comma >= i + width / 3) {
                    end = comma + 1;
                }
            }
            lines.add(value.substring(i, end).strip());
            i = end;
            while (i < value.length() && value.charAt(i) == ' ') {
                i++;
            }
        }
        if (lines.isEmpty()) {
            lines.add("");
        }
        return lines;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
