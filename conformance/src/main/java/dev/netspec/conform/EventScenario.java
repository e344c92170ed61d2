package dev.netspec.conform;

import dev.netspec.trace.Diagnostic;
import dev.netspec.trace.ParseResult;
import dev.netspec.trace.TracePrinter;
import dev.netspec.trace.TraceParser;
import dev.netspec.trace.ast.Action;
import dev.netspec.trace.ast.Arg;
import dev.netspec.trace.ast.Binding;
import dev.netspec.trace.ast.CompareOp;
import dev.netspec.trace.ast.Item;
import dev.netspec.trace.ast.Observable;
import dev.netspec.trace.ast.Pos;
import dev.netspec.trace.ast.Trace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A scenario that drives a spec module's actions directly (Contract 3): {@code spec M with K = v},
 * then one {@code event Action(args)} per step, each followed by {@code expect var == value} lines
 * for the spec state after it; {@code expect} lines before the first event describe the initial
 * state. {@code netspec explore} and {@code netspec check --emit-scenario} write them, people may
 * too; the {@link Replayer} of M performs them on the stack.
 *
 * @param name the scenario's name (its {@code scenario} line, else the file name)
 * @param module M
 * @param constants M's constants as TLA+ expressions
 * @param initial expected initial state
 * @param steps the events in order
 */
