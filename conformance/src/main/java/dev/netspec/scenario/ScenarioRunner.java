package dev.netspec.scenario;

import dev.netspec.fault.Faults;
import dev.netspec.trace.Diagnostic;
import dev.netspec.trace.ParseResult;
import dev.netspec.trace.TraceParser;
import dev.netspec.trace.ast.Item;
import dev.netspec.trace.ast.Pos;
import dev.netspec.trace.ast.Trace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a host scenario ({@code .trace} with hosts, links, calls, frames, segments, {@code run} and
 * {@code expect}) on the Java stack in virtual time. See docs/scenarios.md for the language subset
 * it executes and the semantics it gives to what the language leaves open.
 *
 * <pre>{@code
 * ScenarioResult r = ScenarioRunner.run(Path.of("examples/tcp-handshake.trace"), RunOptions.defaults());
 * r.problems().forEach(p -> System.err.println(p.render()));   // file:line:col: message
 * }</pre>
 *
 * <p>The file is parsed and checked by the grammar's checker first; a file with diagnostics is not
 * run. Recorded-step files and event scenarios are not run on the stack (event scenarios go to
 * {@link RunOptions#eventHandler()} when one is given). Never throws for bad input: every problem
 * is in the result.
 */
public final class ScenarioRunner {
    private ScenarioRunner() {
    }

    public static ScenarioResult run(Path file, RunOptions options) {
        String fallback = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        ParseResult parsed = TraceParser.parse(file);
        if (!parsed.ok()) {
            List<Problem> ps = new ArrayList<>();
            for (Diagnostic d : parsed.diagnostics()) {
                ps.add(new Problem(Problem.Kind.INPUT, d.file(), d.line(), d.column(), d.message()));
            }
            return new ScenarioResult(file, fallback, ps, List.of(), 0, 0, List.of());
        }
        Trace trace = parsed.trace().orElseThrow();
        List<Item> items = new ArrayList<>();
        try {
            expand(trace, items, 0);
        } catch (ScenarioException e) {
            return new ScenarioResult(file, fallback, List.of(e.problem()), List.of(), 0, 0, List.of());
        }
        ScenarioDocument doc = ScenarioDocument.of(fallback, trace, items);
        if (!doc.steps().isEmpty()) {
            return refuse(file, doc, doc.steps().get(0).pos(),
                    "a recorded trace (step lines) is validated against its spec by the trace validator (netspec conform), not run on the stack");
        }
        if (doc.firstEvent().isPresent()) {
            if (options.eventHandler() != null) {
                return options.eventHandler().replay(file, trace, options);
            }
            return refuse(file, doc, doc.firstEvent().get().pos(),
                    "event scenarios are replayed by the model replayer (netspec conform), not run on the stack");
        }
        if (doc.hosts().isEmpty()) {
            return new ScenarioResult(file, doc.name(), List.of(Problem.input(doc.firstPos(),
                    "nothing to run on the stack: the scenario declares no host")), List.of(), 0, 0, List.of());
        }
        try {
            return Faults.with(options.faults(), () -> new Execution(file, options, doc).run());
        } catch (RuntimeException bug) {
            // A bug in the executor or the stack: still one clear line, never a raw stack trace.
            StackTraceElement at = bug.getStackTrace().length > 0 ? bug.getStackTrace()[0] : null;
            return new ScenarioResult(file, doc.name(), List.of(Problem.input(doc.firstPos(),
                    "internal error while running the scenario: " + bug + (at == null ? "" : " at " + at))), List.of(), 0, 0, List.of());
        }
    }

    private static ScenarioResult refuse(Path file, ScenarioDocument doc, Pos pos, String message) {
        return new ScenarioResult(file, doc.name(), List.of(Problem.notForStack(pos, message)), List.of(), 0, 0, List.of());
    }

    /** The items of {@code t} with every include replaced by the included file's items (the checker has vetted them). */
    private static void expand(Trace t, List<Item> out, int depth) {
        for (Item i : t.items()) {
            if (i instanceof Item.Include inc && depth < 32) {
                Path base = Path.of(inc.pos().file()).toAbsolutePath().getParent();
                Path target = base == null ? Path.of(inc.path()) : base.resolve(inc.path());
                String name = Path.of(inc.pos().file()).resolveSibling(inc.path()).normalize().toString();
                String text;
                try {
                    text = Files.readString(target, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw ScenarioException.input(inc.pos(), "cannot read include " + inc.path() + ": " + e.getMessage());
                }
                ParseResult p = TraceParser.parseSyntax(text, name);
                if (p.trace().isEmpty()) {
                    throw ScenarioException.input(inc.pos(), "include " + inc.path() + " does not parse");
                }
                expand(p.trace().get(), out, depth + 1);
            } else {
                out.add(i);
            }
        }
    }
}