public record EventScenario(String name, Path file, String module, Map<String, String> constants,
        Map<String, String> initial, List<Step> steps) {

    /** One event and the state expected after it. */
    public record Step(String action, List<String> args, Map<String, String> expected, Pos pos,
            Map<String, Pos> expectPos) {}

    /** True if the parsed file is an event scenario: it names a spec, declares no host and has events. */
    public static boolean isEventScenario(Trace trace) {
        boolean spec = false;
        boolean events = false;
        for (Item item : trace.items()) {
            switch (item) {
                case Item.SpecRef s -> spec = true;
                case Item.Host h -> {
                    return false;
                }
                case Item.Timed t when t.action() instanceof Action.Event -> events = true;
                default -> { }
            }
        }
        return spec && events;
    }

    /** Reads an event scenario; the error list holds file:line:col messages when it is not one. */
    public static Result read(Path file) {
        ParseResult parsed = TraceParser.parse(file);
        if (!parsed.ok() || parsed.trace().isEmpty()) {
            return new Result(Optional.empty(), parsed.diagnostics().stream().map(Diagnostic::headline).toList());
        }
        return from(parsed.trace().get(), file);
    }

    public record Result(Optional<EventScenario> scenario, List<String> errors) {}

    static Result from(Trace trace, Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.trace$", "");
        String module = null;
        Map<String, String> constants = new LinkedHashMap<>();
        Map<String, String> initial = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        String action = null;
        List<String> args = List.of();
        Pos pos = Pos.NONE;
        Map<String, String> expected = new LinkedHashMap<>();
        Map<String, Pos> expectPos = new LinkedHashMap<>();
        for (Item item : trace.items()) {
            switch (item) {
                case Item.Scenario s -> name = s.name();
                case Item.SpecRef s -> {
                    module = s.module();
                    for (Binding b : s.constants()) {
                        constants.put(b.name(), TracePrinter.print(b.value()));
                    }
                }
                case Item.Timed t -> {
                    switch (t.action()) {
                        case Action.Event e -> {
                            if (action != null) {
                                steps.add(new Step(action, args, expected, pos, expectPos));
                            }
                            action = e.name();
                            args = e.args().stream().map(EventScenario::arg).toList();
                            pos = e.pos();
                            expected = new LinkedHashMap<>();
                            expectPos = new LinkedHashMap<>();
                        }
                        case Action.Expect x -> {
                            if (x.mode() != Action.Expect.Mode.NOW || x.op() != CompareOp.EQ
                                    || !(x.observable() instanceof Observable.Current c) || !c.path().segments().isEmpty()) {
                                errors.add(x.pos() + ": an event scenario expects a spec variable's value: expect var == value");
                            } else if (action == null) {
                                initial.put(c.path().head(), fromScenario(TracePrinter.print(x.expected())));
                            } else {
                                expected.put(c.path().head(), fromScenario(TracePrinter.print(x.expected())));
                                expectPos.put(c.path().head(), x.pos());
                            }
                        }
                        default -> errors.add(t.pos() + ": an event scenario holds events and expectations only");
                    }
                }
                case Item.Host h -> errors.add(h.pos() + ": an event scenario drives the spec's actions, not hosts");
                default -> { }
            }
        }
        if (action != null) {
            steps.add(new Step(action, args, expected, pos, expectPos));
        }
        if (module == null) {
            errors.add(file + ": an event scenario names its module: spec M with K = v, ...");
        }
        if (!errors.isEmpty()) {
            return new Result(Optional.empty(), errors);
        }
        return new Result(Optional.of(new EventScenario(name, file, module, constants, initial, steps)), List.of());
    }

    private static String arg(Arg a) {
        return a.name().map(n -> n + " = ").orElse("") + TracePrinter.print(a.value());
    }

    /** The behaviour as the replayer takes it. */
    public List<Replayer.SpecStep> behaviour() {
        return steps.stream().map(s -> new Replayer.SpecStep(s.action(), s.expected())).toList();
    }

    /**
     * Writes a spec behaviour as an event scenario. {@code comments} go first (what it is, where it
     * came from); {@code marks} puts a comment line before the step of that index (0-based), e.g.
     * where a lasso's loop starts.
     */
    public static String write(String name, String module, Map<String, String> constants, Map<String, String> initial,
            List<Replayer.SpecStep> steps, List<String> comments, Map<Integer, String> marks) {
        StringBuilder b = new StringBuilder();
        for (String c : comments) {
            b.append("// ").append(c).append('\n');
        }
        b.append("scenario ").append(TlaText.string(name)).append('\n');
        b.append("spec ").append(module);
        if (!constants.isEmpty()) {
            b.append(" with ").append(constants.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue())
                    .collect(Collectors.joining(", ")));
        }
        b.append("\n\n// initial state\n");
        initial.forEach((k, v) -> b.append("expect ").append(k).append(" == ").append(toScenario(v)).append('\n'));
        for (int i = 0; i < steps.size(); i++) {
            Replayer.SpecStep s = steps.get(i);
            b.append('\n');
            if (marks.containsKey(i)) {
                b.append("// ").append(marks.get(i)).append('\n');
            }
            b.append("event ").append(s.action()).append("   // step ").append(i + 1).append('\n');
            s.stateAfter().forEach((k, v) -> b.append("expect ").append(k).append(" == ").append(toScenario(v)).append('\n'));
        }
        return b.toString();
    }

    /** The record field that carries a TLA+ function the trace language has no literal for. */
    static final String FUNCTION_FIELD = "tla_function";

    /**
     * A value as the trace language can hold it: a TLA+ function as TLC prints it,
     * {@code (0 :> a @@ 1 :> b)} (NicRing's descriptor arrays, indexed from 0, are not sequences),
     * becomes {@code [tla_function |-> <<<<0, a>>, <<1, b>>>>]}; any other value is unchanged.
     */
    static String toScenario(String value) {
        String v = value.strip();
        if (!v.startsWith("(") || !v.endsWith(")") || !v.contains(":>")) {
            return value;
        }
        List<String> pairs = new ArrayList<>();
        for (String pair : TlaText.splitTop(v.substring(1, v.length() - 1), "@@")) {
            List<String> kv = TlaText.splitTop(pair, ":>");
            if (kv.size() != 2) {
                return value;
            }
            pairs.add("<<" + toScenario(kv.get(0).strip()) + ", " + toScenario(kv.get(1).strip()) + ">>");
        }
        return "[" + FUNCTION_FIELD + " |-> <<" + String.join(", ", pairs) + ">>]";
    }

    /** The inverse of {@link #toScenario}, on the canonical text the printer gives back. */
    static String fromScenario(String value) {
        String v = value.strip();
        String head = "[" + FUNCTION_FIELD;
        if (!v.startsWith(head) || !v.endsWith("]")) {
            return value;
        }
        String inside = v.substring(head.length(), v.length() - 1).strip();
        if (!inside.startsWith("|->")) {
            return value;
        }
        String seq = inside.substring(3).strip();
        if (!seq.startsWith("<<") || !seq.endsWith(">>")) {
            return value;
        }
        List<String> parts = new ArrayList<>();
        String body = seq.substring(2, seq.length() - 2).strip();
        for (String pair : body.isEmpty() ? List.<String>of() : TlaText.splitTop(body, ",")) {
            String p = pair.strip();
            if (!p.startsWith("<<") || !p.endsWith(">>")) {
                return value;
            }
            List<String> kv = TlaText.splitTop(p.substring(2, p.length() - 2), ",");
            if (kv.size() != 2) {
                return value;
            }
            parts.add(fromScenario(kv.get(0).strip()) + " :> " + fromScenario(kv.get(1).strip()));
        }
        return "(" + String.join(" @@ ", parts) + ")";
    }
}
